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

const BOUNDARY = /\n|[。！？]|[.!?](?=\s)/g;
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

function featuresOf(s: { start: number; end: number; text: string }): SentenceFeatures {
  const has = new Set<EvidenceKind | "date">();
  // Only a sentence that names a TLS version (or legacy protocols) can carry a verdict: skip the rest early.
  for (const kind of ["legacyTls", "modernTls"] as const) if (EVIDENCE[kind].some((re) => re.test(s.text))) has.add(kind);
  if (has.size === 0) return { ...s, has };
  for (const [kind, res] of Object.entries(EVIDENCE) as Array<[EvidenceKind, readonly RegExp[]]>) {
    if (!has.has(kind) && res.some((re) => re.test(s.text))) has.add(kind);
  }
  if (findDates(s.text).length > 0) has.add("date");
  return { ...s, has };
}

export type TlsVerdict = "ending" | "continuing-until" | "restricting-from" | "required-from";

/**
 * Why one sentence says legacy TLS goes away, or null. Evidence, not phrases:
 * - an ending verb (retire, disable, no longer accept, 廃止, 停止 …) beside legacy TLS;
 * - "continues to support legacy TLS until …" (the support ends then);
 * - a restriction (reject, only accept, 拒否 …) beside legacy TLS *and* a point in time;
 * - TLS 1.2 required, enforced or migrated to (positive framing) *and* a point in time.
 * A sentence that offers a choice ("you can", "consider", 設定すると) announces nothing.
 */
export function tlsVerdict(f: SentenceFeatures): TlsVerdict | null {
  const h = f.has;
  if (h.has("optional")) return null;
  const when = h.has("date") || h.has("timeWords");
  if (h.has("legacyTls") && h.has("ending")) return "ending";
  if (h.has("legacyTls") && h.has("continuingUntil")) return "continuing-until";
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
  if (!/\bTLS|Transport Layer Security|トランスポート層セキュリティ/i.test(`${subject}\n${text}`)) return { isTls: false, verdict: null, evidence: null, sentences: [] };
  const found: SentenceFeatures[] = [];
  let first: { verdict: TlsVerdict; f: SentenceFeatures } | null = null;
  for (const s of sentences(text)) {
    const f = featuresOf(s);
    const v = tlsVerdict(f);
    if (v) {
      found.push(f);
      first ??= { verdict: v, f };
    }
  }
  if (!first && subject.trim()) {
    const v = tlsVerdict(featuresOf({ start: -1, end: -1, text: subject }));
    if (v) return { isTls: true, verdict: v, evidence: { text: subject, start: -1, end: -1 }, sentences: [] };
  }
  if (!first) return { isTls: false, verdict: null, evidence: null, sentences: [] };
  return { isTls: true, verdict: first.verdict, evidence: { text: first.f.text, start: first.f.start, end: first.f.end }, sentences: found };
}
