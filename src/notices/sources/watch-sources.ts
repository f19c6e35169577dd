import type { IngestContext, MailSource } from "./mail-source.ts";
import { pollSources, type PollRound } from "./poll-sources.ts";

/**
 * Polls every source, then waits `intervalMs`, until `signal` aborts. Polling (rather than fs.watch or IMAP
 * IDLE) works the same on network shares, shared mailboxes and Graph, and a missed event cannot lose mail:
 * the next round finds it.
 */
export async function watchSources(sources: readonly MailSource[], ctx: IngestContext & { signal: AbortSignal }, intervalMs: number, onRound: (round: PollRound) => void): Promise<void> {
  while (!ctx.signal.aborted) {
    onRound(await pollSources(sources, ctx));
    // An abort during the round has already fired: a listener added now would never be called.
    if (ctx.signal.aborted) break;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, intervalMs);
      ctx.signal.addEventListener("abort", done, { once: true });
      function done() {
        clearTimeout(timer);
        ctx.signal.removeEventListener("abort", done);
        resolve();
      }
    });
  }
}
