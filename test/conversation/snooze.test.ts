import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runScan } from "../../src/azure/scan/run-scan.ts";
import { loadTenantFile } from "../../src/azure/simulator/index.ts";
import { DEMO_TENANT_FILE } from "../../src/cli/runtime.ts";
import type { Command } from "../../src/conversation/command.ts";
import { createEngine, type Engine } from "../../src/conversation/engine.ts";
import { present } from "../../src/render/present.ts";
import { dueReminders, reminderFor } from "../../src/schedule/post-reminders.ts";
import type { View } from "../../src/render/view-model.ts";
import { scanFixture, type ScanFixture } from "../support/scan-fixture.ts";

const NOW = new Date("2026-11-26T03:00:00Z");
const ask = (engine: Engine, text: string, conversationId = "slack:C1") =>
  engine.handle({ actor: { platform: "slack", id: "U1" }, conversationId, text } satisfies Command);
type SubscriptionView = Extract<View, { type: "subscription" }>;
const words = (view: View, lang: "en" | "ja") => {
  const p = present(view, lang);
  return [p.title, p.subtitle ?? "", ...p.bullets].join("\n");
};

describe("snoozing reminders in a conversation", () => {
  let fx: ScanFixture;
  let engine: Engine;
  beforeAll(async () => {
    fx = await scanFixture({ tenant: await loadTenantFile(DEMO_TENANT_FILE) });
    await runScan({ clients: fx.clients, store: fx.store, now: () => NOW }, { source: "arm", concurrency: 4, timeoutMs: 30_000 });
    await fx.store.upsertConversation({ key: "slack:C1", platform: "slack", reference: { channel: "C1" }, kind: "channel", tenant: null, scopes: ["*"], updatedAt: NOW.toISOString() });
    await fx.store.upsertConversation({ key: "slack:C2", platform: "slack", reference: { channel: "C2" }, kind: "channel", tenant: null, updatedAt: NOW.toISOString() });
    engine = createEngine({ store: fx.store, now: () => NOW, freshnessMs: 0 });
  });
  afterAll(async () => { await fx.close(); });

  it("snoozes everything for 7 days: stored, audited, and shown with its end date in the reader's language", async () => {
    const reply = await ask(engine, "snooze 7 days");
    expect(reply.view.type).toBe("subscription");
    expect((reply.view as SubscriptionView).snoozes).toEqual([{ retirementId: null, until: "2026-12-03" }]);
    expect((await fx.store.getConversation("slack:C1"))?.snoozes).toEqual({ "*": "2026-12-03T03:00:00.000Z" });
    const [audit] = await fx.store.listAudit(1);
    expect(audit).toMatchObject({ action: "channel.snooze", actor: expect.stringContaining("U1"), target: "slack:C1", detail: { scope: "*", until: "2026-12-03T03:00:00.000Z", days: 7 } });
    expect(words(reply.view, "en")).toContain("Reminders paused until 3 Dec 2026");
    expect(words(reply.view, "ja")).toContain("2026年12月3日までリマインダーを一時停止しています");
  });

  it("snoozes one retirement when a kind is named, in Japanese too, and lists both in 購読状況", async () => {
    const reply = await ask(engine, "redis を 2週間スヌーズ");
    expect(reply.lang).toBe("ja");
    expect((reply.view as SubscriptionView).snoozes).toEqual([{ retirementId: null, until: "2026-12-03" }, { retirementId: "redis-tls10-11", until: "2026-12-10" }]);
    const [audit] = await fx.store.listAudit(1);
    expect(audit).toMatchObject({ action: "channel.snooze", detail: { scope: "redis-tls10-11", days: 14 } });
    const status = await ask(engine, "購読状況");
    expect(status.view.type).toBe("subscription");
    expect(words(status.view, "ja")).toMatch(/Azure Cache for Redis.*のリマインダーを2026年12月10日まで一時停止/);
    expect(words(status.view, "en")).toContain("until 10 Dec 2026");
  });

  it("resumes one retirement, then everything, audited", async () => {
    const one = await ask(engine, "resume redis reminders");
    expect((one.view as SubscriptionView).snoozes).toEqual([{ retirementId: null, until: "2026-12-03" }]);
    expect((await fx.store.listAudit(1))[0]).toMatchObject({ action: "channel.resume", detail: { scope: "redis-tls10-11" } });
    const all = await ask(engine, "リマインダー再開");
    expect((all.view as SubscriptionView).snoozes).toEqual([]);
    expect((await fx.store.getConversation("slack:C1"))?.snoozes).toEqual({});
    expect((await fx.store.listAudit(1))[0]).toMatchObject({ action: "channel.resume", detail: { scope: "*" } });
    expect(words(all.view, "ja")).not.toContain("一時停止");
  });

  it.each([
    ["snooze postgres for 2 weeks", "PostgreSQL flexible servers have no TLS retirement date", "PostgreSQL フレキシブル サーバー には TLS の廃止期限がない"],
    ["ポスグレ を 2週間スヌーズ", "PostgreSQL flexible servers have no TLS retirement date", "PostgreSQL フレキシブル サーバー には TLS の廃止期限がない"],
    ["resume postgresql reminders", "no reminders about them", "リマインダーはありません"],
  ])("answers '%s' for a kind with no retirement as nothing to snooze, storing nothing", async (text, en, ja) => {
    const before = (await fx.store.listAudit(1))[0]?.seq;
    const reply = await ask(engine, text);
    expect(reply.view).toMatchObject({ type: "error", code: "snoozeNoRetirement" });
    expect(words(reply.view, reply.lang)).toContain(reply.lang === "ja" ? ja : en);
    expect((await fx.store.listAudit(1))[0]?.seq).toBe(before);
    expect((await fx.store.getConversation("slack:C1"))?.snoozes ?? {}).not.toHaveProperty("*");
  });

  it.each([
    ["snooze -3 days", "snoozeNotPositive", "at least 1 day", "1 日以上"],
    ["snooze 0 days", "snoozeNotPositive", "at least 1 day", "1 日以上"],
    ["snooze 10 years", "snoozeTooLong", "at most 90 days", "最長 90 日"],
    ["100日間スヌーズ", "snoozeTooLong", "at most 90 days", "最長 90 日"],
    ["snooze reminders", "snoozeNeedsLength", "For how long?", "期間を指定してください"],
  ])("refuses %s with a clear answer in both languages, storing nothing", async (text, code, en, ja) => {
    const before = (await fx.store.listAudit(1))[0]?.seq;
    const reply = await ask(engine, text);
    expect(reply.view).toMatchObject({ type: "error", code });
    expect(words(reply.view, "en")).toContain(en);
    expect(words(reply.view, "ja")).toContain(ja);
    expect((await fx.store.listAudit(1))[0]?.seq).toBe(before);
    expect((await fx.store.getConversation("slack:C1"))?.snoozes).toEqual({});
  });

  it("says so when the conversation is not subscribed", async () => {
    const reply = await ask(engine, "snooze 7 days", "slack:C2");
    expect(reply.view).toMatchObject({ type: "error", code: "snoozeNotSubscribed" });
    expect(words(reply.view, "en")).toContain("not subscribed");
    expect(words(reply.view, "ja")).toContain("購読していない");
    expect((await fx.store.getConversation("slack:C2"))?.snoozes).toEqual({});
  });
});

describe("snoozing a kind whose retirement only a trusted notice announced", () => {
  // PostgreSQL has no catalog retirement; a trusted notice created one, named by its Tracking ID.
  const TRACKING = "tracking-PG7Q-2XZ";
  let fx: ScanFixture;
  let engine: Engine;
  beforeAll(async () => {
    fx = await scanFixture({ tenant: await loadTenantFile(DEMO_TENANT_FILE) });
    await runScan({ clients: fx.clients, store: fx.store, now: () => NOW }, { source: "arm", concurrency: 4, timeoutMs: 30_000 });
    await fx.store.upsertRetirement({
      id: TRACKING, service: "Azure Database for PostgreSQL flexible server TLS 1.0/1.1 retirement", resourceTypes: ["Microsoft.DBforPostgreSQL/flexibleServers"],
      deadline: "2026-12-01", source: "notice:12", data: { trackingIds: ["PG7Q-2XZ"] }, updatedAt: NOW.toISOString(),
    });
    await fx.store.upsertConversation({ key: "slack:C1", platform: "slack", reference: { channel: "C1" }, kind: "channel", tenant: null, scopes: ["*"], updatedAt: NOW.toISOString() });
    engine = createEngine({ store: fx.store, now: () => NOW, freshnessMs: 0 });
  });
  afterAll(async () => { await fx.close(); });

  it.each(["snooze PostgreSQL", "PostgreSQL のリマインダーを止めて"])("asks how long for '%s' instead of saying there is no retirement", async (text) => {
    const reply = await ask(engine, text);
    expect(reply.view).toMatchObject({ type: "error", code: "snoozeNeedsLength" });
  });

  it.each([["snooze postgresql for 2 weeks", "en"], ["ポスグレ を 2週間スヌーズ", "ja"]] as const)("'%s' snoozes the notice's retirement, and its reminder is held back", async (text, lang) => {
    const reply = await ask(engine, text);
    expect(reply.lang).toBe(lang);
    expect((reply.view as SubscriptionView).snoozes).toEqual([{ retirementId: TRACKING, until: "2026-12-10" }]);
    expect(words(reply.view, lang)).toContain(lang === "ja" ? "2026年12月10日まで一時停止" : "paused until 10 Dec 2026");
    expect((await fx.store.getConversation("slack:C1"))?.snoozes).toEqual({ [TRACKING]: "2026-12-10T03:00:00.000Z" });
    expect((await fx.store.listAudit(1))[0]).toMatchObject({ action: "channel.snooze", detail: { scope: TRACKING, days: 14 } });
    // The reminder of that retirement (due in 5 days: the 7-day milestone) is not posted to the channel.
    const due = (await dueReminders(fx.store, NOW)).filter((d) => d.retirementId === TRACKING);
    expect(due.length).toBeGreaterThan(0);
    for (const d of due) expect(reminderFor((await fx.store.getConversation("slack:C1"))!, d, NOW)).toBe("snoozed");
  });

  it("'PostgreSQL のリマインダーを再開' / 'resume postgres reminders' ends that snooze only", async () => {
    await fx.store.updateSnooze("slack:C1", { scope: "*", until: "2026-12-03T03:00:00.000Z" }, NOW.toISOString());
    for (const text of ["PostgreSQL のリマインダーを再開", "resume postgres reminders"]) {
      await ask(engine, "snooze postgresql for 2 weeks");
      const reply = await ask(engine, text);
      expect((reply.view as SubscriptionView).snoozes).toEqual([{ retirementId: null, until: "2026-12-03" }]);
      expect((await fx.store.listAudit(1))[0]).toMatchObject({ action: "channel.resume", detail: { scope: TRACKING } });
    }
  });
});
