import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runScan } from "../../src/azure/scan/run-scan.ts";
import { loadTenantFile } from "../../src/azure/simulator/index.ts";
import type { Deliverer, RenderedPost } from "../../src/posts/deliverer.ts";
import { createPoster } from "../../src/posts/poster.ts";
import { DEMO_TENANT_FILE } from "../../src/cli/runtime.ts";
import { ingestMessage } from "../../src/notices/ingest/ingest-message.ts";
import { dueReminders, postReminders } from "../../src/schedule/post-reminders.ts";
import { currentMilestone, daysPastSlot } from "../../src/schedule/reminder-milestones.ts";
import { startSchedules } from "../../src/schedule/start-schedules.ts";
import type { ConversationRecord } from "../../src/store/store.ts";
import { redisNotice } from "../notices/mail-builder.ts";
import { scanFixture, type ScanFixture } from "../support/scan-fixture.ts";

describe("reminder milestones", () => {
  it("is the smallest milestone the deadline has reached, none once it has passed", () => {
    const cases: Array<[number, number | null]> = [[120, null], [90, 90], [45, 90], [30, 30], [29, 30], [15, 30], [14, 14], [8, 14], [7, 7], [3, 3], [1, 1], [0, 0], [-1, null]];
    for (const [days, milestone] of cases) expect(currentMilestone(days), String(days)).toBe(milestone);
  });

  it("after the deadline, one slot per whole interval: 7, 14, … days past (a missed run catches up, never twice)", () => {
    const cases: Array<[number, number | null]> = [[5, null], [0, null], [-1, null], [-6, null], [-7, 7], [-13, 7], [-14, 14], [-640, 637]];
    for (const [days, slot] of cases) expect(daysPastSlot(days), String(days)).toBe(slot);
    expect(daysPastSlot(-25, 10)).toBe(20);
    expect(daysPastSlot(-9, 10)).toBeNull();
  });
});

describe("deadline reminders and schedules", () => {
  let fx: ScanFixture;
  const posts: Array<{ key: string; post: RenderedPost }> = [];
  // A recording deliverer: the platforms' own deliverers are tested with their fakes elsewhere.
  const recorder: Deliverer = { platform: "teams", minIntervalMs: 0, send: async (c: ConversationRecord, post: RenderedPost) => { posts.push({ key: c.key, post }); return { activityId: String(posts.length) }; }, update: async () => {} };

  beforeAll(async () => {
    fx = await scanFixture({ tenant: await loadTenantFile(DEMO_TENANT_FILE) });
    const t0 = new Date("2026-11-26T03:00:00Z");
    await runScan({ clients: fx.clients, store: fx.store, now: () => t0 }, { source: "arm", concurrency: 4, timeoutMs: 30_000 });
    // Redis postponed to 2027-03-01 by a trusted notice: the caches are at risk again, with a deadline ahead.
    await ingestMessage(fx.store, { bytes: redisNotice("1 March 2027"), source: "test", receivedAt: t0.toISOString() }, { now: () => t0 });
    await fx.store.upsertConversation({ key: "teams:ops", platform: "teams", reference: {}, kind: "channel", tenant: null, scopes: ["11111111-1111-4111-a111-111111111111"], updatedAt: t0.toISOString() });
  });
  afterAll(async () => { await fx.close(); });

  it("lists what is due without sending", async () => {
    // Redis was postponed to 2027-03-01: 120 days ahead, no milestone yet; what is due is past other deadlines.
    const early = await dueReminders(fx.store, new Date("2026-11-01T00:00:00Z"));
    expect(early.find((d) => d.retirementId === "redis-tls10-11")).toBeUndefined();
    expect(early.length).toBeGreaterThan(0);
    expect(early.every((d) => d.afterDays !== null && d.daysLeft < 0 && d.affected.every((r) => r.status === "overdue" || r.status === "unknown"))).toBe(true);
    const due = await dueReminders(fx.store, new Date("2027-01-30T00:00:00Z"));
    expect(due.filter((d) => d.afterDays === null).map((d) => [d.retirementId, d.milestone, d.daysLeft, d.affected.length])).toEqual([["redis-tls10-11", 30, 30, 7]]);
  });

  it("reminds once per milestone, with the resources in the channel's scope", async () => {
    const poster = createPoster({ store: fx.store, now: () => new Date(), deliverers: [recorder], onError: (e) => { throw e; } });
    const redis = () => posts.filter((p) => p.post.text.includes("Azure Cache for Redis"));
    await postReminders(fx.store, poster, new Date("2027-01-30T00:00:00Z"));
    expect(redis()).toHaveLength(1);
    expect(redis().at(-1)?.post.text).toContain("リマインダー: Azure Cache for Redis の TLS 1.0/1.1 廃止 (残り 30 日)");
    expect(redis().at(-1)?.post.text).toContain("redis-cart-prod");
    expect(redis().at(-1)?.post.text).not.toContain("redis-sandbox-tanaka");
    expect(await postReminders(fx.store, poster, new Date("2027-01-30T09:00:00Z"))).toBe(0);
    await postReminders(fx.store, poster, new Date("2027-02-01T00:00:00Z"));
    expect(redis()).toHaveLength(1);
    await postReminders(fx.store, poster, new Date("2027-02-15T00:00:00Z"));
    expect(redis()).toHaveLength(2);
    expect(redis().at(-1)?.post.text).toContain("Reminder: Azure Cache for Redis TLS 1.0/1.1 retirement, 14 days left");
  });

  it("keeps reminding after a deadline, once per interval, while resources are still overdue", async () => {
    const poster = createPoster({ store: fx.store, now: () => new Date(), deliverers: [recorder], onError: (e) => { throw e; } });
    const hubs = () => posts.filter((p) => p.post.text.includes("IoT Hub"));
    const before = hubs().length;
    // IoT Hub's deadline was 2025-08-31: on 2026-11-26 that is 452 days past, in the slot of 448.
    await postReminders(fx.store, poster, new Date("2026-11-26T00:00:00Z"));
    expect(hubs()).toHaveLength(before + 1);
    expect(hubs().at(-1)?.post.text).toMatch(/452 days overdue|452 日超過/);
    expect(hubs().at(-1)?.post.text).toContain("iot-factory-osaka");
    await postReminders(fx.store, poster, new Date("2026-11-27T00:00:00Z"));
    expect(hubs()).toHaveLength(before + 1);
    await postReminders(fx.store, poster, new Date("2026-12-03T00:00:00Z"));
    expect(hubs()).toHaveLength(before + 2);

    // Every hub in the channel's scope fixed: one "all done" post, then silence.
    const fixed = (await fx.store.currentResources())
      .filter((f) => f.kind === "iothub" && f.subscriptionId === "11111111-1111-4111-a111-111111111111" && f.status !== "compliant")
      .map((f) => ({ ...f, rawTls: "1.2", configuredTls: "1.2" as const, effectiveTls: "1.2" as const, status: "compliant" as const }));
    expect(fixed.length).toBeGreaterThan(0);
    const scanId = await fx.store.beginScan("arm", "2026-12-04T00:00:00.000Z");
    await fx.store.completeScan(scanId, fixed, [], { subscriptionIds: [], types: [] }, "2026-12-04T00:00:00.000Z");
    await postReminders(fx.store, poster, new Date("2026-12-10T00:00:00Z"));
    const done = posts.filter((p) => p.post.text.includes("All done: Azure IoT Hub") || p.post.text.includes("対応完了"));
    expect(done).toHaveLength(1);
    expect(hubs()).toHaveLength(before + 2 + 1);
    await postReminders(fx.store, poster, new Date("2026-12-17T00:00:00Z"));
    expect(posts.filter((p) => p.post.text.includes("All done: Azure IoT Hub") || p.post.text.includes("対応完了"))).toHaveLength(1);
  });

  it("runs each slot of a job once, however many replicas schedule it", async () => {
    const runs = { a: 0, b: 0 };
    const opts = { store: fx.store, now: () => new Date(), timeZone: "Asia/Tokyo", onError: (e: unknown) => { throw e; } };
    const a = startSchedules([{ name: "tick", cron: "* * * * * *", run: async () => { runs.a++; } }], opts);
    const b = startSchedules([{ name: "tick", cron: "* * * * * *", run: async () => { runs.b++; } }], opts);
    const started = Date.now();
    await new Promise((r) => setTimeout(r, 3200));
    await a.stop();
    await b.stop();
    const seconds = Math.ceil((Date.now() - started) / 1000);
    const total = runs.a + runs.b;
    expect(total).toBeGreaterThanOrEqual(2);
    expect(total).toBeLessThanOrEqual(seconds + 1);
    const { rows } = await (fx.store as unknown as { exec: { query: (q: string) => Promise<{ rows: Array<{ n: number }> }> } }).exec.query("SELECT count(*)::int AS n FROM job_runs WHERE key LIKE 'tick:%'");
    expect(rows[0]?.n).toBe(total);
  });
});
