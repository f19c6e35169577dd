import { readFileSync } from "node:fs";
import { ImapFlow } from "imapflow";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deadlineBook } from "../../../src/catalog/deadline-book.ts";
import { retryFailedNotices } from "../../../src/notices/ingest/ingest-message.ts";
import { imapSource, startTlsPolicy } from "../../../src/notices/sources/imap/imap-source.ts";
import type { Store } from "../../../src/store/store.ts";
import { dovecotAvailability, startDovecot, type RunningDovecot } from "../../support/dovecot.ts";
import { sharedStore, type SharedStore } from "../../support/scan-fixture.ts";
import { redisNotice } from "../mail-builder.ts";

const availability = dovecotAvailability();
const corpus = (name: string) => readFileSync(new URL(`../corpus/${name}`, import.meta.url));
const now = () => new Date("2026-11-01T00:00:00Z");

describe.skipIf(!availability.ok)(`IMAP source against a real dovecot${availability.ok ? "" : ` (skipped: ${availability.reason})`}`, () => {
  let imap: RunningDovecot;
  let s: SharedStore;
  const settings = () => ({ host: imap.host, port: imap.port, secure: false, user: imap.user, password: imap.password, mailbox: "INBOX" });

  async function deliver(...mails: (Buffer | Uint8Array)[]): Promise<void> {
    const client = new ImapFlow({ host: imap.host, port: imap.port, secure: false, doSTARTTLS: false, auth: { user: imap.user, pass: imap.password }, logger: false });
    await client.connect();
    for (const m of mails) await client.append("INBOX", Buffer.from(m));
    await client.logout();
  }

  async function seenFlags(): Promise<boolean[]> {
    const client = new ImapFlow({ host: imap.host, port: imap.port, secure: false, doSTARTTLS: false, auth: { user: imap.user, pass: imap.password }, logger: false });
    await client.connect();
    const lock = await client.getMailboxLock("INBOX", { readOnly: true });
    const out: boolean[] = [];
    for await (const m of client.fetch("1:*", { flags: true })) out.push(m.flags?.has("\\Seen") ?? false);
    lock.release();
    await client.logout();
    return out;
  }

  beforeAll(async () => {
    if (!availability.ok) return;
    imap = await startDovecot(availability.binary);
    s = await sharedStore();
  }, 30_000);
  afterAll(async () => {
    await s?.close();
    await imap?.close();
  });

  it("ingests new mail once, in UID order, without touching the mailbox", async () => {
    await deliver(redisNotice("1 March 2027", { messageId: "imap-1@notify.microsoft.com" }), corpus("en-spoofed-domain.eml"), corpus("en-nontls-retirement.eml"));
    const source = imapSource(settings());
    const first = await source.poll({ store: s.store, options: { now } });
    expect(first.results.map((r) => r.notice.status)).toEqual(["applied", "triage", "ignored"]);
    expect(first.results[0]!.notice.source).toMatch(/^imap:notices@127\.0\.0\.1\/INBOX#1$/);
    expect(deadlineBook(await s.store.listRetirements())("Microsoft.Cache/redis")?.deadline).toBe("2027-03-01");
    expect(await s.store.getCursor(source.name)).toMatch(/^\d+:3$/);
    // Read-only: the operator's mailbox keeps its unread state.
    expect(await seenFlags()).toEqual([false, false, false]);

    expect((await source.poll({ store: s.store, options: { now } })).results).toHaveLength(0);

    // A new mail and the first one delivered again (same Message-ID): one new notice, one duplicate.
    await deliver(corpus("ja-redis-iso2022jp.eml"), redisNotice("1 March 2027", { messageId: "imap-1@notify.microsoft.com" }));
    const second = await source.poll({ store: s.store, options: { now } });
    expect(second.results.map((r) => r.duplicate)).toEqual([false, true]);
    expect((await s.store.listNotices()).length).toBe(4);
  });

  it("a failure while storing keeps the mail for a retry and still moves past it", async () => {
    let failures = 1;
    const flaky: Store = Object.create(s.store, {
      transaction: { value: <T>(fn: (tx: Store) => Promise<T>) => (failures-- > 0 ? Promise.reject(new Error("database restarted")) : s.store.transaction(fn)) },
    }) as Store;
    await deliver(redisNotice("1 June 2027", { messageId: "imap-flaky@notify.microsoft.com", date: "2026-10-20T00:00:00Z" }));
    const source = imapSource(settings());
    const r = await source.poll({ store: flaky, options: { now } });
    expect(r.results.map((x) => x.notice.status)).toEqual(["failed"]);
    expect(r.results[0]!.notice.lastError).toContain("database restarted");
    expect(await retryFailedNotices(s.store, { now })).toBe(1);
    expect(deadlineBook(await s.store.listRetirements())("Microsoft.Cache/redis")?.deadline).toBe("2027-06-01");
  });

  it("a wrong password is a clear error and moves no cursor", async () => {
    const source = imapSource({ ...settings(), password: "wrong" });
    const cursor = await s.store.getCursor(source.name);
    await expect(source.poll({ store: s.store, options: { now } })).rejects.toMatchObject({ code: "mailSourceFailed" });
    expect(await s.store.getCursor(source.name)).toBe(cursor);
  });

  it("requires STARTTLS for any server that is not on this machine", () => {
    expect(startTlsPolicy("imap.contoso.co.jp", false)).toBe(true);
    expect(startTlsPolicy("127.0.0.1", false)).toBe(false);
    expect(startTlsPolicy("imap.contoso.co.jp", true)).toBeUndefined();
  });
});
