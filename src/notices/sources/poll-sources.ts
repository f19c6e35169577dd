import { isTlsbotError } from "../../domain/errors.ts";
import { retryFailedNotices } from "../ingest/ingest-message.ts";
import type { IngestContext, MailSource, PollResult } from "./mail-source.ts";

export interface PollRound {
  readonly polled: readonly PollResult[];
  /** Sources that could not be read this round; they are tried again next round. */
  readonly failures: ReadonlyArray<{ source: string; code: string; params: Readonly<Record<string, string | number>>; message: string }>;
  readonly retried: number;
}

/** One round over every source: a failing source does not stop the others, and failed notices are retried. */
export async function pollSources(sources: readonly MailSource[], ctx: IngestContext): Promise<PollRound> {
  const polled: PollResult[] = [];
  const failures: PollRound["failures"][number][] = [];
  for (const source of sources) {
    if (ctx.signal?.aborted) break;
    try {
      polled.push(await source.poll(ctx));
    } catch (err) {
      failures.push(isTlsbotError(err)
        ? { source: source.name, code: err.code, params: err.params, message: err.message }
        : { source: source.name, code: "mailSourceFailed", params: { source: source.name, reason: (err as Error).message }, message: (err as Error).message });
    }
  }
  const retried = await retryFailedNotices(ctx.store, ctx.options);
  return { polled, failures, retried };
}
