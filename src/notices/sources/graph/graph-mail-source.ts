import { TlsbotError } from "../../../domain/errors.ts";
import { ingestMessage, type IngestResult } from "../../ingest/ingest-message.ts";
import { GRAPH_MAIL_PREFIX } from "../authenticated-source.ts";
import type { IngestContext, MailSource, PollResult } from "../mail-source.ts";
import { graphGet, type GraphHttpOptions } from "./graph-http.ts";

export interface GraphMailSettings extends Omit<GraphHttpOptions, "signal"> {
  /** e.g. https://graph.microsoft.com */
  readonly endpoint: string;
  /** User id or UPN of the mailbox. */
  readonly user: string;
  /** Well-known folder name (inbox) or folder id. */
  readonly folder: string;
  readonly pageSize?: number;
}

interface MessageList {
  readonly value: ReadonlyArray<{ id: string; internetMessageId?: string; receivedDateTime: string }>;
  readonly "@odata.nextLink"?: string;
}

/**
 * Microsoft Graph mail: lists the folder's messages received since the cursor, oldest first, following
 * `@odata.nextLink`, and downloads each one's MIME (`/$value`) so the same parser reads every source.
 * The filter is inclusive (`ge`): messages sharing the cursor's timestamp are listed again and skipped by
 * their Internet Message-ID rather than risk missing one.
 */
export function graphMailSource(s: GraphMailSettings): MailSource {
  // The prefix marks its notices as read from an authenticated source (see authenticatedSource).
  const name = `${GRAPH_MAIL_PREFIX}${s.user}/${s.folder}`;
  const base = `${s.endpoint.replace(/\/$/, "")}/v1.0/users/${encodeURIComponent(s.user)}`;
  return {
    name,
    async poll(ctx: IngestContext): Promise<PollResult> {
      const http = { ...s, signal: ctx.signal };
      const since = (await ctx.store.getCursor(name)) ?? "1970-01-01T00:00:00Z";
      const query = new URLSearchParams({
        $select: "id,internetMessageId,receivedDateTime",
        $filter: `receivedDateTime ge ${since}`,
        $orderby: "receivedDateTime asc",
        $top: String(s.pageSize ?? 50),
      });
      let next: string | undefined = `${base}/mailFolders/${encodeURIComponent(s.folder)}/messages?${query.toString()}`;
      const results: IngestResult[] = [];
      try {
        while (next && !ctx.signal?.aborted) {
          const page = JSON.parse((await graphGet(next, http)).toString("utf8")) as MessageList;
          for (const m of page.value) {
            const messageKey = m.internetMessageId ? `mid:${m.internetMessageId.replace(/^<|>$/g, "")}` : `graph:${m.id}`;
            const known = (await ctx.store.listNotices({ limit: 1, messageKey })).length > 0;
            if (!known) {
              const bytes = new Uint8Array(await graphGet(`${base}/messages/${encodeURIComponent(m.id)}/$value`, http));
              results.push(await ingestMessage(ctx.store, { bytes, source: `${name}#${m.id}`, messageKey, receivedAt: m.receivedDateTime }, ctx.options));
            }
            await ctx.store.setCursor(name, m.receivedDateTime, ctx.options.now().toISOString());
          }
          next = page["@odata.nextLink"];
        }
      } catch (err) {
        throw new TlsbotError("mailSourceFailed", { source: name, reason: (err as Error).message }, { cause: err });
      }
      return { source: name, results };
    },
  };
}
