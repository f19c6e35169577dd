import { editDistance, typoBudget } from "./fuzzy.ts";
import type { Hit } from "./lexicon.ts";

/**
 * The one word a status question asks about: "status of X", "what's the state for the X", 「X の状況」「X のステータス」,
 * with the determiner before it ("the", "our"). A name the inventory has was read before this.
 */
const STATUS_SUBJECT = /\b(?:status|state|summary|overview|progress)\s+(?:of|for|on)\s+(?:(the|my|our|your|this|that)\s+)?([a-z0-9][a-z0-9._-]*)(?:\s+([a-z]+))?|(?<![a-z0-9._-])([a-z0-9][a-z0-9._-]*)\s*(?:の|は)\s*(?:状況|状態|ステータス|概要|サマリー?|進捗)/d;
const NOT_A_NAME = new Set(["it", "them", "this", "that", "these", "those", "us", "me", "you", "now", "today"]);

/** Parts joined by "-", "_" or ".", or digits in it: how Azure resources are named ("nosuchthing-01", "vm01"). */
const RESOURCE_SHAPED = /[-_.]|\d/;

/**
 * What people ask the status of when they mean the whole estate: "status of the migration", "our cloud migration",
 * 「migration の状況」. A plain English word that stands alone after "status of" may still be a name ("status of
 * nosuchthing"); these never are.
 */
const ABOUT_EVERYTHING = new Set(["migration", "migrations", "rollout", "rollouts", "project", "projects", "program", "programme", "initiative",
  "effort", "work", "progress", "plan", "plans", "remediation", "transition", "cutover", "changeover", "cleanup", "hardening", "deprecation",
  "estate", "environment", "environments", "tenant", "fleet", "org", "organization", "organisation", "company", "team", "stuff"]);

/** Whether a word is one typo from a name the inventory has ("stpaymentexport" for "stpaymentsexport"). */
function nearName(word: string, names: Iterable<string>): boolean {
  const budget = typoBudget(word);
  if (budget === 0) return false;
  for (const name of names) if (editDistance(word, name, budget) <= budget) return true;
  return false;
}

/**
 * The word a status question asked about when nothing in the inventory has that name, said back before the overview
 * ("status of nosuchthing-01"). Not a noun phrase about the work as a whole ("status of the migration", "status of
 * cloud migration"), which the overview answers as it is; not a word the lexicon knows ("status of everything") or
 * one that says nothing of either language (`neutral`: "status of tls"). `names`: the inventory's lower-case names.
 */
export function unknownStatusSubject(text: string, hits: readonly Hit[], neutral: ReadonlySet<string>, names: () => Iterable<string>): string | undefined {
  const m = STATUS_SUBJECT.exec(text);
  const at = m?.indices?.[2] ?? m?.indices?.[4];
  if (!m || !at) return undefined;
  const [start, end] = at;
  const word = text.slice(start, end);
  if (neutral.has(word) || NOT_A_NAME.has(word) || /^\d/.test(word) || hits.some((h) => h.start < end && start < h.end)) return undefined;
  if (RESOURCE_SHAPED.test(word) || nearName(word, names())) return word;
  const determiner = m[1] !== undefined;
  const head = m[3];
  if (determiner || ABOUT_EVERYTHING.has(word) || (head !== undefined && ABOUT_EVERYTHING.has(head))) return undefined;
  return word;
}
