import { editDistance, typoBudget } from "./fuzzy.ts";

/** Parts joined by "-" or "_", as resource groups are named: an ordinary word ("payments", "web") is no group's prefix. */
const JOINED = /[-_]/;
/** The usual marks of a resource group's name ("rg-payments", "payments-rg"): a word with one is meant as a group. */
const GROUP_MARK = /^rg[-_]|[-_]rg$/;
/** How many close names an answer offers. */
const MAX_NEAR = 5;

/**
 * What a word of a question says about resource groups: one by name or by a prefix only it has, or a word meant as a
 * group that names none (several groups start with it, it is a typo of one, or it is marked as a group), or nothing.
 */
export type GroupReading =
  | { readonly kind: "named"; readonly name: string }
  | { readonly kind: "unknown"; readonly word: string; readonly prefixOf: readonly string[]; readonly near: readonly string[] }
  | null;

const startsWithParts = (name: string, word: string) => name.startsWith(`${word}-`) || name.startsWith(`${word}_`);

/** "rg-payments-prod" → "rg-payments", "rg-payments-prod": the prefixes a person might type, whole parts only. */
function partPrefixes(name: string): string[] {
  const out: string[] = [];
  for (const m of name.matchAll(/[-_]/g)) if (m.index > 0 && JOINED.test(name.slice(0, m.index))) out.push(name.slice(0, m.index));
  return [...out, name];
}

/**
 * Reads `word` (lower case) against the inventory's resource groups (lower case). A prefix names a group when it is
 * whole parts of the name and only that group starts with it ("rg-payments" for "rg-payments-prod"), as subscriptions
 * are read; unlike them, it must itself be parts joined by "-" or "_", since a resource group's first part is often an
 * ordinary word.
 */
export function readResourceGroup(word: string, groups: ReadonlySet<string>): GroupReading {
  if (groups.has(word)) return { kind: "named", name: word };
  if (!JOINED.test(word)) return null;
  const prefixOf = [...groups].filter((g) => startsWithParts(g, word)).sort();
  if (prefixOf.length === 1) return { kind: "named", name: prefixOf[0]! };
  if (prefixOf.length > 1) return { kind: "unknown", word, prefixOf, near: [] };
  const budget = typoBudget(word);
  const near = budget === 0 ? [] : [...groups].filter((g) => partPrefixes(g).some((p) => editDistance(word, p, budget) <= budget)).sort().slice(0, MAX_NEAR);
  return near.length > 0 || GROUP_MARK.test(word) ? { kind: "unknown", word, prefixOf: [], near } : null;
}
