import type { Evidence } from "../notice.ts";
import { CUES } from "./cues.ts";
import { findDates, findMonths, type FoundDate } from "./find-dates.ts";
import { EVIDENCE } from "./evidence-vocabulary.ts";
import { BOUNDARY } from "./tls-evidence.ts";

/** What the old behaviour's end is said with, in any wording the TLS reader knows (retire, disable, 停止, reject, require …). */
const ENDING_WORDS: readonly RegExp[] = [...EVIDENCE.ending, ...EVIDENCE.restricting, ...EVIDENCE.requiring];

const DAY_MS = 86_400_000;

interface Candidate extends FoundDate {
  /** Only a month is given: if this wins, the notice has no day to track. */
  readonly partial: boolean;
}

/** Where the sentence holding `at` starts and ends: cues in a neighbouring sentence say nothing about a date. */
function sentenceAround(text: string, start: number, end: number): [number, number] {
  const window = text.slice(Math.max(0, start - 300), start);
  let from = Math.max(0, start - 300);
  for (const m of window.matchAll(BOUNDARY)) from = Math.max(0, start - 300) + m.index + m[0].length;
  const rest = new RegExp(BOUNDARY.source).exec(text.slice(end, end + 300));
  return [from, rest ? end + rest.index : Math.min(text.length, end + 300)];
}

/** How much a date's repetition counts at most: a notice repeats its deadline a few times, a statement repeats its period thousands. */
const MAX_REPEATS_COUNTED = 2;
const MAX_CANDIDATES = 2000;

function score(d: Candidate, text: string, repeats: ReadonlyMap<string, number>, mailDate: string | null, subjectDates: ReadonlySet<string>, tlsSpans: ReadonlyArray<{ start: number; end: number }>): number {
  const [sStart, sEnd] = sentenceAround(text, d.start, d.end);
  const lineStart = text.lastIndexOf("\n", d.start) + 1;
  const line = text.slice(lineStart, text.indexOf("\n", d.end) >= 0 ? text.indexOf("\n", d.end) : text.length);
  const before = text.slice(Math.max(sStart, d.start - 80), d.start);
  const after = text.slice(d.end, Math.min(sEnd, d.end + 50));
  let s = 0;
  if (CUES.deadlineWhen.some((cue) => cue.test(before) || cue.test(after))) s += 2;
  for (const cue of CUES.deadlineNear) if (cue.test(before) || cue.test(after)) s += 2;
  // Beside any verb of ending, in the same sentence: the day something stops or becomes required.
  if (ENDING_WORDS.some((cue) => cue.test(before) || cue.test(after))) s += 1;
  // A label at the start of the line ("Published date: …") or words just before the date say when it was written.
  const label = /^[^:：\n]{0,25}[:：]/.exec(line)?.[0] ?? "";
  for (const cue of CUES.announcementNear) if (cue.test(before.slice(-40)) || cue.test(label)) s -= 4;
  if (CUES.announcementAfter.some((cue) => cue.test(after))) s -= 4;
  // Header lines of a forwarded mail carry the forward's date, never the deadline.
  if (/^(?:Sent|Date|送信日時|日付|Received)\s*[:：]/i.test(line)) s -= 10;
  // A date inside a sentence that itself says legacy TLS ends (or TLS 1.2 is required) is that sentence's point in time.
  if (tlsSpans.some((t) => d.start >= t.start && d.end <= t.end)) s += 3;
  s += 1.5 * Math.min(MAX_REPEATS_COUNTED, (repeats.get(d.iso) ?? 1) - 1);
  if (subjectDates.has(d.iso)) s += 4;
  if (!d.partial && mailDate && Math.abs(Date.parse(d.iso) - Date.parse(mailDate.slice(0, 10))) <= 2 * DAY_MS) s -= 3;
  return s;
}

/** Later wins a tie; a day beats its own month. */
const sortKey = (d: Candidate): string => (d.partial ? `${d.iso}-00` : d.iso);

/**
 * The retirement date among all dates in the notice: dates in a sentence that carries the TLS evidence and
 * dates near retirement wording win over dates near "announced"/"sent"/"portal"/"originally", the
 * subject's date and repeated dates count more, the mail's own date counts against. Ties go to the later
 * date: notices announce early milestones before the final one. When the best candidate is a month without
 * a day ("in August 2020"), there is no day to track and the deadline is null.
 */
export type DeadlinePick =
  | { readonly iso: string; readonly evidence: Evidence; readonly confidence: number }
  /** Several days tie for the deadline (a table of retirements on different dates, a chain of notices): none is chosen. */
  | { readonly iso: null; readonly candidates: readonly string[]; readonly confidence: 0 };

export function pickDeadline(subject: string, text: string, mailDate: string | null, tlsSpans: ReadonlyArray<{ start: number; end: number }> = []): DeadlinePick | null {
  let dates: Candidate[] = [...findDates(text).map((d) => ({ ...d, partial: false })), ...findMonths(text).map((d) => ({ ...d, partial: true }))].sort((a, b) => a.start - b.start);
  const subjectDates = new Set(findDates(subject).map((d) => d.iso));
  if (!dates.some((d) => !d.partial)) {
    const inSubject = findDates(subject)[0];
    return inSubject ? { iso: inSubject.iso, evidence: { text: inSubject.text, start: -1, end: -1 }, confidence: 0.8 } : null;
  }
  let best: { d: Candidate; s: number } | null = null;
  // A mail of megabytes (a statement, a log pasted in) holds tens of thousands of dates: the ones in the
  // sentences that carry the TLS evidence always count, of the rest only the first few thousand are scored.
  if (dates.length > MAX_CANDIDATES) {
    const inTls = (d: Candidate) => tlsSpans.some((t) => d.start >= t.start && d.end <= t.end);
    dates = dates.filter((d, i) => i < MAX_CANDIDATES || inTls(d));
  }
  const repeats = new Map<string, number>();
  for (const d of dates) repeats.set(d.iso, (repeats.get(d.iso) ?? 0) + 1);
  const scored = dates.map((d) => ({ d, s: score(d, text, repeats, mailDate, subjectDates, tlsSpans) }));
  for (const c of scored) if (!best || c.s > best.s || (c.s === best.s && sortKey(c.d) > sortKey(best.d))) best = c;
  // A month that wins ("postponed until August 2025") is made precise by a day of that month the notice
  // also gives with retirement wording ("by 31 August 2025"): same point in time, now with its day.
  if (best?.d.partial) {
    const month = best.d.iso;
    const days = scored.filter((c) => !c.d.partial && c.s > 0 && c.d.iso.startsWith(`${month}-`));
    const day = days.reduce<typeof best | null>((a, c) => (!a || c.s > a.s ? c : a), null);
    if (day) best = day;
  }
  // A date with no retirement wording around it (an invoice period, a signature) is not a deadline.
  if (!best || best.s <= 0 || best.d.partial) return null;
  const winner = best;
  // Sure when the date stands well above every other day it could be; a close runner-up means several
  // notices or milestones compete (a forwarded chain, a timeline) and a person should choose.
  const runnerUp = Math.max(-Infinity, ...scored.filter((c) => c.d.iso !== winner.d.iso).map((c) => c.s));
  const margin = winner.s - runnerUp;
  // Days that score exactly alike carry the same evidence: picking the later one would be a guess.
  if (margin <= 0) {
    const tied = [...new Set(scored.filter((c) => c.s === winner.s && !c.d.partial).map((c) => c.d.iso))].sort();
    if (tied.length > 1) return { iso: null, candidates: tied, confidence: 0 };
  }
  // Calibrated on the tuning part of the real notices: 34 of its 36 dated deadlines stand ≥ 1.5 above the
  // next day. A narrower lead is still reported, but below the trust threshold, so a person confirms it
  // before it moves reminders.
  const confidence = margin >= 3 ? 0.95 : margin >= 1.5 ? 0.8 : margin > 0 ? 0.45 : 0.4;
  return { iso: winner.d.iso, evidence: { text: winner.d.text, start: winner.d.start, end: winner.d.end }, confidence };
}
