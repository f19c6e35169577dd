import type { Evidence } from "../notice.ts";
import { CUES } from "./cues.ts";
import { findDates, type FoundDate } from "./find-dates.ts";

const DAY_MS = 86_400_000;

function score(d: FoundDate, text: string, all: readonly FoundDate[], mailDate: string | null, subjectDates: ReadonlySet<string>): number {
  // Context stays within the date's own line: a neighbouring line's "Last updated:" says nothing about it.
  const lineStart = text.lastIndexOf("\n", d.start) + 1;
  const lineEnd = text.indexOf("\n", d.end) >= 0 ? text.indexOf("\n", d.end) : text.length;
  const line = text.slice(lineStart, lineEnd);
  const before = text.slice(Math.max(lineStart, d.start - 80), d.start);
  const after = text.slice(d.end, Math.min(lineEnd, d.end + 50));
  let s = 0;
  for (const cue of CUES.deadlineNear) if (cue.test(before) || cue.test(after)) s += 2;
  for (const cue of CUES.announcementNear) if (cue.test(before.slice(-40)) || cue.test(line.slice(0, 20))) s -= 4;
  // Header lines of a forwarded mail carry the forward's date, never the deadline.
  if (/^(?:Sent|Date|送信日時|日付|Received)\s*[:：]/i.test(line)) s -= 10;
  s += 1.5 * (all.filter((o) => o.iso === d.iso).length - 1);
  if (subjectDates.has(d.iso)) s += 4;
  if (mailDate && Math.abs(Date.parse(d.iso) - Date.parse(mailDate.slice(0, 10))) <= 2 * DAY_MS) s -= 3;
  return s;
}

/**
 * The retirement date among all dates in the notice: dates near retirement wording win over dates near
 * "announced"/"sent"/"portal", the subject's date and repeated dates count more, the mail's own date
 * counts against. Ties go to the later date: notices announce early milestones before the final one.
 */
export function pickDeadline(subject: string, text: string, mailDate: string | null): { iso: string; evidence: Evidence } | null {
  const dates = findDates(text);
  const subjectDates = new Set(findDates(subject).map((d) => d.iso));
  if (dates.length === 0) {
    const inSubject = findDates(subject)[0];
    return inSubject ? { iso: inSubject.iso, evidence: { text: inSubject.text, start: -1, end: -1 } } : null;
  }
  let best: { d: FoundDate; s: number } | null = null;
  for (const d of dates) {
    const s = score(d, text, dates, mailDate, subjectDates);
    if (!best || s > best.s || (s === best.s && d.iso > best.d.iso)) best = { d, s };
  }
  // A date with no retirement wording around it (an invoice period, a signature) is not a deadline.
  if (!best || best.s <= 0) return null;
  return { iso: best.d.iso, evidence: { text: best.d.text, start: best.d.start, end: best.d.end } };
}
