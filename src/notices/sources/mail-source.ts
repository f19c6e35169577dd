import type { Store } from "../../store/store.ts";
import type { IngestOptions, IngestResult } from "../ingest/ingest-message.ts";

export interface IngestContext {
  readonly store: Store;
  readonly options: IngestOptions;
  readonly signal?: AbortSignal;
}

export interface PollResult {
  readonly source: string;
  readonly results: readonly IngestResult[];
}

/**
 * Where notices come from (drop folder, IMAP, Microsoft Graph, Service Health). A poll ingests what is new
 * since the stored cursor; a message is recorded before the cursor moves past it, so a crash between the
 * two only means the message is seen again — and skipped as a duplicate.
 */
export interface MailSource {
  readonly name: string;
  poll(ctx: IngestContext): Promise<PollResult>;
}
