import { setMaxListeners } from "node:events";

/** Runs `fn` with an AbortSignal that fires after `ms` or when `parent` aborts; tells whether time ran out. */
export async function withTimeout<T>(ms: number, parent: AbortSignal | undefined, fn: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  // Every request of the subscription (pages, kinds, retries) listens on this one signal: not a leak.
  setMaxListeners(0, controller.signal);
  const timer = setTimeout(() => controller.abort(new TimeoutError(ms)), ms);
  const onParentAbort = () => controller.abort(parent?.reason);
  parent?.addEventListener("abort", onParentAbort, { once: true });
  // A scan cancelled before this subscription's turn sends nothing for it.
  if (parent?.aborted) onParentAbort();
  try {
    return await fn(controller.signal);
  } catch (err) {
    if (controller.signal.reason instanceof TimeoutError) throw controller.signal.reason;
    throw err;
  } finally {
    clearTimeout(timer);
    parent?.removeEventListener("abort", onParentAbort);
  }
}

export class TimeoutError extends Error {
  constructor(readonly ms: number) {
    super(`no answer within ${ms} ms`);
    this.name = "TimeoutError";
  }
}
