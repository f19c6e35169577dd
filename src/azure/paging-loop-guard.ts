import type { PipelinePolicy } from "@azure/core-rest-pipeline";

/** Query parameters Azure's nextLinks carry the position in ($skiptoken, $skipToken, skipToken…). */
const PAGE_POSITION = /[?&](%24|\$)?skip(token)?=/i;

/** Thrown when a list's nextLink (or Resource Graph's $skipToken) names a page already read in the same listing. */
export class PagingLoopError extends Error {
  readonly code = "PAGING_LOOP";
  constructor(where: string) {
    super(`Azure's paging repeated a page already read (${where}); the listing was stopped`);
    this.name = "PagingLoopError";
  }
}

/**
 * The SDK's pagers follow nextLink for as long as Azure gives one; a nextLink that points back at a page
 * already read would be followed until the subscription's time limit, filling memory with repeated rows.
 * A listing is recognised by its abort signal (each subscription's scan has its own); a page requested a
 * second time under the same signal ends it with a clear error. Retries of one request pass below this
 * policy and are not repeats; long-running-operation polls carry no page position and are not checked.
 */
export function pagingLoopGuard(): PipelinePolicy {
  const seen = new WeakMap<object, Set<string>>();
  return {
    name: "tlsbotPagingLoopGuard",
    async sendRequest(request, next) {
      const signal = request.abortSignal;
      if (request.method === "GET" && signal && PAGE_POSITION.test(request.url)) {
        let pages = seen.get(signal);
        if (!pages) seen.set(signal, (pages = new Set()));
        if (pages.has(request.url)) throw new PagingLoopError(new URL(request.url).pathname);
        pages.add(request.url);
      }
      return next(request);
    },
  };
}
