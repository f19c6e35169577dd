import type { PipelinePolicy } from "@azure/core-rest-pipeline";

/** How the SDK's HTTP client reports a body whose connection dropped half-way. */
const CUT_OFF = /^Error reading response as text: (aborted|.*ECONNRESET|.*socket hang up)/i;

/**
 * A connection reset half-way through a body surfaces from the SDK's HTTP client as a PARSE_ERROR, which
 * its retry policy does not retry (it retries resets only before the answer starts), so one dropped
 * connection on a list page would fail a whole subscription. Placed below the retry policy, this tells
 * it the truth: the network failed (ECONNRESET), and the request is retried like any other reset.
 * Reads only (GETs and Resource Graph queries): a write whose answer was cut off may have been applied,
 * and is never sent twice.
 */
export function cutOffBodyRetry(): PipelinePolicy {
  return {
    name: "tlsbotCutOffBodyRetry",
    async sendRequest(request, next) {
      const read = request.method === "GET" || (request.method === "POST" && /\/providers\/Microsoft\.ResourceGraph\/resources\b/i.test(request.url));
      if (!read) return next(request);
      try {
        return await next(request);
      } catch (err) {
        if (err instanceof Error && CUT_OFF.test(err.message) && (err as { code?: unknown }).code === "PARSE_ERROR") {
          (err as { code?: unknown }).code = "ECONNRESET";
        }
        throw err;
      }
    },
  };
}
