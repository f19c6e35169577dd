import type { ArmClients } from "../../azure/arm-clients.ts";
import { listSubscriptions } from "../../azure/scan/list-subscriptions.ts";
import { TlsbotError } from "../../domain/errors.ts";
import { ingestMessage, type IngestResult } from "../ingest/ingest-message.ts";
import type { IngestContext, MailSource, PollResult } from "./mail-source.ts";

/** How one item of an Azure feed is stored: its identity decides what is new and what is a duplicate. */
export interface FeedMessage {
  readonly source: string;
  readonly messageKey: string;
  readonly receivedAt: string | null;
}

export interface AzureFeed<T> {
  readonly name: string;
  /** Everything the feed holds now for these subscriptions (it throws only when nothing could be read). */
  read(clients: ArmClients, subscriptionIds: string[], signal: AbortSignal): Promise<T[]>;
  message(item: T): FeedMessage;
}

/**
 * A notice source that needs no reading of mail: Service Health advisories, Advisor recommendations. Each
 * poll reads the whole feed for every subscription the identity can list and ingests every item; items
 * already stored under the same key are duplicates, so a feed needs no cursor. A feed that cannot be read
 * is one `mailSourceFailed` error naming the source; nothing stored is touched.
 */
export function azureFeedSource<T>(feed: AzureFeed<T>, clients: ArmClients, configuredSubscriptions?: readonly string[]): MailSource {
  return {
    name: feed.name,
    async poll(ctx: IngestContext): Promise<PollResult> {
      const signal = ctx.signal ?? new AbortController().signal;
      let items: T[];
      try {
        const subs = (await listSubscriptions(clients, configuredSubscriptions, signal)).map((s) => s.subscriptionId);
        if (subs.length === 0) return { source: feed.name, results: [] };
        items = await feed.read(clients, subs, signal);
      } catch (err) {
        throw new TlsbotError("mailSourceFailed", { source: feed.name, reason: (err as Error).message }, { cause: err });
      }
      const results: IngestResult[] = [];
      for (const item of items) {
        const m = feed.message(item);
        results.push(await ingestMessage(ctx.store, {
          bytes: new TextEncoder().encode(JSON.stringify(item)), source: m.source, messageKey: m.messageKey,
          receivedAt: m.receivedAt ?? ctx.options.now().toISOString(),
        }, ctx.options));
      }
      return { source: feed.name, results };
    },
  };
}
