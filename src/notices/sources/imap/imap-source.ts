import { readFileSync } from "node:fs";
import { isLoopbackHost } from "../../../domain/loopback.ts";
import { TlsbotError } from "../../../domain/errors.ts";
import { ingestMessage, type IngestResult } from "../../ingest/ingest-message.ts";
import type { IngestContext, MailSource, PollResult } from "../mail-source.ts";

export interface ImapSettings {
  readonly host: string;
  readonly port: number;
  /** Implicit TLS. Without it STARTTLS is required, except on loopback (a local test server). */
  readonly secure: boolean;
  readonly user: string;
  readonly password: string;
  readonly mailbox: string;
  readonly caFile?: string | undefined;
  /** Messages per poll; the rest wait for the next poll (the cursor remembers where we stopped). */
  readonly batch?: number;
}

/**
 * Reads new messages by UID from a mailbox opened read-only (tlsbot never flags, moves or deletes mail).
 * The cursor is `uidValidity:lastUid`; when the server resets UIDVALIDITY the mailbox is read again from
 * the start and messages already seen are skipped by Message-ID.
 */
export function imapSource(s: ImapSettings): MailSource {
  const name = `imap:${s.user}@${s.host}/${s.mailbox}`;
  return {
    name,
    async poll(ctx: IngestContext): Promise<PollResult> {
      // Loaded on the first poll: a process with IMAP configured but busy elsewhere does not carry it.
      const { ImapFlow } = await import("imapflow");
      const client = new ImapFlow({
        host: s.host, port: s.port, secure: s.secure,
        doSTARTTLS: startTlsPolicy(s.host, s.secure),
        auth: { user: s.user, pass: s.password },
        logger: false,
        disableAutoIdle: true,
        connectionTimeout: 15_000,
        socketTimeout: 60_000,
        ...(s.caFile ? { tls: { ca: readFileSync(s.caFile, "utf8") } } : {}),
      });
      // imapflow reports socket problems as events too; without a listener they would crash the process.
      client.on("error", () => {});
      try {
        await client.connect();
      } catch (err) {
        throw new TlsbotError("mailSourceFailed", { source: name, reason: describe(err) }, { cause: err });
      }
      const results: IngestResult[] = [];
      try {
        const lock = await client.getMailboxLock(s.mailbox, { readOnly: true });
        try {
          const box = client.mailbox;
          if (!box) throw new Error(`mailbox ${s.mailbox} did not open`);
          const validity = String(box.uidValidity);
          const [storedValidity, storedUid] = ((await ctx.store.getCursor(name)) ?? "").split(":");
          let lastUid = storedValidity === validity ? Number(storedUid) || 0 : 0;
          if (box.exists === 0 || box.uidNext <= lastUid + 1) return { source: name, results };
          const uids = ((await client.search({ uid: `${lastUid + 1}:*` }, { uid: true })) || []).filter((u) => u > lastUid).sort((a, b) => a - b).slice(0, s.batch ?? 500);
          for (const uid of uids) {
            if (ctx.signal?.aborted) break;
            const msg = await client.fetchOne(String(uid), { uid: true, source: true, internalDate: true }, { uid: true });
            if (msg && msg.source) {
              const receivedAt = msg.internalDate instanceof Date ? msg.internalDate.toISOString() : ctx.options.now().toISOString();
              results.push(await ingestMessage(ctx.store, { bytes: new Uint8Array(msg.source), source: `${name}#${uid}`, receivedAt }, ctx.options));
            }
            lastUid = uid;
            await ctx.store.setCursor(name, `${validity}:${lastUid}`, ctx.options.now().toISOString());
          }
        } finally {
          lock.release();
        }
      } catch (err) {
        if (err instanceof TlsbotError) throw err;
        throw new TlsbotError("mailSourceFailed", { source: name, reason: describe(err) }, { cause: err });
      } finally {
        await client.logout().catch(() => client.close());
      }
      return { source: name, results };
    },
  };
}

/** Credentials never cross a network in clear text: without implicit TLS, STARTTLS is mandatory off loopback. */
export function startTlsPolicy(host: string, secure: boolean): boolean | undefined {
  if (secure) return undefined;
  return isLoopbackHost(host) ? false : true;
}

function describe(err: unknown): string {
  const e = err as { responseText?: string; message?: string; code?: string };
  return e.responseText ?? e.message ?? e.code ?? String(err);
}
