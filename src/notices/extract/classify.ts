import type { Evidence } from "../notice.ts";
import { CUES } from "./cues.ts";
import { readTls, type TlsReading } from "./tls-evidence.ts";

/** Each cue without its global flag (a search from the start, no `lastIndex`), built once rather than per mail. */
const SINGLE = new WeakMap<RegExp, RegExp>();
const single = (re: RegExp): RegExp => {
  let one = SINGLE.get(re);
  if (!one) SINGLE.set(re, (one = new RegExp(re.source, re.flags.replace("g", ""))));
  return one;
};

function first(res: readonly RegExp[], text: string): Evidence | null {
  let best: Evidence | null = null;
  for (const re of res) {
    const m = single(re).exec(text);
    if (m && (!best || m.index < best.start)) best = { text: m[0], start: m.index, end: m.index + m[0].length };
  }
  return best;
}

export interface Classification {
  readonly isRetirement: boolean;
  readonly isTls: boolean;
  readonly actionRequired: boolean;
  readonly evidence: Record<string, Evidence>;
  readonly tls: TlsReading;
}

/**
 * A TLS retirement is read from evidence (tls-evidence.ts): legacy TLS ends, or TLS 1.2 becomes required
 * from a point in time. Mails about TLS certificates, root CAs, SNI or cipher suites mention TLS without
 * retiring 1.0/1.1: on those topics only an explicit 1.0/1.1 mention counts.
 */
export function classify(subject: string, text: string): Classification {
  const all = `${subject}\n${text}`;
  const evidence: Record<string, Evidence> = {};
  const retirement = first(CUES.retirement, text) ?? (first(CUES.retirement, subject) ? { text: subject, start: -1, end: -1 } : null);
  const action = first(CUES.actionRequired, text) ?? (first(CUES.actionRequired, subject) ? { text: subject, start: -1, end: -1 } : null);
  const tls = readTls(subject, text);
  const nearMiss = first(CUES.tlsNearMiss, all) !== null;
  const isTls = tls.isTls && (!nearMiss || /TLS\s*(?:v(?:ersion)?\s*)?1\.[01]\b/i.test(all));
  if (retirement && retirement.start >= 0) evidence["isRetirement"] = retirement;
  if (isTls && tls.evidence && tls.evidence.start >= 0) evidence["isTls"] = tls.evidence;
  if (action && action.start >= 0) evidence["actionRequired"] = action;
  return { isRetirement: retirement !== null || isTls, isTls, actionRequired: action !== null, evidence, tls };
}
