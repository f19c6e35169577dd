import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { deadlineBook } from "../../src/catalog/deadline-book.ts";
import { acceptTriagedNotice, ingestMessage } from "../../src/notices/ingest/ingest-message.ts";
import { looksCutOff } from "../../src/notices/mime/cut-off-mail.ts";
import { translator } from "../../src/render/i18n.ts";
import type { Store } from "../../src/store/store.ts";
import { sharedStore, type SharedStore } from "../support/scan-fixture.ts";
import { redisMultipartNotice } from "./mail-builder.ts";

const now = () => new Date("2026-11-01T00:00:00Z");
const msg = (bytes: Uint8Array) => ({ bytes, source: "file:test", receivedAt: "2026-11-01T00:00:00Z" });
const redisDeadline = async (store: Store) => deadlineBook(await store.listRetirements())("Microsoft.Cache/Redis")?.deadline;
/** The copy a reader finds while the mail is still being saved: the text part whole, the HTML part and the closing boundary not yet there. */
const cutInHtml = (whole: Uint8Array) => whole.subarray(0, new TextDecoder().decode(whole).indexOf("<h2>"));

describe("a mail copy cut off before its end", () => {
  let s: SharedStore;
  beforeEach(async () => { s = await sharedStore(); });
  afterEach(async () => { await s.close(); });

  it("from a trusted, authenticated sender waits for review and moves no deadline; the complete copy arriving later is applied", async () => {
    const whole = redisMultipartNotice("1 June 2027", { messageId: "redis-cut@notify.microsoft.com" });
    const cut = cutInHtml(whole);
    expect(looksCutOff(cut)).toBe(true);
    const fragment = await ingestMessage(s.store, msg(cut), { now });
    expect(fragment.notice).toMatchObject({ status: "triage", reason: "cutOff", retirementIds: [] });
    // What it read is kept for the reviewer, and so is the mail.
    expect(fragment.parsed?.trust.trusted).toBe(true);
    expect(await s.store.noticeRaw(fragment.notice.id)).toEqual(cut);
    expect(await redisDeadline(s.store)).toBe("2025-03-01");
    expect(await s.store.retirementHistory("redis-tls10-11")).toEqual([]);

    const complete = await ingestMessage(s.store, msg(whole), { now });
    expect(complete.duplicate).toBe(false);
    expect(complete.notice).toMatchObject({ status: "applied", reason: "postponed", retirementIds: ["redis-tls10-11"] });
    expect(await redisDeadline(s.store)).toBe("2027-06-01");
  });

  it("is held even where the fragment alone reads as no retirement at all", async () => {
    const whole = redisMultipartNotice("1 June 2027", { messageId: "redis-cut-headers@notify.microsoft.com" });
    // Cut inside the header block, before the subject: nothing of the notice is left to read.
    const cut = whole.subarray(0, new TextDecoder().decode(whole).indexOf("Subject:"));
    expect(looksCutOff(cut)).toBe(true);
    const fragment = await ingestMessage(s.store, msg(cut), { now });
    expect(fragment.parsed?.isRetirement).toBe(false);
    // Not set aside as "not a retirement notice", its mail dropped, on the strength of a fragment.
    expect(fragment.notice).toMatchObject({ status: "triage", reason: "cutOff" });
    expect(await s.store.noticeRaw(fragment.notice.id)).toEqual(cut);
  });

  it("arriving after the complete copy is a duplicate of it, not another notice to review", async () => {
    const whole = redisMultipartNotice("1 June 2027", { messageId: "redis-late-cut@notify.microsoft.com" });
    const complete = await ingestMessage(s.store, msg(whole), { now });
    expect(complete.notice.status).toBe("applied");
    const late = await ingestMessage(s.store, msg(cutInHtml(whole)), { now });
    expect(late.duplicate).toBe(true);
    expect(late.notice.id).toBe(complete.notice.id);
    expect(await s.store.countNotices(["triage"])).toBe(0);
  });

  it("can still be accepted by an operator who checked it against the complete mail", async () => {
    const whole = redisMultipartNotice("1 June 2027", { messageId: "redis-cut-accepted@notify.microsoft.com" });
    const fragment = await ingestMessage(s.store, msg(cutInHtml(whole)), { now });
    expect(fragment.notice.reason).toBe("cutOff");
    const accepted = await acceptTriagedNotice(s.store, fragment.notice.id, "cli:aki", { now });
    expect(accepted.notice).toMatchObject({ status: "applied", reason: "postponed" });
    expect(await redisDeadline(s.store)).toBe("2027-06-01");
  });

  it("is explained to the reviewer in both languages", () => {
    const en = translator("en")("notices:reason.cutOff");
    const ja = translator("ja")("notices:reason.cutOff");
    expect(en).toMatch(/cut off/);
    expect(ja).toMatch(/途中/);
    expect(ja).not.toBe(en);
  });
});
