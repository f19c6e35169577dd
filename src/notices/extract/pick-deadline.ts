import type { Evidence } from "../notice.ts";
import { CUES } from "./cues.ts";
import { findDates, findMonths, findYearlessDays, type FoundDate } from "./find-dates.ts";
import { EVIDENCE } from "./evidence-vocabulary.ts";
import { BOUNDARY } from "./tls-evidence.ts";

/** What the old behaviour's end is said with, in any wording the TLS reader knows (retire, disable, 停止, reject, require …). */
const ENDING_WORDS: readonly RegExp[] = [...EVIDENCE.ending, ...EVIDENCE.restricting, ...EVIDENCE.requiring];

const DAY_MS = 86_400_000;

/** "The dates for May 31 2022 have been pushed out": that day no longer holds, wherever else it is written. */
const VOIDED_AFTER = [/^[^.。\n]{0,40}?\b(?:ha(?:s|ve) been|was|were|is being|are being)\s+(?:pushed (?:out|back)|postponed|delayed|deferred|cancell?ed|withdrawn)\b/i, /^\s*(?:の[^。\n]{0,12})?(?:は|が)\s*(?:延期|中止|撤回)/, /^\s*から[^。\n]{0,30}?(?:まで|に)\s*延期/];
/** "… extended the support until 15 October 2020", 「2025 年 8 月 31 日まで延期」: the day a schedule was moved to. */
const MOVED_TO_BEFORE = /\b(?:postponed|extended|delayed|pushed(?: out| back)?|moved|deferred|rescheduled)\b[^.\n]{0,40}?\b(?:to|until|till)(?: the)?\s*$/i;
const MOVED_TO_AFTER = /^\s*(?:まで|に)\s*(?:延期|延長)/;
/** A sentence about what will happen: a notice's deadline is ahead of it, its background (a standard's old deadline) behind. */
const FUTURE = /\bwill\b|\bis (?:going|scheduled|planned|set) to\b|予定|(?:され|なり|し|終了し|廃止され)ます(?!た)/i;

interface Candidate extends FoundDate {
  /** Only a month is given, or a day without its year: if this wins, the notice has no day to track. */
  readonly partial: boolean;
  /** A day without its year (`iso` is `MM-DD`). */
  readonly yearless?: boolean;
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

function score(d: Candidate, text: string, repeats: ReadonlyMap<string, number>, mailDate: string | null, subjectDates: ReadonlySet<string>, tlsSpans: ReadonlyArray<{ start: number; end: number }>, voided: ReadonlySet<string>): number {
  // A day the notice says was pushed out is no deadline, however it is worded elsewhere.
  if (voided.has(d.iso)) return -10;
  const [sStart, sEnd] = sentenceAround(text, d.start, d.end);
  const lineStart = text.lastIndexOf("\n", d.start) + 1;
  const line = text.slice(lineStart, text.indexOf("\n", d.end) >= 0 ? text.indexOf("\n", d.end) : text.length);
  const before = text.slice(Math.max(sStart, d.start - 80), d.start);
  const after = text.slice(d.end, Math.min(sEnd, d.end + 50));
  let s = 0;
  if (CUES.deadlineWhen.some((cue) => cue.test(before) || cue.test(after))) s += 2;
  for (const cue of CUES.deadlineNear) if (cue.test(before) || cue.test(after)) s += 2;
  // Beside any verb of ending, in the same sentence: the day something stops or becomes required.
  // (The verb may come late: "On 1 July 2025, in alignment with …, TLS 1.0/1.1 will be retired for …".)
  const rest = text.slice(d.end, Math.min(sEnd, d.end + 120));
  if (ENDING_WORDS.some((cue) => cue.test(before) || cue.test(rest))) s += 1;
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
  if (FUTURE.test(text.slice(sStart, sEnd))) s += 1;
  if (MOVED_TO_BEFORE.test(before) || MOVED_TO_AFTER.test(after)) s += 2;
  if (!d.partial && mailDate && Math.abs(Date.parse(d.iso) - Date.parse(mailDate.slice(0, 10))) <= 2 * DAY_MS) s -= 3;
  return s;
}

/** A schedule that was moved: its several dates are one retirement's history, and the last one counts. */
const MOVED = /\b(?:postpon|extend|delay|push(?:ed|ing)? back|mov(?:ed|ing) (?:out|back|to)|reschedul|new date|revised)|延期|延長|変更(?:され|し)/i;

/**
 * Days that each stand in their own sentence saying legacy TLS ends (or TLS 1.2 is required), each with a
 * "by/from/on" of its own: a notice that gives two scopes two deadlines ("NHSmail's ADFS from 30 September
 * 2022 … other tenants by 31 January 2022"), a summary of several services, a chain of forwarded notices.
 * No single day is the deadline then, unless the notice says the schedule was moved (its last day counts).
 */
function severalDeadlines(scored: ReadonlyArray<{ d: Candidate; s: number }>, text: string, tlsSpans: ReadonlyArray<{ start: number; end: number }>): string[] | null {
  if (MOVED.test(text)) return null;
  const bySentence = new Map<number, Set<string>>();
  for (const { d } of scored) {
    if (d.partial) continue;
    const span = tlsSpans.findIndex((t) => d.start >= t.start && d.end <= t.end);
    if (span < 0) continue;
    const before = text.slice(Math.max(tlsSpans[span]!.start, d.start - 40), d.start);
    const after = text.slice(d.end, Math.min(tlsSpans[span]!.end, d.end + 20));
    if (!CUES.deadlineWhen.some((cue) => cue.test(before) || cue.test(after))) continue;
    bySentence.set(span, (bySentence.get(span) ?? new Set()).add(d.iso));
  }
  const days = new Set([...bySentence.values()].flatMap((s) => [...s]));
  // Two sentences with one day each, different days; a sentence listing several days is a timeline, read as before.
  const single = [...bySentence.values()].filter((s) => s.size === 1);
  return single.length >= 2 && days.size >= 2 && new Set(single.map((s) => [...s][0])).size >= 2 ? [...days].sort() : null;
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
  const days = findDates(text);
  let dates: Candidate[] = [
    ...days.map((d) => ({ ...d, partial: false })), ...findMonths(text, days).map((d) => ({ ...d, partial: true })),
    ...findYearlessDays(text, days).map((d) => ({ ...d, partial: true, yearless: true })),
  ].sort((a, b) => a.start - b.start);
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
  const voided = new Set(dates.filter((d) => VOIDED_AFTER.some((re) => re.test(text.slice(d.end, d.end + 80)))).map((d) => d.iso));
  const scored = dates.map((d) => ({ d, s: score(d, text, repeats, mailDate, subjectDates, tlsSpans, voided) }));
  for (const c of scored) if (!best || c.s > best.s || (c.s === best.s && sortKey(c.d) > sortKey(best.d))) best = c;
  // A month that wins ("postponed until August 2025") is made precise by a day of that month the notice
  // also gives with retirement wording ("by 31 August 2025"): same point in time, now with its day. A day
  // after that month with such wording is the schedule's last, precise step ("support ended in October
  // 2020 … fully disabled on 31 January 2022"; "planned for September 2024, extended … from August 31,
  // 2025"): a month says when something began, the day is what a reminder can count down to. A day before
  // the month (when the notice was sent) never replaces it.
  // A day without its year ("the grace period ends on 21st of August") is made precise only by that day
  // written in full elsewhere in the notice.
  if (best?.d.yearless) {
    const monthDay = best.d.iso;
    const full = scored.filter((c) => !c.d.partial && c.s > 0 && c.d.iso.slice(5) === monthDay);
    const day = full.reduce<{ d: Candidate; s: number } | null>((a, c) => (!a || c.s > a.s ? c : a), null);
    if (day) best = day;
  } else if (best?.d.partial) {
    const month = best.d.iso;
    const days = scored.filter((c) => !c.d.partial && c.s > 0 && c.d.iso.slice(0, 7) >= month);
    const day = days.reduce<{ d: Candidate; s: number } | null>((a, c) => (!a || c.s > a.s || (c.s === a.s && c.d.iso > a.d.iso) ? c : a), null);
    if (day) best = day;
  }
  // A date with no retirement wording around it (an invoice period, a signature) is not a deadline.
  if (!best || best.s <= 0 || best.d.partial) return null;
  const top = best.s;
  // Only days that compete with the winner count: one standing 3 above the rest is sure (as calibrated below).
  const several = severalDeadlines(scored.filter((c) => c.s > top - 3), text, tlsSpans);
  if (several) return { iso: null, candidates: several, confidence: 0 };
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
