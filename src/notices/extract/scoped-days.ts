import { CUES } from "./cues.ts";

/** A list line that pairs a scope with its own day: "- PCI customers: June 29, 2026", "・国内リージョン：2026年6月1日". */
const SCOPED_LINE = /^\s*(?:[-*•・]\s*)?(?:\*\*)?\s*([^:：\n]{2,40}?)\s*[:：]\s*(?:\*\*)?\s*(.+?)\s*(?:\*\*)?\s*$/;

/**
 * A TLS sentence that ends in a colon and is followed by a list of scopes, each with its own day ("… retirement
 * of TLS 1.0 and 1.1:" then "- PCI customers: June 29" / "- Other customers: July 31"): each audience has its
 * own deadline, so no single day is the notice's, even when the notice says the schedule was extended (the
 * list is the extended schedule). The days, sorted, or null. Milestone labels that say when something was
 * announced are not scopes.
 */
export function scopedDays(text: string, tlsSpans: ReadonlyArray<{ start: number; end: number }>, days: ReadonlyArray<{ iso: string; start: number; end: number; partial: boolean }>): string[] | null {
  for (const t of tlsSpans) {
    if (t.start < 0 || !/[:：]\s*$/.test(text.slice(t.start, t.end))) continue;
    const found = new Set<string>();
    let at = text.indexOf("\n", t.end - 1);
    while (at >= 0 && at < text.length) {
      const next = text.indexOf("\n", at + 1);
      const lineEnd = next < 0 ? text.length : next;
      const line = text.slice(at + 1, lineEnd);
      at = next;
      if (!line.trim()) {
        if (next < 0) break;
        continue;
      }
      const m = SCOPED_LINE.exec(line);
      const inLine = days.filter((d) => !d.partial && d.start >= lineEnd - line.length && d.end <= lineEnd);
      if (!m || inLine.length !== 1 || CUES.announcementNear.some((cue) => cue.test(m[1]!))) break;
      found.add(inLine[0]!.iso);
      if (next < 0) break;
    }
    if (found.size >= 2) return [...found].sort();
  }
  return null;
}
