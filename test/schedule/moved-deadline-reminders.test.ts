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

describe("reminders when a notice moves a deadline", () => {
  let fx: ScanFixture;
  const posts: Array<{ key: string; post: RenderedPost }> = [];
  const recorder: Deliverer = { platform: "teams", minIntervalMs: 0, send: async (c: ConversationRecord, post: RenderedPost) => { posts.push({ key: c.key, post }); return { activityId: String(posts.length) }; }, update: async () => {} };
  const redis = () => posts.filter((p) => p.post.text.includes("Azure Cache for Redis"));

  beforeAll(async () => {
    fx = await scanFixture({ tenant: await loadTenantFile(DEMO_TENANT_FILE) });
    const t0 = new Date("2026-11-26T03:00:00Z");
    await runScan({ clients: fx.clients, store: fx.store, now: () => t0 }, { source: "arm", concurrency: 4, timeoutMs: 30_000 });
    await ingestMessage(fx.store, { bytes: redisNotice("1 March 2027", { messageId: "redis-march@notify.microsoft.com" }), source: "test", receivedAt: t0.toISOString() }, { now: () => t0 });
    await fx.store.upsertConversation({ key: "teams:ops", platform: "teams", reference: {}, kind: "channel", tenant: null, scopes: ["11111111-1111-4111-a111-111111111111"], updatedAt: t0.toISOString() });
  });
  afterAll(async () => { await fx.close(); });

  it("reminds again at each milestone of a deadline moved later, though the old deadline's reached them", async () => {
    const poster = createPoster({ store: fx.store, now: () => new Date(), deliverers: [recorder], onError: (e) => { throw e; } });
    // 7 days before 2027-03-01: the 90, 30, 14 and 7-day milestones of the old deadline are behind us.
    await postReminders(fx.store, poster, new Date("2027-02-22T00:00:00Z"));
    expect(redis()).toHaveLength(1);
    expect(redis()[0]!.post.text).toContain("7 days left");
    // Microsoft postpones to 1 June 2027.
    const t1 = new Date("2027-02-23T03:00:00Z");
    await ingestMessage(fx.store, { bytes: redisNotice("1 June 2027", { messageId: "redis-june@notify.microsoft.com" }), source: "test", receivedAt: t1.toISOString() }, { now: () => t1 });
    expect((await fx.store.listRetirements()).find((r) => r.id === "redis-tls10-11")?.deadline).toBe("2027-06-01");
    // 98 days left: still the 90-day milestone's nothing... then the new deadline's 90, 30, 14 and 7-day reminders.
    await postReminders(fx.store, poster, new Date("2027-02-24T00:00:00Z"));
    expect(redis()).toHaveLength(1);
    for (const [at, left] of [["2027-03-03", 90], ["2027-05-02", 30], ["2027-05-18", 14], ["2027-05-25", 7]] as const) {
      await postReminders(fx.store, poster, new Date(`${at}T00:00:00Z`));
      expect(redis().at(-1)!.post.text, at).toContain(`${left} days left`);
    }
    expect(redis()).toHaveLength(5);
  });

  it("does not repeat a milestone a conversation had under the key without the deadline, once the deadline reached it", async () => {
    const at = "2027-05-02T00:00:00.000Z";
    await fx.store.upsertConversation({ key: "teams:legacy", platform: "teams", reference: {}, kind: "channel", tenant: null, scopes: ["11111111-1111-4111-a111-111111111111"], updatedAt: at });
    // Sent by a version before the key carried the deadline: the 30-day reminder on 2 May, and a 7-day
    // one for the old deadline (1 March) in February, which says nothing of 1 June's 7 days.
    for (const [key, when] of [["reminder:redis-tls10-11:30", at], ["reminder:redis-tls10-11:7", "2027-02-22T00:00:00.000Z"]] as const) {
      expect(await fx.store.claimPost("teams:legacy", key, when)).toBe(true);
      await fx.store.completePost("teams:legacy", key, { activityId: "old" }, when);
    }
    const now = () => new Date("2027-05-02T09:00:00Z");
    const poster = createPoster({ store: fx.store, now, deliverers: [recorder], onError: (e) => { throw e; } });
    const mine = () => redis().filter((p) => p.key === "teams:legacy");
    await postReminders(fx.store, poster, new Date("2027-05-02T00:00:00Z"));
    expect(mine()).toHaveLength(0);
    await postReminders(fx.store, poster, new Date("2027-05-25T00:00:00Z"));
    expect(mine()).toHaveLength(1);
    expect(mine()[0]!.post.text).toContain("7 days left");
  });
});
