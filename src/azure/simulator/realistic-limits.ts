import { seededRandom } from "./seeded-random.ts";
import { armError, type SimRequest, type SimResponse } from "./sim-http.ts";

/**
 * Azure's limits and misbehaviour, opt-in so that tests which do not ask for them stay deterministic.
 * Numbers from Azure's documentation: ARM's token bucket per subscription (reads: 250 burst, 25 a second
 * refill) and Resource Graph's per-user quota (15 queries per 5 s window, set with `graph.quotaPerWindow`).
 */
export interface RealisticLimits {
  /** Per-subscription read bucket; GETs under `/subscriptions/{id}/…` spend one token each. */
  readonly subscriptionReads?: { readonly burst: number; readonly perSecond: number };
  /** A uniform random 0…jitter ms added to the simulator's `latencyMs`. */
  readonly latencyJitterMs?: number;
  /** Share of requests (0…1) answered 500 or 503 (the SDK retries both). */
  readonly serverErrorRate?: number;
  /** Share of requests (0…1) whose connection is reset, before the answer or half-way through its body. */
  readonly resetRate?: number;
  /** Seed of the random draws, so that a run can be repeated. */
  readonly seed?: number;
}

/** Azure's documented numbers. */
export const AZURE_LIMITS = { subscriptionReads: { burst: 250, perSecond: 25 }, graphQueriesPerWindow: 15, graphWindowMs: 5000 } as const;

class TokenBucket {
  private tokens: number;
  private at: number;
  constructor(private readonly burst: number, private readonly perSecond: number, now: number) {
    this.tokens = burst;
    this.at = now;
  }

  private refill(now: number): void {
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.at) / 1000) * this.perSecond);
    this.at = now;
  }

  /** Spends one token if there is one; otherwise says how long until there will be. */
  take(now: number): { ok: true; remaining: number } | { ok: false; retryAfterMs: number } {
    this.refill(now);
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return { ok: true, remaining: Math.floor(this.tokens) };
    }
    return { ok: false, retryAfterMs: ((1 - this.tokens) / this.perSecond) * 1000 };
  }
}

export type Disturbance =
  | { readonly kind: "answer"; readonly response: SimResponse }
  | { readonly kind: "reset-before" }
  | { readonly kind: "reset-mid-body" };

export interface LimitCounters {
  throttled: number;
  serverErrors: number;
  resets: number;
}

/** The per-request decisions of {@link RealisticLimits}; one instance per simulator. */
export class LimitsGate {
  private readonly buckets = new Map<string, TokenBucket>();
  private readonly random: () => number;
  readonly counters: LimitCounters = { throttled: 0, serverErrors: 0, resets: 0 };

  constructor(private readonly limits: RealisticLimits, private readonly now: () => number = Date.now) {
    this.random = seededRandom(limits.seed ?? 1);
  }

  extraLatencyMs(): number {
    return this.limits.latencyJitterMs ? this.random() * this.limits.latencyJitterMs : 0;
  }

  /**
   * Throttling first (a throttled request does no work), then injected failures. `headers` receives the
   * remaining-reads header ARM sends on every subscription read.
   */
  check(req: SimRequest, headers: Record<string, string>): Disturbance | null {
    const reads = this.limits.subscriptionReads;
    const sub = /^\/subscriptions\/([^/]+)/i.exec(req.path)?.[1]?.toLowerCase();
    if (reads && sub && req.method === "GET") {
      let bucket = this.buckets.get(sub);
      if (!bucket) this.buckets.set(sub, (bucket = new TokenBucket(reads.burst, reads.perSecond, this.now())));
      const taken = bucket.take(this.now());
      if (!taken.ok) {
        this.counters.throttled += 1;
        const seconds = Math.max(1, Math.ceil(taken.retryAfterMs / 1000));
        return {
          kind: "answer",
          response: armError(429, "SubscriptionRequestsThrottled",
            `Number of read requests for subscription '${sub}' exceeded the limit. Please try again after '${seconds}' seconds.`,
            { "retry-after": String(seconds), "x-ms-ratelimit-remaining-subscription-reads": "0" }),
        };
      }
      headers["x-ms-ratelimit-remaining-subscription-reads"] = String(taken.remaining);
    }
    if (this.limits.serverErrorRate && this.random() < this.limits.serverErrorRate) {
      this.counters.serverErrors += 1;
      return {
        kind: "answer",
        response: this.random() < 0.5
          ? armError(500, "InternalServerError", "An internal server error occurred (simulated).")
          : armError(503, "ServiceUnavailable", "The service is temporarily unavailable (simulated)."),
      };
    }
    if (this.limits.resetRate && this.random() < this.limits.resetRate) {
      this.counters.resets += 1;
      return { kind: this.random() < 0.5 ? "reset-before" : "reset-mid-body" };
    }
    return null;
  }
}
