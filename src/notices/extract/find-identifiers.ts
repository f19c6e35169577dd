import { CUES } from "./cues.ts";
import type { Evidence } from "../notice.ts";

const GUID = /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi;
const ARM_ID = /\/subscriptions\/[0-9a-f-]{36}\/resourceGroups\/[^/\s"'<>]+\/providers\/[A-Za-z0-9.]+\/[A-Za-z0-9]+\/[^/\s"'<>),.;]+(?:\/[A-Za-z0-9]+\/[^/\s"'<>),.;]+)*/gi;
const URL_RE = /\bhttps?:\/\/[^\s<>"'`)\]]+[^\s<>"'`)\].,;:!?]/gi;

export function findTrackingId(subject: string, text: string): { id: string; evidence: Evidence | null } | null {
  const inText = CUES.trackingIdLabel.exec(text);
  if (inText?.[1]) {
    const start = inText.index + inText[0].lastIndexOf(inText[1]);
    return { id: inText[1].toUpperCase(), evidence: { text: inText[1], start, end: start + inText[1].length } };
  }
  const inSubject = CUES.trackingIdLabel.exec(subject);
  return inSubject?.[1] ? { id: inSubject[1].toUpperCase(), evidence: null } : null;
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
