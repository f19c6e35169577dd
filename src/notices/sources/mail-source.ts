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
  /** Files left in place for a later poll because they were still being written (drop folder). */
  readonly waiting?: readonly string[];
  /** Files set aside without being recorded because they cannot be a mail (drop folder). */
  readonly rejected?: readonly RejectedFile[];
}

export interface RejectedFile {
  readonly file: string;
  readonly why: "empty" | "binary";
  /** Where it went, relative to the folder it was dropped in. */
  readonly movedTo: string;
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
