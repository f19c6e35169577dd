import type { Evidence } from "../notice.ts";
import { CUES } from "./cues.ts";

function first(res: readonly RegExp[], text: string): Evidence | null {
  let best: Evidence | null = null;
  for (const re of res) {
    const m = new RegExp(re.source, re.flags.replace("g", "")).exec(text);
    if (m && (!best || m.index < best.start)) best = { text: m[0], start: m.index, end: m.index + m[0].length };
  }
  return best;
}

export interface Classification {
  readonly isRetirement: boolean;
  readonly isTls: boolean;
  readonly actionRequired: boolean;
  readonly evidence: Record<string, Evidence>;
}

/**
 * A TLS retirement names TLS 1.0/1.1 (or "older TLS") and says it is going away. Mails about TLS
 * certificates, SNI or domain fronting mention TLS without retiring 1.0/1.1: the version mention is what
 * separates them, not the word TLS.
 */
export function classify(subject: string, text: string): Classification {
  const all = `${subject}\n${text}`;
  const evidence: Record<string, Evidence> = {};
  const retirement = first(CUES.retirement, text) ?? (first(CUES.retirement, subject) ? { text: subject, start: -1, end: -1 } : null);
  const oldTls = first(CUES.tlsOld, text) ?? (first(CUES.tlsOld, subject) ? { text: subject, start: -1, end: -1 } : null);
  const action = first(CUES.actionRequired, text) ?? (first(CUES.actionRequired, subject) ? { text: subject, start: -1, end: -1 } : null);
  if (retirement && retirement.start >= 0) evidence["isRetirement"] = retirement;
  if (oldTls && oldTls.start >= 0) evidence["isTls"] = oldTls;
  if (action && action.start >= 0) evidence["actionRequired"] = action;
  const nearMiss = first(CUES.tlsNearMiss, all) !== null;
  // A near-miss topic with no explicit 1.0/1.1 mention is not a TLS version retirement.
  const isTls = oldTls !== null && retirement !== null && (!nearMiss || /TLS\s*(?:v(?:ersion)?\s*)?1\.[01]\b/i.test(all));
  return { isRetirement: retirement !== null, isTls, actionRequired: action !== null, evidence };
}
