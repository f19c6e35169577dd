import { CUES } from "./cues.ts";
import type { Evidence } from "../notice.ts";

const GUID = /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi;
const ARM_ID = /\/subscriptions\/[0-9a-f-]{36}\/resourceGroups\/[^/\s"'<>]+\/providers\/[A-Za-z0-9.]+\/[A-Za-z0-9]+\/[^/\s"'<>),.;]+(?:\/[A-Za-z0-9]+\/[^/\s"'<>),.;]+)*/gi;
const URL_RE = /\bhttps?:\/\/[^\s<>"'`)\]]+[^\s<>"'`)\].,;:!?]/gi;

/** Azure's Tracking ID shape, checked where the text does not label it: four, a dash, three; not "HTTP-200". */
const UNLABELLED_ID = /(?<![A-Za-z0-9_-])([A-Z0-9_]{4}-[A-Z0-9_]{3})(?![A-Za-z0-9_-])/g;
const plausible = (id: string): boolean => {
  const [a = "", b = ""] = id.split("-");
  // Random IDs mix letters and digits; a word followed by a number ("HTTP-200", "ABCD-123") is something else.
  return /[0-9_]/.test(id) && /[A-Z]/.test(id) && !(/^[A-Z]+$/.test(a) && /^[0-9]+$/.test(b));
};

/** Text that marks a token as the notice's ID: a code span, a heading, or "ID"/advisory wording beside it. */
function markedAsId(text: string, index: number, id: string): boolean {
  const lineStart = text.lastIndexOf("\n", index) + 1;
  const lineEndAt = text.indexOf("\n", index);
  const line = text.slice(lineStart, lineEndAt < 0 ? text.length : lineEndAt);
  if (text[index - 1] === "`" && text[index + id.length] === "`") return true;
  // A Service Health event read through its REST API is a resource named by its Tracking ID
  // ("id": "…/Microsoft.ResourceHealth/events/0K4F-9R0"), whatever key holds the name.
  if (/Microsoft\.ResourceHealth\/events\/$/i.test(text.slice(Math.max(0, index - 40), index))) return true;
  if (/^\s*#{1,6}\s/.test(line) || /^\s*\*\*[^*]+\*\*\s*$/.test(line)) return true;
  // Alone on its line, it is set out as a reference (pasted above the notice it names, as a heading is); in running text it is not.
  if (line.trim() === id) return true;
  const before = text.slice(Math.max(lineStart, index - 16), index);
  const after = text.slice(index + id.length, index + id.length + 12);
  return /\bID\b|ＩＤ|(?:advisory|event|incident|notification|アドバイザリ|イベント|インシデント|通知)\s*[:：]?\s*[「(（]?\s*$/i.test(before) || /^\s*[」)）]?\s*(?:という|の)?\s*ID\b/.test(after);
}

/**
 * The Service Health Tracking ID: after a label ("Tracking ID: …", "Tracking ID (…)", 「追跡 ID」), else a token
 * of Azure's shape that the text marks as an ID (code span, heading, a line of its own, the subject, "ID"/"advisory" beside it).
 * Never an arbitrary token of that shape in running text.
 */
export function findTrackingId(subject: string, text: string): { id: string; evidence: Evidence | null; labelled: boolean } | null {
  const inText = CUES.trackingIdLabel.exec(text);
  if (inText?.[1]) {
    const start = inText.index + inText[0].lastIndexOf(inText[1]);
    return { id: inText[1].toUpperCase(), evidence: { text: inText[1], start, end: start + inText[1].length }, labelled: true };
  }
  const inSubject = CUES.trackingIdLabel.exec(subject);
  if (inSubject?.[1]) return { id: inSubject[1].toUpperCase(), evidence: null, labelled: true };
  for (const m of text.matchAll(UNLABELLED_ID)) {
    const id = m[1]!;
    if (plausible(id) && markedAsId(text, m.index, id)) return { id, evidence: { text: id, start: m.index, end: m.index + id.length }, labelled: false };
  }
  for (const m of subject.matchAll(UNLABELLED_ID)) if (plausible(m[1]!)) return { id: m[1]!, evidence: null, labelled: false };
  return null;
}

export function findResourceIds(text: string): string[] {
  return [...new Set([...text.matchAll(ARM_ID)].map((m) => m[0]))];
}

/** Subscription ids: those inside resource ids and those written next to the word subscription. */
export function findSubscriptionIds(text: string, resourceIds: readonly string[]): string[] {
  const ids = new Set(resourceIds.map((id) => id.split("/")[2]!.toLowerCase()));
  for (const m of text.matchAll(GUID)) {
    const before = text.slice(Math.max(0, m.index - 80), m.index);
    if (/subscription|サブスクリプション|\/subscriptions\/$/i.test(before)) ids.add(m[0].toLowerCase());
  }
  return [...ids];
}

export function findLinks(text: string): string[] {
  return [...new Set([...text.matchAll(URL_RE)].map((m) => m[0]))];
}
