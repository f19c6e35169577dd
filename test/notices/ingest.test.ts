import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deadlineBook } from "../../src/catalog/deadline-book.ts";
import { checklistOf, markChecklistItem } from "../../src/notices/apply/checklist.ts";
import { ingestMessage, messageKeyOf, retryFailedNotices } from "../../src/notices/ingest/ingest-message.ts";
import type { Store } from "../../src/store/store.ts";
import { sharedStore, type SharedStore } from "../support/scan-fixture.ts";
import { redisNotice } from "./mail-builder.ts";

const corpus = (name: string) => new Uint8Array(readFileSync(new URL(`corpus/${name}`, import.meta.url)));
const now = () => new Date("2026-11-01T00:00:00Z");
const msg = (bytes: Uint8Array, source = "file:test") => ({ bytes, source, receivedAt: "2026-11-01T00:00:00Z" });
const redisDeadline = async (store: Store) => deadlineBook(await store.listRetirements())("Microsoft.Cache/Redis")?.deadline;

describe("ingesting notices into retirements", () => {
  let s: SharedStore;
  beforeAll(async () => { s = await sharedStore(); });
  afterAll(async () => { await s.close(); });

  it("a trusted notice postponing the Redis date moves the deadline the scanner uses and keeps history", async () => {
    expect(await redisDeadline(s.store)).toBe("2025-03-01");
    const r = await ingestMessage(s.store, msg(redisNotice("1 March 2027", { messageId: "postpone-1@notify.microsoft.com" })), { now });
    expect(r.notice.status).toBe("applied");
    expect(r.notice.reason).toBe("postponed");
    expect(r.notice.retirementIds).toEqual(["redis-tls10-11"]);
    expect(await redisDeadline(s.store)).toBe("2027-03-01");
    const history = await s.store.retirementHistory("redis-tls10-11");
    expect(history.map((h) => [h.change, h.before?.deadline, h.after?.deadline])).toEqual([["postponed", "2025-03-01", "2027-03-01"]]);
    const retirement = await s.store.getRetirement("redis-tls10-11");
    expect((retirement?.data["deadlines"] as { deadline: string }[]).map((d) => d.deadline)).toEqual(["2025-03-01", "2027-03-01"]);
    // Applied notices no longer need their raw bytes.
    expect(await s.store.noticeRaw(r.notice.id)).toBeNull();
    expect((await s.store.listAudit()).some((a) => a.action === "retirement.update" && a.target === `notice:${r.notice.id}`)).toBe(true);
  });

  it("the same message again is a duplicate and changes nothing", async () => {
    const before = await s.store.retirementHistory("redis-tls10-11");
    const r = await ingestMessage(s.store, msg(redisNotice("1 March 2027", { messageId: "postpone-1@notify.microsoft.com" })), { now });
    expect(r.duplicate).toBe(true);
    expect(await s.store.retirementHistory("redis-tls10-11")).toHaveLength(before.length);
  });

  it("an older notice arriving late does not undo the newer date", async () => {
    const r = await ingestMessage(s.store, msg(redisNotice("31 October 2024", { date: "2024-09-01T00:00:00Z", messageId: "old@notify.microsoft.com" })), { now });
    expect(r.notice.status).toBe("ignored");
    expect(r.notice.reason).toBe("superseded");
    expect(await redisDeadline(s.store)).toBe("2027-03-01");
  });

  it("a look-alike sender is kept for triage and never moves a deadline", async () => {
    const spoof = await ingestMessage(s.store, msg(redisNotice("1 January 2030", { from: "azure-noreply@micros0ft-support.com" })), { now });
    expect(spoof.notice.status).toBe("triage");
    expect(spoof.notice.reason).toMatch(/^untrusted\./);
    const dkimFail = await ingestMessage(s.store, msg(redisNotice("1 January 2030", { auth: "dkim=fail header.d=microsoft.com; spf=fail; dmarc=fail" })), { now });
    expect(dkimFail.notice.status).toBe("triage");
    for (const name of ["en-spoofed-domain.eml", "en-spoofed-dkim-fail.eml", "ja-spoofed.eml"]) {
      expect((await ingestMessage(s.store, msg(corpus(name)), { now })).notice.status).toBe("triage");
    }
    expect(await redisDeadline(s.store)).toBe("2027-03-01");
    // Triage keeps the raw mail so an operator can look at it.
    expect(await s.store.noticeRaw(spoof.notice.id)).not.toBeNull();
  });

  it("non-TLS retirements and near-misses are recorded as ignored", async () => {
    for (const name of ["en-nontls-retirement.eml", "en-domain-fronting.eml", "ja-nontls-retirement.eml"]) {
      const r = await ingestMessage(s.store, msg(corpus(name)), { now });
      expect(r.notice.status, name).toBe("ignored");
    }
  });

  it("a notice matched by Tracking ID updates that retirement", async () => {
    const r = await ingestMessage(s.store, msg(corpus("en-appinsights-tracking.eml")), { now });
    expect(r.notice.status).toBe("applied");
    expect(r.notice.retirementIds).toEqual(["appinsights-tls10-11"]);
  });

  it("agent retirements get a checklist owners can mark done, audited", async () => {
    const r = await ingestMessage(s.store, msg(corpus("en-backup-mars.eml")), { now });
    expect(r.notice.retirementIds).toContain("backup-mars-tls10-11");
    const before = await s.store.getRetirement("backup-mars-tls10-11");
    expect(checklistOf(before!).map((i) => i.done)).toEqual([false, false, false, false, false]);
    const key = checklistOf(before!)[0]!.key;
    const after = await markChecklistItem(s.store, "backup-mars-tls10-11", key, true, "user:aki", "2026-11-02T00:00:00Z");
    expect(checklistOf(after)[0]).toEqual({ key, done: true, doneBy: "user:aki", doneAt: "2026-11-02T00:00:00Z" });
    expect((await s.store.getRetirement("backup-mars-tls10-11"))!.data).toEqual(after.data);
    expect((await s.store.retirementHistory("backup-mars-tls10-11")).at(-1)?.change).toBe("checklist");
    expect((await s.store.listAudit()).some((a) => a.action === "checklist.done" && a.actor === "user:aki")).toBe(true);
    await expect(markChecklistItem(s.store, "backup-mars-tls10-11", "nope", true, "user:aki", "2026-11-02T00:00:00Z")).rejects.toMatchObject({ code: "checklistItemUnknown" });
  });

  it("a failure while applying is recorded, keeps the mail, and a retry succeeds", async () => {
    let failures = 1;
    // The database fails once mid-transaction (a real outage would look the same to the ingester).
    const flaky: Store = Object.create(s.store, {
      transaction: { value: <T>(fn: (tx: Store) => Promise<T>) => (failures-- > 0 ? Promise.reject(new Error("connection reset")) : s.store.transaction(fn)) },
    }) as Store;
    const bytes = redisNotice("1 April 2027", { messageId: "flaky@notify.microsoft.com", date: "2026-10-15T00:00:00Z" });
    const first = await ingestMessage(flaky, msg(bytes), { now });
    expect(first.notice.status).toBe("failed");
    expect(first.notice.lastError).toContain("connection reset");
    expect(first.notice.attempts).toBe(1);
    expect(await s.store.noticeRaw(first.notice.id)).toEqual(bytes);
    expect(await redisDeadline(s.store)).toBe("2027-03-01");

    expect(await retryFailedNotices(flaky, { now })).toBe(1);
    const after = await s.store.getNotice(first.notice.id);
    expect(after?.status).toBe("applied");
    expect(await redisDeadline(s.store)).toBe("2027-04-01");
    // Retrying again finds nothing to do.
    expect(await retryFailedNotices(s.store, { now })).toBe(0);
  });

  it("a mail above the size cap is kept for triage with a clear reason, not parsed", async () => {
    const big = new Uint8Array(2048).fill(65);
    const r = await ingestMessage(s.store, msg(big), { now, maxBytes: 1024 });
    expect(r.notice.status).toBe("triage");
    expect(r.notice.reason).toBe("tooLarge");
    expect(r.notice.lastError).toContain("noticeTooLarge");
  });

  it("a 50 MB mail is recorded for review by its Message-ID with a clear error, and not stored whole", async () => {
    const head = new TextEncoder().encode("From: Microsoft Azure <azure-noreply@microsoft.com>\r\nMessage-ID: <huge@notify.microsoft.com>\r\nSubject: Action required\r\nContent-Type: application/octet-stream\r\nContent-Transfer-Encoding: base64\r\n\r\n");
    const huge = new Uint8Array(50 * 1024 * 1024);
    huge.set(head);
    huge.fill(65, head.byteLength);
    const r = await ingestMessage(s.store, msg(huge), { now });
    expect(r.notice).toMatchObject({ messageKey: "mid:huge@notify.microsoft.com", status: "triage", reason: "tooLarge" });
    expect(r.notice.lastError).toContain("noticeTooLarge");
    expect(await s.store.noticeRaw(r.notice.id)).toBeNull();
  });

  it("a copy cut off before its end does not stand in for the complete mail arriving later", async () => {
    // A multipart mail cut in its body (no closing boundary), and a mail cut inside its headers, after its Message-ID.
    const multipart = corpus("en-storage-qp.eml");
    const redis = redisNotice("1 March 2027", { messageId: "cut-headers@notify.microsoft.com" });
    const headersEnd = new TextDecoder().decode(redis).indexOf("\r\n\r\n");
    for (const [full, cut] of [[multipart, multipart.subarray(0, Math.floor(multipart.byteLength / 2))], [redis, redis.subarray(0, headersEnd - 20)]] as const) {
      const fragment = await ingestMessage(s.store, msg(cut), { now });
      expect(fragment.notice.messageKey).toMatch(/^mid:[^#]+#cut-off:[0-9a-f]{64}$/);
      expect((await ingestMessage(s.store, msg(cut), { now })).duplicate).toBe(true);
      const whole = await ingestMessage(s.store, msg(full), { now });
      expect(whole.duplicate).toBe(false);
      expect(whole.notice.messageKey).toBe(messageKeyOf(full));
      expect(whole.notice.messageKey).not.toContain("#");
      expect(whole.parsed?.deadline).toBeTruthy();
    }
  });

  it("message keys come from Message-ID, else the content hash", () => {
    expect(messageKeyOf(redisNotice("1 March 2027", { messageId: "abc@x" }))).toBe("mid:abc@x");
    expect(messageKeyOf(new TextEncoder().encode("no headers at all"))).toMatch(/^sha256:[0-9a-f]{64}$/);
  });
});
