import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RETIREMENTS } from "../../src/catalog/lookup.ts";
import { loadConfig } from "../../src/config/load-config.ts";
import { acceptTriagedNotice, ingestMessage } from "../../src/notices/ingest/ingest-message.ts";
import { translator } from "../../src/render/i18n.ts";
import { cli } from "../cli/cli-harness.ts";
import { freshDataDir } from "../support/data-dir.ts";
import { sharedStore, type SharedStore } from "../support/scan-fixture.ts";
import { buildMail, MICROSOFT_AUTH_PASS, redisNotice } from "./mail-builder.ts";

const NOW = "2026-11-03T00:00:00Z";
const REDIS = "redis-tls10-11";
const CATALOG_REDIS = RETIREMENTS.find((r) => r.id === REDIS)!.deadline;
// Another day than the catalog's: a genuine, authenticated notice moving the Redis deadline.
const NEW_DAY = "2027-02-01";
const NEW_DAY_TEXT = "1 February 2027";

describe("TLSBOT_NOTICE_DEADLINES=review: every deadline a notice would set waits for a person", () => {
  let s: SharedStore;
  const now = () => new Date(NOW);
  const redisDeadline = async () => (await s.store.getRetirement(REDIS))?.deadline ?? CATALOG_REDIS;
  beforeAll(async () => { s = await sharedStore(); });
  afterAll(async () => { await s.close(); });

  it("a sure, authenticated notice moving a deadline is held with its own reason; nothing moves and the mail is kept", async () => {
    const r = await ingestMessage(s.store, { bytes: redisNotice(NEW_DAY_TEXT, { auth: MICROSOFT_AUTH_PASS, messageId: "moved@notify.microsoft.com" }), source: "file:/tmp/moved.eml", receivedAt: NOW }, { now, deadlineChanges: "review" });
    expect(r.parsed).toMatchObject({ deadline: NEW_DAY, trust: { trusted: true, authenticated: true } });
    expect(r.notice).toMatchObject({ status: "triage", reason: "reviewRequired", retirementIds: [] });
    expect(await redisDeadline()).toBe(CATALOG_REDIS);
    expect(await s.store.retirementHistory(REDIS)).toEqual([]);
    expect(await s.store.noticeRaw(r.notice.id)).not.toBeNull();
  });

  it("accepting it applies the day the reader found, under the reviewer's name", async () => {
    const [held] = await s.store.listNotices({ status: ["triage"], limit: 10 });
    const r = await acceptTriagedNotice(s.store, held!.id, "cli:aki", { now });
    expect(r.notice).toMatchObject({ status: "applied", reason: "postponed", retirementIds: [REDIS] });
    expect(await redisDeadline()).toBe(NEW_DAY);
    expect(await s.store.listAudit()).toContainEqual(expect.objectContaining({ actor: "cli:aki", action: "notice.accept", detail: expect.objectContaining({ outcome: "applied", heldFor: "reviewRequired" }) }));
  });

  it("a notice confirming the current deadline still applies by itself", async () => {
    const r = await ingestMessage(s.store, { bytes: redisNotice(NEW_DAY_TEXT, { auth: MICROSOFT_AUTH_PASS, messageId: "confirm@notify.microsoft.com", date: "Wed, 04 Nov 2026 09:00:00 +0000" }), source: "file:/tmp/confirm.eml", receivedAt: NOW }, { now, deadlineChanges: "review" });
    expect(r.notice).toMatchObject({ status: "applied", reason: "confirmed", retirementIds: [REDIS] });
  });

  it("a notice creating a retirement the catalog lacks is held too", async () => {
    const bytes = buildMail({
      subject: "Action required: Transition to TLS 1.2 for Azure Widget Service by 30 June 2027 (Tracking ID: W1DG-3T0)",
      body: "Tracking ID: W1DG-3T0\n\nOn 30 June 2027, Azure Widget Service will retire TLS 1.0 and TLS 1.1. Update your clients to use TLS 1.2.\n",
      auth: MICROSOFT_AUTH_PASS, messageId: "widget@notify.microsoft.com",
    });
    const held = await ingestMessage(s.store, { bytes, source: "file:/tmp/widget.eml", receivedAt: NOW }, { now, deadlineChanges: "review" });
    expect(held.parsed).toMatchObject({ trackingId: "W1DG-3T0", deadline: "2027-06-30" });
    expect(held.notice).toMatchObject({ status: "triage", reason: "reviewRequired" });
    expect(await s.store.getRetirement("tracking-W1DG-3T0")).toBeNull();
  });

  it("by default (apply) the same kind of notice moves the deadline at once", async () => {
    const other = await sharedStore();
    try {
      const r = await ingestMessage(other.store, { bytes: redisNotice(NEW_DAY_TEXT, { auth: MICROSOFT_AUTH_PASS }), source: "file:/tmp/moved.eml", receivedAt: NOW }, { now });
      expect(r.notice).toMatchObject({ status: "applied", reason: "postponed" });
      expect((await other.store.getRetirement(REDIS))?.deadline).toBe(NEW_DAY);
    } finally {
      await other.close();
    }
  });

  it("the reason reads as a sentence in both languages and names the setting", () => {
    for (const lang of ["en", "ja"] as const) {
      const text = translator(lang)("notices:reason.reviewRequired");
      expect(text, lang).not.toContain("notices:");
      expect(text, lang).toContain("TLSBOT_NOTICE_DEADLINES=review");
    }
  });
});

describe("the setting", () => {
  it("defaults to apply, takes review, and refuses anything else by name", () => {
    const cwd = mkdtempSync(join(tmpdir(), "tlsbot-review-cfg-"));
    try {
      expect(loadConfig({}, cwd).mail.deadlineChanges).toBe("apply");
      expect(loadConfig({ TLSBOT_NOTICE_DEADLINES: "review" }, cwd).mail.deadlineChanges).toBe("review");
      expect(() => loadConfig({ TLSBOT_NOTICE_DEADLINES: "auto" }, cwd)).toThrow(expect.objectContaining({ code: "configInvalid", params: expect.objectContaining({ key: "TLSBOT_NOTICE_DEADLINES" }) }));
    } finally {
      rmSync(cwd, { recursive: true, force: true });
    }
  });

  it("reaches `tlsbot ingest`: the notice is held there, and applied without the setting", async () => {
    const mailDir = mkdtempSync(join(tmpdir(), "tlsbot-review-mail-"));
    const held = freshDataDir("tlsbot-review-cli-");
    const applied = freshDataDir("tlsbot-apply-cli-");
    try {
      writeFileSync(join(mailDir, "moved.eml"), redisNotice(NEW_DAY_TEXT, { auth: MICROSOFT_AUTH_PASS }));
      const a = await cli(["ingest", "--json", "--now", NOW, mailDir], { TLSBOT_DATA_DIR: held, TLSBOT_NOTICE_DEADLINES: "review" });
      expect(a.code).toBe(0);
      expect((JSON.parse(a.stdout) as { notices: Array<{ status: string; reason: string }> }).notices[0]).toMatchObject({ status: "triage", reason: "reviewRequired" });
      const b = await cli(["ingest", "--json", "--now", NOW, mailDir], { TLSBOT_DATA_DIR: applied });
      expect((JSON.parse(b.stdout) as { notices: Array<{ status: string; reason: string }> }).notices[0]).toMatchObject({ status: "applied", reason: "postponed" });
    } finally {
      for (const d of [mailDir, held, applied]) rmSync(d, { recursive: true, force: true });
    }
  });
});
