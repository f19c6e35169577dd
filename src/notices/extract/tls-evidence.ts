import type { Evidence } from "../notice.ts";
import { EVIDENCE, type EvidenceKind } from "./evidence-vocabulary.ts";
import { findDates } from "./find-dates.ts";

/** One sentence and which kinds of evidence it carries. */
export interface SentenceFeatures {
  readonly start: number;
  readonly end: number;
  readonly text: string;
  readonly has: ReadonlySet<EvidenceKind | "date">;
}

/**
 * Sentence ends: a line end, a Japanese full stop, ". " — and a full stop glued to the next sentence's capital
 * (HTML mails flattened to text lose the space: "platform.What this means"), which an ARM type such as
 * "Microsoft.Web/sites" never looks like (its next word runs on into "/" or another capital).
 * A line that ends on a comma (「…以下の通信、及び、」, "TLS 1.0,") breaks mid-sentence: it runs on into the next line.
 */
export const BOUNDARY = /(?<![、,]\s*)\n|[。！？]|[.!?](?=\s)|(?<=[a-z0-9]{2}[.!?])(?=[A-Z][a-z]+[\s,:'’])/g;
/** What every legacy/modern TLS evidence pattern contains: only sentences holding one are read. */
const ANCHOR = /TLS|SSL|Transport Layer Security|protocol|プロトコル/gi;

/**
 * The sentences that mention TLS (or protocols), with their offsets: bounded by Japanese full stops,
 * ". " / "! " / "? ", and line ends. Version numbers ("TLS 1.2") never split because their dot is not
 * followed by a space. Long notices are mostly filler, so sentences are found around the mentions only.
 */
export function sentences(text: string): Array<{ start: number; end: number; text: string }> {
  const out: Array<{ start: number; end: number; text: string }> = [];
  let coveredTo = -1;
  for (const a of text.matchAll(ANCHOR)) {
    if (a.index < coveredTo) continue;
    const from = Math.max(0, a.index - 400);
    let start = from;
    for (const m of text.slice(from, a.index).matchAll(BOUNDARY)) start = from + m.index + m[0].length;
    BOUNDARY.lastIndex = 0;
    const rest = text.slice(a.index, a.index + 600);
    const stop = new RegExp(BOUNDARY.source).exec(rest);
    const end = stop ? a.index + stop.index + stop[0].length : Math.min(text.length, a.index + 600);
    coveredTo = end;
    const raw = text.slice(start, end);
    const lead = raw.length - raw.trimStart().length;
    const body = raw.trim();
    if (body.length > 0) out.push({ start: start + lead, end: start + lead + body.length, text: body });
  }
  return out;
}

/** A table row (Markdown or pipe table, also quoted with `>`), and a table's separator row. */
const TABLE_ROW = /^\s*(?:>\s*)?\|.*\|\s*$/;
const SEPARATOR_ROW = /^\s*(?:>\s*)?\|(?:\s*:?-{3,}:?\s*\|)+\s*$/;
/**
 * A Markdown table may leave out its outer pipes ("Retirement Date | Deprecated Feature" over "-|-"): any line with a
 * pipe may then be a row, so it counts as one only in a table whose separator row is found, under its header.
 */
const BARE_ROW = { test: (line: string): boolean => line.includes("|") && !line.includes("\n") };
// Only pipes, dashes, colons, quote marks and blanks, with a pipe and a dash: one character class, so a line of
// thousands of blanks is read once (two neighbouring `\s*` would try every way of sharing them out).
const BARE_SEPARATOR_ROW = { test: (line: string): boolean => /^[\s>|:-]+$/.test(line) && line.includes("|") && line.includes("-") };

interface TableContext {
  /** The table's header row: its column names ("Retiring feature", "End of support") carry the verb. */
  readonly header: string;
  /** The nearest line above the table that holds a date (a section heading such as "February 28, 2025"). */
  readonly heading: { start: number; end: number; text: string } | null;
}

/**
 * A table row says little on its own ("| Service Bus | Support for TLS 1.0 |"): what happens to it is in the
 * column headers, and when, often in the heading above the table. Null for anything that is not a body row.
 */
function tableContext(text: string, start: number, end: number): TableContext | null {
  const row = text.slice(start, end);
  const bare = !TABLE_ROW.test(row);
  if (bare && !BARE_ROW.test(row)) return null;
  const isRow = bare ? BARE_ROW : TABLE_ROW;
  const isSeparator = bare ? BARE_SEPARATOR_ROW : SEPARATOR_ROW;
  let lineStart = text.lastIndexOf("\n", start - 1) + 1;
  let header: string | null = null;
  let separated = false;
  // Walk up the rows of this table; its first row is the header (stop after a bounded number of rows).
  for (let i = 0; i < 200 && lineStart > 0; i++) {
    const prevStart = text.lastIndexOf("\n", lineStart - 2) + 1;
    const prev = text.slice(prevStart, lineStart - 1);
    if (!isRow.test(prev)) break;
    if (isSeparator.test(prev)) separated = true;
    else header = prev;
    lineStart = prevStart;
  }
  if (header === null || (bare && !separated)) return null;
  let heading: TableContext["heading"] = null;
  for (let i = 0, at = lineStart; i < 6 && at > 0; i++) {
    const prevStart = text.lastIndexOf("\n", at - 2) + 1;
    const line = text.slice(prevStart, at - 1);
    at = prevStart;
    if (findDates(line).length > 0) {
      heading = { start: prevStart, end: prevStart + line.length, text: line };
      break;
    }
  }
  return { header, heading };
}

/** A list item: a marker opens its line ("* TLSv1/TLSv1.1: …", "- TLS 1.0", 「・TLS 1.0」), also quoted with ">". */
const LIST_ITEM = /^\s*(?:>\s*)*(?:[-*•・●▪]|\d{1,2}[.)])\s+\S|^\s*(?:>\s*)*[・●▪]\S/;

/**
 * The sentence that introduces a list ("On 8 March 2027 we will start disabling the following:", 「以下を無効化します：」):
 * a list item that names legacy TLS ("* TLS 1.0 and 1.1: all HTTPS endpoints") undergoes what the lead-in says, as a
 * table row undergoes what its header says. The last sentence of the nearest line above the item's list, when that
 * line ends in a colon; otherwise null (a list under a heading or a paragraph says nothing of what happens to it).
 */
const CLASSIFYING = /\b(?:considered|regarded as|deemed|known as|classified as)\b|(?:と|として)(?:みなされ|見なされ|分類され|考えられ)/i;

function leadInOf(text: string, start: number): string | null {
  let lineStart = text.lastIndexOf("\n", start - 1) + 1;
  const lineEnd = text.indexOf("\n", start);
  if (!LIST_ITEM.test(text.slice(lineStart, lineEnd < 0 ? text.length : lineEnd))) return null;
  for (let i = 0; i < 30 && lineStart > 0; i++) {
    const prevStart = text.lastIndexOf("\n", lineStart - 2) + 1;
    const prev = text.slice(prevStart, lineStart - 1);
    lineStart = prevStart;
    if (!/[^\s>]/.test(prev) || LIST_ITEM.test(prev)) continue;
    if (!/[:：]\s*$/.test(prev)) return null;
    const lastStop = Math.max(prev.lastIndexOf("。"), ...[". ", "! ", "? "].map((p) => prev.lastIndexOf(p)));
    const leadIn = prev.slice(lastStop + 1);
    // "The following protocols are considered weak or deprecated:", 「以下は非推奨とみなされます：」 judges the items, it changes nothing.
    return CLASSIFYING.test(leadIn) ? null : leadIn;
  }
  return null;
}

/**
 * TLS 1.0 named as where a service goes, not what it leaves: "will migrate to TLS 1.0 and will no longer support SSL 3.0",
 * "enable TLS 1.0", 「TLS 1.0 へ移行」「TLS 1.0 を有効に」 (the POODLE notices of 2014–2015). Blanked before legacy TLS is looked for.
 */
const TLS10_AS_DESTINATION = [
  /\b(?:migrat|mov|upgrad|switch|transition|chang|updat)(?:e|es|ed|ing|s)?\s+(?:[\w-]+\s+){0,4}?to\s+(?:use\s+)?(?:the\s+)?TLS\s*(?:v(?:ersion)?\s*)?1\.0\b(?:\s*\([^()\n]{2,40}\))?(?:\s*(?:or|and) (?:higher|later|above|newer))?/gi,
  /\benabl(?:e|es|ed|ing)\s+(?:the\s+)?TLS\s*(?:v(?:ersion)?\s*)?1\.0\b/gi,
  /TLS\s*1\.0\s*(?:\([^()\n]{2,40}\)\s*)?(?:以上)?\s*(?:へ|に)(?:の)?\s*(?:移行|切り替え|切替|変更|アップグレード)/g,
  /TLS\s*1\.0\s*(?:\([^()\n]{2,40}\)\s*)?(?:を)?\s*有効(?:化|に)/g,
];

/**
 * Every TLS version from 1.0 up, offered as alternatives or as a floor: "TLS 1.0, 1.1 or 1.2", "TLS 1.0 or higher",
 * 「TLS 1.0、TLS 1.1、あるいは TLS 1.2」「TLS 1.0 以上」. That is TLS as such, set against SSL 3.0 (sites that speak none of
 * them, clients to support one of them): no legacy version goes. Blanked, as TLS 1.0 named as a destination is.
 * (A list joined by "and" may still retire its first items: "TLS 1.0, 1.1 and 1.2 until May, then only 1.2".)
 */
const TLS10_AS_FLOOR = [
  /\bTLS\s*(?:v(?:ersion)?\s*)?1\.0(?:\s*,\s*(?:TLS\s*)?1\.[0-3])*,?\s+(?:or|and\/or)\s+(?:TLS\s*)?1\.[23]\b/gi,
  /\bTLS\s*(?:v(?:ersion)?\s*)?1\.0\s+(?:or|and) (?:higher|later|above|newer)\b/gi,
  /TLS\s*1\.0(?:\s*[、,]\s*(?:TLS\s*)?1\.[0-3])*(?:\s*[、,])?\s*(?:あるいは|または|又は|もしくは|或いは|か)\s*(?:TLS\s*)?1\.[23]/g,
  /TLS\s*1\.0\s*以上/g,
];

function featuresOf(s: { start: number; end: number; text: string }, text: string): SentenceFeatures & { table: TableContext | null } {
  const has = new Set<EvidenceKind | "date">();
  // Only a sentence that names a TLS version (or legacy protocols) can carry a verdict: skip the rest early.
  // TLS 1.0 as where the service moves to, or as the floor of what stays, is no legacy TLS going away.
  const leaving = /TLS\s*(?:v(?:ersion)?\s*)?1\.0/i.test(s.text) ? [...TLS10_AS_DESTINATION, ...TLS10_AS_FLOOR].reduce((t, re) => t.replace(re, " "), s.text) : s.text;
  if (EVIDENCE.legacyTls.some((re) => re.test(leaving))) has.add("legacyTls");
  if (EVIDENCE.modernTls.some((re) => re.test(s.text))) has.add("modernTls");
  if (has.size === 0) return { ...s, has, table: null };
  // Which versions the sentence names is settled above: the raw text would bring back a legacy version blanked there.
  addEvidence(has, s.text, BESIDE_VERSIONS);
  if (findDates(s.text).length > 0) has.add("date");
  // A list item takes what its lead-in says: what happens to the items, when, and whether it is only a choice.
  const leadIn = s.start >= 0 ? leadInOf(text, s.start) : null;
  if (leadIn) {
    addEvidence(has, leadIn, BESIDE_VERSIONS);
    if (findDates(leadIn).length > 0) has.add("date");
  }
  const table = s.start >= 0 ? tableContext(text, s.start, s.end) : null;
  if (table) {
    addEvidence(has, table.header, ["ending", "continuingUntil", "restricting", "requiring", "timeWords"]);
    if (table.heading) has.add("date");
  }
  return { ...s, has, table };
}

const ALL_KINDS = Object.keys(EVIDENCE) as EvidenceKind[];
/** What a lead-in may add: which TLS versions are meant is the item's own to say. */
const BESIDE_VERSIONS = ALL_KINDS.filter((k) => k !== "legacyTls" && k !== "modernTls");

/** Adds each of `kinds` that `wording` shows evidence of. */
function addEvidence(has: Set<EvidenceKind | "date">, wording: string, kinds: readonly EvidenceKind[]): void {
  for (const kind of kinds) if (!has.has(kind) && EVIDENCE[kind].some((re) => re.test(wording))) has.add(kind);
}

export type TlsVerdict = "ending" | "continuing-until" | "restricting-from" | "required-from";

/**
 * Why one sentence says legacy TLS goes away, or null. Evidence, not phrases:
 * - an ending verb (retire, disable, no longer accept, 廃止, 停止 …) beside legacy TLS;
 * - "continues to support legacy TLS until …" (the support ends then; with no point in time it ends nothing);
 * - a restriction (reject, only accept, 拒否 …) beside legacy TLS *and* a point in time;
 * - TLS 1.2 required, enforced or migrated to (positive framing) *and* a point in time;
 * - a restriction said in the future tense ("will only support TLS 1.2") is a change whose day may be unknown yet.
 * A sentence that offers a choice ("you can", "consider", 設定すると) announces nothing, nor does one whose verb of
 * ending is the reader's doing ("how to disable TLS 1.0", "Disable TLS 1.0 in the settings") unless it gives a point in time.
 */
export function tlsVerdict(f: SentenceFeatures): TlsVerdict | null {
  const h = f.has;
  if (h.has("optional") || h.has("newOnly") || (h.has("byDefault") && !h.has("date"))) return null;
  const when = h.has("date") || h.has("timeWords") || h.has("futureRestriction");
  // "How to disable legacy protocols": the reader's doing, not the service's; only a point in time makes it an announcement.
  if (h.has("readerAction") && !when) return null;
  // "`min_tls_version` no longer accepts `TLS1_0` as a value in 5.0": a setting's values, not the service's protocols.
  if (h.has("settingValue") && !h.has("date")) return null;
  if (h.has("legacyTls") && h.has("ending")) return "ending";
  // "Will continue to support TLS 1.0 and 1.1" with no end in sight is the opposite of a retirement.
  if (h.has("legacyTls") && h.has("continuingUntil") && when) return "continuing-until";
  if (h.has("legacyTls") && h.has("restricting") && when) return "restricting-from";
  if (h.has("modernTls") && (h.has("requiring") || h.has("restricting")) && when) return "required-from";
  return null;
}

export interface TlsReading {
  readonly isTls: boolean;
  readonly verdict: TlsVerdict | null;
  readonly evidence: Evidence | null;
  /** The sentences that carry a verdict, in order: where the deadline is looked for first. */
  readonly sentences: readonly SentenceFeatures[];
}

/** Reads the subject and the body sentence by sentence; the subject alone can carry the evidence. */
export function readTls(subject: string, text: string): TlsReading {
  // "Older protocol versions will be refused" is about TLS only in a notice that speaks of TLS.
  // (A setting's name counts: "MinimumTlsVersion".)
  if (!/\bTLS|TLS_?Version|Transport Layer Security|トランスポート層セキュリティ/i.test(`${subject}\n${text}`)) return { isTls: false, verdict: null, evidence: null, sentences: [] };
  const found: SentenceFeatures[] = [];
  let first: { verdict: TlsVerdict; f: SentenceFeatures } | null = null;
  for (const s of sentences(text)) {
    const { table, ...f } = featuresOf(s, text);
    const v = tlsVerdict(f);
    if (v) {
      found.push(f);
      // A table row's date is in the heading above its table: that heading is read as part of the row.
      if (table?.heading) found.push({ ...table.heading, has: new Set(["date"]) });
      first ??= { verdict: v, f };
    }
  }
  if (!first && subject.trim()) {
    const { table: _none, ...subjectFeatures } = featuresOf({ start: -1, end: -1, text: subject }, subject);
    const v = tlsVerdict(subjectFeatures);
    if (v) return { isTls: true, verdict: v, evidence: { text: subject, start: -1, end: -1 }, sentences: [] };
  }
  if (!first) return { isTls: false, verdict: null, evidence: null, sentences: [] };
  return { isTls: true, verdict: first.verdict, evidence: { text: first.f.text, start: first.f.start, end: first.f.end }, sentences: found };
}
