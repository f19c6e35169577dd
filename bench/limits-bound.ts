/** What the limits alone force a scan to take, from the requests it had to make. */
export interface BoundInput {
  /** GETs each subscription needed (retries excluded: a perfect client makes none). */
  readonly readsBySubscription: readonly number[];
  readonly graphQueries: number;
  readonly latencyMs: number;
  readonly burst: number;
  readonly perSecond: number;
  readonly graphQuota: number;
  readonly graphWindowMs: number;
}

export interface Bound {
  readonly graphMs: number;
  readonly subscriptionMs: number;
  readonly totalMs: number;
}

/**
 * A lower bound, not an estimate: Resource Graph pages follow one another ($skipToken), so each query waits
 * for the one before, and the k-th query cannot start before window ⌊(k−1)/quota⌋ opens; a subscription
 * that needs more reads than its bucket holds waits for the refill; a subscription's reads are at least two
 * round trips deep (a list, then the details or creation times that depend on it). Everything else could
 * run in parallel.
 */
export function lowerBound(b: BoundInput): Bound {
  const q = b.graphQueries;
  const graphMs = q === 0 ? 0 : Math.max(Math.floor((q - 1) / b.graphQuota) * b.graphWindowMs + b.latencyMs, q * b.latencyMs);
  const deepest = Math.max(0, ...b.readsBySubscription.map((r) => (Math.max(0, r - b.burst) / b.perSecond) * 1000));
  const subscriptionMs = b.readsBySubscription.length ? deepest + 2 * b.latencyMs : 0;
  return { graphMs, subscriptionMs, totalMs: Math.max(graphMs, subscriptionMs) };
}
