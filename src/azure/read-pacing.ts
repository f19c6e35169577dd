import type { PipelinePolicy, PipelineRequest } from "@azure/core-rest-pipeline";

/** ARM refills a subscription's read bucket at 25 requests a second (Azure Resource Manager throttling docs). */
const REFILL_PER_SECOND = 25;
/** Reads left for other callers of the same subscription (the portal, other tools) before pacing starts. */
const RESERVE = 10;

interface SubscriptionReads {
  /** Last `x-ms-ratelimit-remaining-subscription-reads` seen, less what has been sent since. */
  remaining: number;
  inFlight: number;
  /** Earliest time the next paced request may leave. */
  nextAt: number;
}

function sleep(ms: number, signal: PipelineRequest["abortSignal"]): Promise<void> {
  return new Promise((resolve, reject) => {
    const abortError = () => Object.assign(new Error("The operation was aborted."), { name: "AbortError" });
    if (signal?.aborted) return reject(abortError());
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortError());
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/**
 * Keeps a scan from draining a subscription's ARM read bucket: every answer says how many reads are left,
 * and once that falls to the reserve, reads of that subscription leave no faster than the bucket refills.
 * Without it a subscription with thousands of resources is answered 429 and, after the SDK's three
 * Retry-After retries, reported as throttled. Shared by every client of one connection.
 */
export function subscriptionReadPacing(now: () => number = Date.now): PipelinePolicy {
  const subs = new Map<string, SubscriptionReads>();
  return {
    name: "tlsbotSubscriptionReadPacing",
    async sendRequest(request, next) {
      const sub = request.method === "GET" ? /\/subscriptions\/([^/?]+)/i.exec(new URL(request.url).pathname)?.[1]?.toLowerCase() : undefined;
      if (!sub) return next(request);
      let s = subs.get(sub);
      if (!s) subs.set(sub, (s = { remaining: Number.POSITIVE_INFINITY, inFlight: 0, nextAt: 0 }));
      if (s.remaining - s.inFlight <= RESERVE) {
        const at = Math.max(now(), s.nextAt);
        s.nextAt = at + 1000 / REFILL_PER_SECOND;
        if (at > now()) await sleep(at - now(), request.abortSignal);
      }
      s.inFlight += 1;
      try {
        const response = await next(request);
        const header = response.headers.get("x-ms-ratelimit-remaining-subscription-reads");
        if (header !== undefined && Number.isFinite(Number(header))) s.remaining = Number(header);
        return response;
      } finally {
        s.inFlight -= 1;
      }
    },
  };
}
