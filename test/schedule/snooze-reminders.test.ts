import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runScan } from "../../src/azure/scan/run-scan.ts";
import { loadTenantFile } from "../../src/azure/simulator/index.ts";
import type { Deliverer, RenderedPost } from "../../src/posts/deliverer.ts";
import { createPoster } from "../../src/posts/poster.ts";
import { DEMO_TENANT_FILE } from "../../src/cli/runtime.ts";
import { ingestMessage } from "../../src/notices/ingest/ingest-message.ts";
import { postReminders } from "../../src/schedule/post-reminders.ts";
import type { ConversationRecord } from "../../src/store/store.ts";
import { redisNotice } from "../notices/mail-builder.ts";
import { scanFixture, type ScanFixture } from "../support/scan-fixture.ts";

describe("snoozed reminders", () => {
  let fx: ScanFixture;
  const posts: Array<{ key: string; post: RenderedPost }> = [];
  const recorder: Deliverer = { platform: "teams", minIntervalMs: 0, send: async (c: ConversationRecord, post: RenderedPost) => { posts.push({ key: c.key, post }); return { activityId: String(posts.length) }; }, update: async () => {} };
  const redis = () => posts.filter((p) => p.post.text.includes("Azure Cache for Redis"));
  const hubs = () => posts.filter((p) => p.post.text.includes("IoT Hub"));

  beforeAll(async () => {
    fx = await scanFixture({ tenant: await loadTenantFile(DEMO_TENANT_FILE) });
    const t0 = new Date("2026-11-26T03:00:00Z");
    await runScan({ clients: fx.clients, store: fx.store, now: () => t0 }, { source: "arm", concurrency: 4, timeoutMs: 30_000 });
    await ingestMessage(fx.store, { bytes: redisNotice("1 March 2027"), source: "test", receivedAt: t0.toISOString() }, { now: () => t0 });
    await fx.store.upsertConversation({ key: "teams:ops", platform: "teams", reference: {}, kind: "channel", tenant: null, scopes: ["11111111-1111-4111-a111-111111111111"], updatedAt: t0.toISOString() });
  });
  afterAll(async () => { await fx.close(); });

  it("skips a conversation while everything is snoozed, and posts the current slot once the snooze ends", async () => {
    const poster = createPoster({ store: fx.store, now: () => new Date(), deliverers: [recorder], onError: (e) => { throw e; } });
    await fx.store.updateConversationSettings("teams:ops", { snoozes: { "*": "2027-02-05T00:00:00.000Z" } }, "2027-01-29T00:00:00.000Z");
    expect(await postReminders(fx.store, poster, new Date("2027-01-30T00:00:00Z"))).toBe(0);
    expect(await postReminders(fx.store, poster, new Date("2027-02-04T23:59:59Z"))).toBe(0);
    expect(posts).toHaveLength(0);
    // Not marked sent while snoozed: the 30-day reminder and the after-deadline ones come when it ends.
    expect(await fx.store.hasSentPost("teams:ops", "reminder:redis-tls10-11:2027-03-01:30")).toBe(false);
    await postReminders(fx.store, poster, new Date("2027-02-05T00:00:01Z"));
    expect(redis()).toHaveLength(1);
    expect(redis()[0]!.post.text).toContain("redis-cart-prod");
    expect(hubs()).toHaveLength(1);
    await postReminders(fx.store, poster, new Date("2027-02-05T09:00:00Z"));
    expect(redis()).toHaveLength(1);
  });

  it("snoozes one retirement without silencing the others", async () => {
    const poster = createPoster({ store: fx.store, now: () => new Date(), deliverers: [recorder], onError: (e) => { throw e; } });
    await fx.store.updateConversationSettings("teams:ops", { snoozes: { "redis-tls10-11": "2027-02-20T00:00:00.000Z" } }, "2027-02-05T00:00:00.000Z");
    const [r, h] = [redis().length, hubs().length];
    // 2027-02-15: Redis reaches its 14-day milestone (snoozed); IoT Hub another week past its deadline.
    await postReminders(fx.store, poster, new Date("2027-02-15T00:00:00Z"));
    expect(redis()).toHaveLength(r);
    expect(hubs()).toHaveLength(h + 1);
    await postReminders(fx.store, poster, new Date("2027-02-20T00:00:00Z"));
    expect(redis()).toHaveLength(r + 1);
    // The 14-day slot, posted late with the days left now.
    expect(redis().at(-1)!.post.text).toMatch(/9 days left|残り 9 日/);
    expect(await fx.store.hasSentPost("teams:ops", "reminder:redis-tls10-11:2027-03-01:14")).toBe(true);
  });

  it("does not hold back the one-time 'all done' post: it is news, not a reminder", async () => {
    const poster = createPoster({ store: fx.store, now: () => new Date(), deliverers: [recorder], onError: (e) => { throw e; } });
    await fx.store.updateConversationSettings("teams:ops", { snoozes: { "*": "2027-04-01T00:00:00.000Z" } }, "2027-02-21T00:00:00.000Z");
    const fixed = (await fx.store.currentResources())
      .filter((f) => f.kind === "iothub" && f.subscriptionId === "11111111-1111-4111-a111-111111111111" && f.status !== "compliant")
      .map((f) => ({ ...f, rawTls: "1.2", configuredTls: "1.2" as const, effectiveTls: "1.2" as const, status: "compliant" as const }));
    expect(fixed.length).toBeGreaterThan(0);
    const scanId = await fx.store.beginScan("arm", "2027-02-22T00:00:00.000Z");
    await fx.store.completeScan(scanId, fixed, [], { subscriptionIds: [], types: [] }, "2027-02-22T00:00:00.000Z");
    const before = posts.length;
    await postReminders(fx.store, poster, new Date("2027-02-26T00:00:00Z"));
    const newPosts = posts.slice(before);
    expect(newPosts.filter((p) => p.post.text.includes("All done: Azure IoT Hub") || p.post.text.includes("対応完了"))).toHaveLength(1);
    // The Redis 3-day reminder stays snoozed.
    expect(newPosts.filter((p) => p.post.text.includes("Azure Cache for Redis"))).toHaveLength(0);
  });
});
