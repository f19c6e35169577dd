import type { FindingStatus, ResourceKindId } from "../domain/resource.ts";
import { KIND_DEFINITIONS, KIND_IDS } from "../azure/kinds/registry.ts";
import { RETIREMENTS } from "../catalog/lookup.ts";
import { SERVICE_SYNONYMS } from "../catalog/service-synonyms.ts";
import { UPGRADE_TARGET } from "../domain/tls-version.ts";
import type { Lang } from "../render/i18n.ts";
import { findDueWindow } from "./find-due-window.ts";
import type { Intent, ResourceFilter } from "./intent.ts";
import { targetOf, tlsFilter, versionRoles } from "./read-versions.ts";
import { unknownStatusSubject } from "./find-status-subject.ts";
import { kindsThatCannotTake } from "./upgrade-target.ts";
import { tokenize, type Hit, type Lexicon } from "./lexicon.ts";
import { JAPANESE, normalizeInput } from "./normalize-input.ts";
import { asksAboutRetirement, questionKind } from "./question-kind.ts";
import { findWholeNames } from "./find-whole-names.ts";
import { findNoticeRequest } from "./find-notice-request.ts";
import { readResourceGroup } from "./find-resource-group.ts";

/** Names the parser can recognise in a question: they come from the current inventory. */
export interface Vocabulary {
  /** lower-case resource name → resource ids (names repeat across subscriptions). */
  readonly resources: ReadonlyMap<string, readonly string[]>;
  /** lower-case display name or id → subscription id. */
  readonly subscriptions: ReadonlyMap<string, string>;
  /** lower-case resource group names. */
  readonly resourceGroups: ReadonlySet<string>;
  /** lower-case Tracking IDs of retirements ("bbbb-222", and "tracking-bbbb-222" as the id spells it) → retirement id. */
  readonly retirements?: ReadonlyMap<string, string>;
}

export interface ParsedQuestion {
  readonly intent: Intent;
  /** The language the text is written in, or null when it has no words either way ("1.2?"). */
  readonly textLang: Lang | null;
}

/**
 * Reminders paused with a length or a word between: 「リマインダーを2週間止めて」「リマインダーは来月まで停止」. The verb must end
 * the message as a request: 「…止めないで」 (don't), 「…停止を解除して」 (lift it) and 「…停止しているのはなぜ？」 (why) are no snooze.
 */
const REMINDERS_PAUSED_JA = /リマインダー?(?:を|は)?[^。！？?!]{1,16}?(?:止め|停止し?|休止し?|ミュートし?)(?:て(?:ください|下さい|ほしい|おいて|くれ)?|とい?て)?(?:ね|よ)?\s*$/;
const STATUS_OF: Record<string, readonly FindingStatus[]> = {
  "status.atRisk": ["at-risk", "overdue"],
  "status.overdue": ["overdue"],
  "status.compliant": ["compliant"],
  "status.unknown": ["unknown"],
};
// Words that say nothing about the language: product names and units shared by both, including the
// Latin words a kind's Japanese names use ("Cosmos DB アカウント").
const NEUTRAL_WORDS = new Set(["tls", "redis", "iot", "hub", "azure", "ok", "v", "ssl", "id",
  ...KIND_DEFINITIONS.flatMap((k) => [k.names.ja.one, ...k.synonyms.ja].flatMap((w) => w.toLowerCase().match(/[a-z][a-z0-9]*/g) ?? []))]);

interface Spans { start: number; end: number }

function findNames(text: string, vocab: Vocabulary) {
  const tokens = tokenize(text);
  const resources: Array<{ ids: readonly string[]; span: Spans }> = [];
  const subscriptions: Array<{ id: string; span: Spans }> = [];
  const groups: Array<{ name: string; span: Spans }> = [];
  const unknownGroups: Array<{ name: string; prefixOf: readonly string[]; near: readonly string[]; span: Spans }> = [];
  const retirements: Array<{ id: string; span: Spans }> = [];
  subscriptions.push(...findWholeNames(text, vocab.subscriptions));
  // Tracking IDs with a "_" ("7_8G-D8Z") are more than one word once the text is normalised: read whole, as such names are.
  if (vocab.retirements) retirements.push(...findWholeNames(text, vocab.retirements));
  const whole = [...subscriptions, ...retirements];
  for (const t of tokens) {
    if (t.text.length < 3 || whole.some((s) => t.start < s.span.end && s.span.start < t.end)) continue;
    const res = vocab.resources.get(t.text);
    if (res) { resources.push({ ids: res, span: t }); continue; }
    // A retirement a notice created is known to people by its Tracking ID ("status of BBBB-222").
    const retirement = vocab.retirements?.get(t.text);
    if (retirement) { retirements.push({ id: retirement, span: t }); continue; }
    // A prefix names a subscription when it is a whole word of its name: "prod-jp" or "stg" for "stg-global".
    const prefixOf = (name: string) => name.startsWith(`${t.text}-`) || (t.text.length >= 4 && /[-_]/.test(t.text) && name.startsWith(t.text));
    const sub = vocab.subscriptions.get(t.text) ?? [...vocab.subscriptions.entries()].find(([name]) => prefixOf(name))?.[1];
    if (sub) { subscriptions.push({ id: sub, span: t }); continue; }
    const group = readResourceGroup(t.text, vocab.resourceGroups);
    if (group?.kind === "named") groups.push({ name: group.name, span: t });
    else if (group) unknownGroups.push({ name: group.word, prefixOf: group.prefixOf, near: group.near, span: t });
  }
  return { tokens, resources, subscriptions, groups, unknownGroups, retirements };
}

/** "upgrade …", "set … to", 「… に上げて」: a command to change, where a question would ask what is. */
const IMPERATIVE = /^(please\s+|pls\s+|kindly\s+)?(upgrade|raise|fix|bump|harden|remediate|enforce|set|change|move|switch|update)\b/;
// 「1.2 にして」「1.3 に設定して」「1.2 へ移行して」 command too, but only with the version they go to: 「一覧にして」 asks for a
// list, and 「一覧を更新して」 for a scan.
const JA_IMPERATIVE = /(?:上げ|あげ|引き上げ|変更し|修正し|直し|適用し|強制し|アップグレードし|[0-9]\s*(?:に|へ|まで)\s*(?:し|設定し|更新し|移行し|アップデートし))て(?:ください|下さい|ほしい)?[。!！]?$/;

/** Azure resource names as people type them: letters and digits in parts joined by "-" or "_", with a letter somewhere. */
const NAME_SHAPED = /^(?=.*[a-z])[a-z0-9]+(?:[-_][a-z0-9]+)+$/;

/**
 * Words only English has, however little else of a message is understood ("Is there a reason why …", "X and Y").
 * Not "no" and "to": romaji writes the particles の and と so ("kyasshu no ichiran", "sore to kore").
 */
const ENGLISH_WORDS = new Set(["a", "an", "the", "and", "or", "but", "of", "in", "on", "at", "for", "with", "from", "by", "about",
  "is", "are", "was", "were", "be", "been", "do", "does", "did", "have", "has", "can", "could", "would", "should", "will", "please",
  "what", "which", "who", "why", "how", "when", "where", "there", "this", "that", "these", "those", "it", "i", "we", "you", "my", "our", "your",
  "not", "yes", "all", "any", "some", "still", "yet", "me", "us", "show", "tell", "give", "let"]);

/**
 * Latin words are English when the lexicon knows them or English has them alone: "foo bar baz", a mistyped name or
 * romaji say nothing of the reader's language, which is then the one the user chose or the platform reports (a ja-JP browser).
 */
function textLanguage(text: string, hits: readonly Hit[], nameSpans: readonly Spans[]): Lang | null {
  if (JAPANESE.test(text)) return "ja";
  const english = (h: Hit) => h.concept.startsWith("intent.") || h.concept.startsWith("kind.")
    || (text.slice(h.start, h.end).match(/[a-z]{2,}/g) ?? []).some((w) => !NEUTRAL_WORDS.has(w));
  if (hits.some(english)) return "en";
  return tokenize(text).some((t) => ENGLISH_WORDS.has(t.text) && !nameSpans.some((s) => t.start < s.end && s.start < t.end)) ? "en" : null;
}

const UNIT_DAYS: Record<string, number> = { day: 1, days: 1, d: 1, week: 7, weeks: 7, w: 7, month: 30, months: 30, year: 365, years: 365, "日": 1, "日間": 1, "週": 7, "週間": 7, "か月": 30, "ヶ月": 30, "カ月": 30, "ケ月": 30, "ヵ月": 30, "か月間": 30, "ヶ月間": 30, "カ月間": 30, "年": 365, "年間": 365 };

const SERVICE_NAMES = Object.entries(SERVICE_SYNONYMS)
  .flatMap(([id, names]) => [...names.en, ...names.ja].map((name) => ({ id, name: name.normalize("NFKC").toLowerCase() })))
  .sort((a, b) => b.name.length - a.name.length);

/** The catalog retirement a message names by its service ("storage account", 「ストレージ アカウント」), or null. */
function serviceRetirement(text: string): string | null {
  for (const { id, name } of SERVICE_NAMES) {
    const at = text.indexOf(name);
    if (at < 0) continue;
    const before = text[at - 1] ?? " ";
    const after = text[at + name.length] ?? " ";
    if (/[a-z0-9]/.test(before) || /[a-z0-9]/.test(after)) continue;
    return id;
  }
  return null;
}

/** A question about when something is due: "what's the deadline for", "deadline of", "by when", "when …", 「期限は」「いつまで」「いつ廃止」. */
const ASKS_DEADLINE = /\b(?:what\s*s|what is|what are|tell me|show me|give me)\s+(?:the\s+)?(?:deadlines?|due dates?|retirement dates?|cut-?off(?: dates?)?|end dates?)\b|\b(?:deadlines?|due dates?|retirement dates?|cut-?off(?: dates?)?) (?:for|of)\b|\bby when\b|^when\b|期限は|期日は|廃止日は|いつまで|いつ(?:廃止|終了|で終わ|が期限)|期限はいつ/;

/**
 * The retirements a question names: its kinds' (Front Door and Front Door (classic) share one), else a service the
 * catalog knows by name ("storage account", 「MARS エージェント」). Kinds with no TLS retirement are kept apart, to be
 * said so. Null when the question names no service.
 */
function retirementsNamed(text: string, kinds: readonly ResourceKindId[]): { retirementIds: string[]; kindsWithout: ResourceKindId[] } | null {
  if (kinds.length > 0) {
    const defs = kinds.map((k) => KIND_DEFINITIONS.find((d) => d.id === k)!);
    return { retirementIds: [...new Set(defs.flatMap((d) => (d.retirementId ? [d.retirementId] : [])))], kindsWithout: defs.filter((d) => !d.retirementId).map((d) => d.id) };
  }
  const id = serviceRetirement(text);
  return id ? { retirementIds: [id], kindsWithout: [] } : null;
}

/** Words reporting something finished, as operators write them (text is already NFKC-lowercased). */
const DONE_WORDS = /\b(updated|upgraded|done|completed|finished|installed|patched)\b|更新済み?|更新(しました|完了|が完了)|アップデート(済み?|しました|完了)|対応済み?|対応(しました|完了)|完了(しました)?/;

const QUESTION = /\?|^(is|are|did|do|does|have|has|was|were|which|what|how|when|who)\b|(です|ました|でした)?か$|かどうか/;

/** "7 days", "2 weeks", "-3 days", 「7日間」, 「2週間」: the length of a snooze in days, as written (null when none). */
function snoozeDays(text: string): number | null {
  const m = /(-?\d{1,6})\s*(days?|d|weeks?|w|months?|years?|日間|日|週間|週|[かヶカケヵ]月間?|年間|年)(?![a-z])/.exec(text);
  if (!m) return null;
  return Number(m[1]) * UNIT_DAYS[m[2]!]!;
}

/** Reads one chat message. Pure: the vocabulary and the clock are passed in. */
export function parseQuestion(raw: string, lexicon: Lexicon, vocab: Vocabulary, now: Date, timeZone: string): ParsedQuestion {
  const { text, truncated } = normalizeInput(raw);
  if (!text || text === "?") return { intent: { type: text === "?" ? "help" : "unknown", ...(text === "?" ? {} : { reason: "empty" }) } as Intent, textLang: null };
  // A notice is named by its number, which a resource or subscription name must not be taken for.
  const aboutNotices = findNoticeRequest(text);
  if (aboutNotices) return { intent: aboutNotices, textLang: JAPANESE.test(text) ? "ja" : "en" };
  const names = findNames(text, vocab);
  const nameSpans = [...names.resources.map((r) => r.span), ...names.subscriptions.map((s) => s.span), ...names.groups.map((g) => g.span), ...names.retirements.map((r) => r.span)];
  const hits = lexicon.find(text, names.tokens, nameSpans);
  const textLang = textLanguage(text, hits, nameSpans);
  const has = (prefix: string) => hits.some((h) => h.concept.startsWith(prefix));

  // Exact concepts, not prefixes: one kind id may begin with another ("frontdoor", "frontdoorclassic").
  const kinds = KIND_IDS.filter((k) => hits.some((h) => h.concept === `kind.${k}`));
  const imperative = IMPERATIVE.test(text);
  const commanded = imperative || (JAPANESE.test(text) && JA_IMPERATIVE.test(text));
  const versions = versionRoles(text, hits);
  const target = targetOf(versions);
  // "upgrade" is also a word for at risk ("which caches can I upgrade"); a command that says where it goes or where it
  // starts says what it acts on itself: "upgrade the event hubs from 1.2 to 1.3" wants the compliant ones on 1.2.
  const located = commanded && (target !== null || versions.from.length > 0);
  // "upgrades" inside "which upgrades are in progress" names tlsbot's own upgrades, not resources that need one.
  const approvalSpans = hits.filter((h) => h.concept === "intent.approvals");
  const insideApprovals = (h: Hit) => approvalSpans.some((a) => h.start >= a.start && h.end <= a.end);
  const statuses = [...new Set(hits.filter((h) => !(located && h.concept === "status.atRisk" && text.slice(h.start, h.end) === "upgrade") && !(h.concept === "status.atRisk" && insideApprovals(h))).flatMap((h) => STATUS_OF[h.concept] ?? []))];
  const said = (concept: string, words: RegExp) => hits.some((h) => h.concept === concept && words.test(text.slice(h.start, h.end)));
  const statusWord = said("intent.status", /^(?:status|state|状態|状況|ステータス)$/);
  const tls = tlsFilter(text, hits, versions, commanded, statuses, has("intent.overview") || statusWord);
  const unset = has("status.unset");
  const due = findDueWindow(text, hits, now, timeZone, kinds.length > 0 || statuses.length > 0);
  const subscriptionIds = [...new Set(names.subscriptions.map((s) => s.id))];
  const resourceGroups = [...new Set(names.groups.map((g) => g.name))];
  const filtering = kinds.length > 0 || tls !== undefined || statuses.length > 0 || due !== null || subscriptionIds.length > 0 || resourceGroups.length > 0 || unset;

  // 「リマインダーを2週間止めて」: the length stands inside the phrase the lexicon knows as 「リマインダーを止め」.
  const snoozeSaid = has("intent.snooze") || REMINDERS_PAUSED_JA.test(text);
  if (snoozeSaid || has("intent.resume")) {
    // "snooze redis for 2 weeks": a named kind snoozes its retirement only.
    // A named service without a kind of its own ("snooze storage for 2 weeks") maps through the catalog's names.
    const kind = kinds.length === 1 ? KIND_DEFINITIONS.find((k) => k.id === kinds[0]) : undefined;
    const retirementId = kind ? kind.retirementId : kinds.length === 0 ? (names.retirements[0]?.id ?? serviceRetirement(text)) : null;
    // A kind with no retirement has no reminders: say so rather than snooze everything.
    const none = kind && kind.retirementId === null ? { noRetirementKind: kind.id } : {};
    if (has("intent.resume") && !snoozeSaid) return { intent: { type: "resume", retirementId, ...none }, textLang };
    const days = snoozeDays(text);
    if (days === null && has("intent.resume")) return { intent: { type: "resume", retirementId, ...none }, textLang };
    // "snooze" without a length is asked about, not guessed.
    return { intent: { type: "snooze", days, retirementId, ...none }, textLang };
  }
  // An agent retirement (nothing to scan) named with a word of completion: its checklist item is reported done.
  // A question ("are the MARS agents updated?") is not a report: only a statement ticks.
  if (kinds.length === 0 && DONE_WORDS.test(text) && !QUESTION.test(text)) {
    const retirementId = serviceRetirement(text);
    if (retirementId && RETIREMENTS.find((r) => r.id === retirementId)?.resourceTypes.length === 0 && RETIREMENTS.find((r) => r.id === retirementId)!.checklist.length > 0) {
      return { intent: { type: "checklistDone", retirementId, item: null }, textLang };
    }
  }
  // "caches in rg-iot" (two groups start with it), "caches in rg-paymnts": a scope that names no group is said back, never
  // dropped for an answer about everything (nor a subscription made to everything). A word the lexicon reads is none.
  const unknownGroup = names.unknownGroups.find((g) => !hits.some((h) => h.start < g.span.end && g.span.start < h.end));
  if (unknownGroup && names.resources.length === 0) {
    return { intent: { type: "resourceGroupUnknown", name: unknownGroup.name, prefixOf: unknownGroup.prefixOf, near: unknownGroup.near }, textLang };
  }
  // A question that names a subscription, a resource group or a resource is about the inventory ("why is prod-jp-east at
  // risk?", "how does prod-jp-east look?"), however it is asked.
  const named = names.resources.length > 0 || subscriptionIds.length > 0 || resourceGroups.length > 0;
  const kindOfQuestion = named ? null : questionKind(text, kinds.length > 0);
  // "which subscriptions have the most problems" is about Azure subscriptions, not this channel's; "how do I enable TLS on
  // an Event Grid subscription" about neither; nor is "status of subscription prod-jp-east", which names one.
  const azureSubscription = subscriptionIds.length > 0 && hits.some((h) => h.concept === "intent.subscriptions" && text.slice(h.start, h.end).startsWith("subscription"));
  if (has("intent.subscriptions") && !has("intent.unsubscribe") && !has("intent.overview") && !azureSubscription && kindOfQuestion !== "beyondInventory") return { intent: { type: "subscriptions" }, textLang };
  if (has("intent.unsubscribe")) return { intent: { type: "unsubscribe" }, textLang };
  if (has("intent.subscribe")) {
    const langs = has("intent.both") ? "ja+en" : has("intent.languageJa") ? "ja" : has("intent.languageEn") ? "en" : undefined;
    return { intent: { type: "subscribe", scopes: [...subscriptionIds, ...resourceGroups], ...(langs ? { langs } : {}) }, textLang };
  }
  const onlyAbout = (...prefixes: string[]) => hits.every((h) => prefixes.some((p) => h.concept.startsWith(p)));
  if ((has("intent.languageJa") || has("intent.languageEn")) && !filtering && onlyAbout("intent.language", "intent.list", "intent.help", "kind.any", "op.")) {
    return { intent: { type: "language", lang: has("intent.languageJa") ? "ja" : "en" }, textLang };
  }
  // "status of BBBB-222", 「追跡 ID BBBB-222 の状況」: a retirement named by its Tracking ID is answered as one named by its
  // service is, unless the question also names where to look.
  if (names.retirements.length > 0 && names.resources.length === 0 && subscriptionIds.length === 0 && resourceGroups.length === 0) {
    return { intent: { type: "retirements", retirementIds: [...new Set(names.retirements.map((r) => r.id))] }, textLang };
  }
  const resourceIds = [...new Set(names.resources.flatMap((r) => r.ids))];
  // "who approved the upgrade of X" asks for X's history: it must not open an upgrade dialog.
  if (has("intent.audit") && resourceIds.length === 1) return { intent: { type: "audit", resourceId: resourceIds[0]! }, textLang };
  // "upgrade X to 1.2", "fix X", 「X を 1.2 に上げて」: a verb of change and a named resource. Without a name
  // the same words are a question ("which caches can I upgrade"), answered as a list.
  // An imperative "set X to 1.2" / "change X to TLS 1.2" (a question would start with is/which/…).
  // ("upgrade" alone is also an at-risk word: "which caches can I upgrade".)
  if ((has("intent.upgrade") || imperative) && resourceIds.length > 0 && due === null) {
    // Only a version it goes to is the target: in "upgrade X from 1.0" 1.0 is where X is now.
    return { intent: { type: "upgrade", resourceIds, target }, textLang };
  }
  // "upgrade redis-cart-prd to 1.2": a command whose object is shaped like a resource name (words joined by "-" or "_")
  // but names nothing known is a typo, not a request for every resource below 1.2.
  if (commanded && resourceIds.length === 0 && kinds.length === 0 && subscriptionIds.length === 0 && resourceGroups.length === 0 && due === null) {
    const unknownName = names.tokens.find((t) => NAME_SHAPED.test(t.text) && !hits.some((h) => h.start < t.end && t.start < h.end))?.text;
    if (unknownName) return { intent: { type: "upgrade", resourceIds: [], target, unknownName }, textLang };
  }
  if (has("intent.approvals") && !filtering && resourceIds.length === 0) return { intent: { type: "approvals" }, textLang };
  if (names.resources.length === 1 && tls === undefined && due === null) return { intent: { type: "resource", resourceId: resourceIds[0]! }, textLang };
  if (names.resources.length > 1) return { intent: { type: "list", filter: { resourceIds }, offset: 0 }, textLang };
  // A question about legacy TLS ending ("is TLS 1.0 going to be deprecated from storage?") is answered by the retirement;
  // why, how-to and feature questions by saying what tlsbot answers (question-kind.ts); "how do I enforce TLS 1.2 on my
  // caches" by the caches still to raise, each with its upgrade.
  // Not when it says what to list: a status ("resources affected when TLS 1.0 is retired"), "resources", or a name.
  // ("ok, so are there plans to disable old TLS?": "ok" opens the sentence, it is no status.)
  const listsSomething = statuses.some((st) => st !== "compliant") || has("kind.any") || named || unset;
  // The service a question names (a kind, or a catalog service by name), read once for the retirement, deadline and changes readings.
  const about = retirementsNamed(text, kinds);
  if (!listsSomething && asksAboutRetirement(text, QUESTION.test(text))) return { intent: { type: "retirements", ...(about ?? {}) }, textLang };
  // "what can you do?" asks for help, in the words of a question to the vendor.
  if (kindOfQuestion === "beyondInventory" && !(has("intent.help") && !filtering)) return { intent: { type: "unknown", reason: "notInventory" }, textLang };
  if (kindOfQuestion === "howToRaise") return { intent: { type: "list", filter: { kinds, statuses: ["at-risk", "overdue"] }, offset: 0 }, textLang };
  // "summary", 「全体の状況」, and "status" with nothing named (with a resource it asks for that one, answered above; the
  // other words of asking about one, "details", "about", say nothing without it): a
  // status word ("overdue summary") does not narrow an overview; a kind, a version or a window makes it a
  // list ("status of caches in prod-jp").
  // Asked about a subscription or resource group ("status of prod-jp-east", 「prod-jp-east の状況は？」), the overview is
  // narrowed to it; "how is Contoso Production doing" and 「prod-jp-east はどう？」 ask the same there. Asked for its
  // resources ("list prod-jp-east", "status of the resources in prod-jp-east", 「prod-jp-east の一覧」) it is a list, unless a
  // summary is what it asks for ("summary of everything in prod-jp-east"); 「全体」 is the whole of it, not its resources.
  const scoped = subscriptionIds.length > 0 || resourceGroups.length > 0;
  const asksHow = scoped && (said("intent.status", /^(?:how is|どう|どうなって)$/) || (azureSubscription && said("intent.subscriptions", /^subscription status$/)));
  const asksForResources = said("intent.list", /^(?:list|一覧|リスト)$/) || (said("kind.any", /^(?!全体$)/) && !has("intent.overview"));
  if ((has("intent.overview") || statusWord || asksHow) && kinds.length === 0 && tls === undefined && due === null && !unset && !(scoped && asksForResources)) {
    const scope = { ...(subscriptionIds.length ? { subscriptionIds } : {}), ...(resourceGroups.length ? { resourceGroups } : {}) };
    // "status of nosuchthing": the overview answers, but not before saying that nothing has that name.
    const unknownName = scoped ? undefined : unknownStatusSubject(text, hits, NEUTRAL_WORDS, () => [...vocab.resources.keys(), ...vocab.subscriptions.keys(), ...vocab.resourceGroups]);
    return { intent: { type: "overview", ...(scoped ? { scope } : {}), ...(unknownName ? { unknownName } : {}) }, textLang };
  }
  // "what changed since the last scan" names a scan but asks about the one already run; narrowed to a kind, a scope or a
  // service ("what changed in prod-jp-east", 「新しく見つかったキャッシュ」) it is a list, which shows each one's state.
  if (has("intent.changes") && !named && about === null && tls === undefined && due === null) return { intent: { type: "changes" }, textLang };
  if (has("intent.scan") && tls === undefined && due === null && statuses.length === 0) return { intent: { type: "scan" }, textLang };
  if (has("intent.help") && !filtering) return { intent: { type: "help" }, textLang };
  if (has("intent.more") && !filtering) return { intent: { type: "more" }, textLang };
  // "what's the deadline for app service", "when is redis retiring", 「Redis の期限はいつ？」: the deadline of a named
  // service is its retirement's, not a list of resources due soon (which would say "0 found" when it is months away).
  // 「いつまでに対応が必要？」 asks when, though "needs action" is also a status word: a status does not make it a list.
  const asksDeadline = about !== null && ASKS_DEADLINE.test(text) && resourceIds.length === 0 && (due === null || due.label === "upcoming")
    && subscriptionIds.length === 0 && resourceGroups.length === 0;
  if (asksDeadline || (has("intent.retirements") && tls === undefined && statuses.length === 0 && !has("kind.any"))) {
    return { intent: { type: "retirements", ...(about ?? {}) }, textLang };
  }
  // Small talk with nothing else in it ("thanks!", 「こんにちは」): answered in kind, not as a question not understood.
  // "ok thanks", 「OK ありがとう」: "ok" is also a word for compliant.
  if (!truncated && (has("intent.thanks") || has("intent.greeting")) && onlyAbout("intent.thanks", "intent.greeting", "intent.list", "intent.status", "kind.any", "status.compliant")) {
    return { intent: { type: "help", reason: has("intent.thanks") ? "thanks" : "greeting" }, textLang };
  }
  // "what"/"show" alone says nothing about what to list ("what's for lunch"): an object or a filter must be there.
  if (filtering || has("kind.any")) {
    // "upgrade all caches to 1.3": a kind that cannot be set that high is said so by name, not listed as if its caches
    // on 1.2 needed raising; asked of everything ("raise everything to 1.3"), the list is of the kinds that can.
    const cannot = commanded && target ? kindsThatCannotTake(kinds.length ? kinds : KIND_IDS, target) : [];
    if (target && cannot.length > 0 && (kinds.length > 0 || cannot.length === KIND_IDS.length)) return { intent: { type: "upgrade", resourceIds: [], target, unsupportedKinds: cannot }, textLang };
    // tlsbot raises to one version only: "upgrade the SQL servers to 1.3" is answered as "upgrade sql-x to 1.3" is,
    // not with a list whose buttons would raise them to 1.2.
    if (commanded && target && target !== UPGRADE_TARGET) return { intent: { type: "upgrade", resourceIds: [], target }, textLang };
    const able = kinds;
    // "fix redis", 「キャッシュを直して」: a command naming no version raises to the one target there is, so what it can act on
    // is what is still below it, not every cache (the compliant ones among them).
    const below = tls ?? (commanded ? { op: "lt" as const, version: UPGRADE_TARGET } : undefined);
    const filter: ResourceFilter = {
      ...(able.length ? { kinds: able } : {}),
      ...(below ? { tls: below } : {}),
      ...(statuses.length ? { statuses } : {}),
      ...(due ? { due } : {}),
      ...(subscriptionIds.length ? { subscriptionIds } : {}),
      ...(resourceGroups.length ? { resourceGroups } : {}),
      ...(unset ? { unset } : {}),
    };
    return { intent: { type: "list", filter, offset: 0 }, textLang };
  }
  return { intent: { type: "unknown", reason: truncated ? "tooLong" : "notUnderstood" }, textLang };
}
