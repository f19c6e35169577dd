import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { effectiveRetirements } from "../../src/catalog/effective-retirements.ts";
import { markChecklistItem } from "../../src/notices/apply/checklist.ts";
import type { Deliverer, RenderedPost } from "../../src/posts/deliverer.ts";
import { createPoster } from "../../src/posts/poster.ts";
import { postReminders } from "../../src/schedule/post-reminders.ts";
import { previewPosts } from "../../src/schedule/preview-posts.ts";
import { openStore } from "../../src/store/open-store.ts";
import type { ConversationRecord, Store } from "../../src/store/store.ts";
import { finding, SUB1 } from "../store/finding-fixture.ts";
import { createScratchDatabase, postgresAvailability, type ScratchDatabase } from "../support/postgres.ts";

const availability = await postgresAvailability();
const redis = effectiveRetirements([]).find((r) => r.id === "redis-tls10-11")!;
const day = (n: number) => new Date(Date.parse(`${redis.deadline}T00:00:00Z`) + n * 86_400_000);
const dayZeroKey = `reminder:${redis.id}:${redis.deadline}:0`;

describe.skipIf(!availability.ok)("a deadline-day reminder whose post failed", () => {
  let scratch: ScratchDatabase | null = null;
  let a: Store;
  let b: Store;
  const sent: Array<{ key: string; post: RenderedPost }> = [];
  // Conversations the platform keeps refusing (its own retries exhausted).
  const failing = new Set<string>();
  const deliverer: Deliverer = {
    platform: "teams", minIntervalMs: 0, update: async () => {},
    send: async (c: ConversationRecord, post: RenderedPost) => {
      if (failing.has(c.key)) throw new Error("connector: 502 Bad Gateway");
      sent.push({ key: c.key, post });
      return { activityId: String(sent.length) };
    },
  };
  const posterOn = (store: Store) => createPoster({ store, now: () => new Date(), deliverers: [deliverer], onError: () => {} });
  const sentTo = (key: string) => sent.filter((s) => s.key === key && s.post.text.includes("Azure Cache for Redis"));
  const subscribe = (store: Store, key: string, at: Date) =>
    store.upsertConversation({ key, platform: "teams", reference: {}, kind: "channel", tenant: null, scopes: [SUB1], langs: "en", updatedAt: at.toISOString() });

  beforeAll(async () => {
    if (!availability.ok) return;
    scratch = await createScratchDatabase(availability.url, "tlsbot_retry");
    // Two replicas: two stores on one PostgreSQL.
    a = await openStore({ dataDir: "/nonexistent-unused", databaseUrl: scratch.url });
    b = await openStore({ dataDir: "/nonexistent-unused", databaseUrl: scratch.url });
    const at = day(-2).toISOString();
    const scan = await a.beginScan("arm", at);
    await a.completeScan(scan, [finding("redis-a")], [], { subscriptionIds: [SUB1], types: [] }, at);
    // Agent checklists done: only Redis is reminded of here.
    for (const r of effectiveRetirements([]).filter((x) => x.resourceTypes.length === 0)) {
      for (const item of (r.data["checklist"] as Array<{ key: string }> | undefined) ?? []) await markChecklistItem(a, r.id, item.key, true, "test", at);
    }
    await subscribe(a, "teams:ops", day(-2));
    await subscribe(a, "teams:dev", day(-2));
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await scratch?.drop();
  });

  it("is sent on the next run, once, though two replicas run it at the same time", async () => {
    failing.add("teams:ops");
    await postReminders(a, posterOn(a), day(0));
    expect(await a.postStatus("teams:ops", dayZeroKey)).toBe("failed");
    expect(sentTo("teams:dev")).toHaveLength(1);
    failing.delete("teams:ops");
    // Subscribed after the deadline day: never had that post, so it does not get it late.
    await subscribe(a, "teams:late", day(1));

    expect((await previewPosts(a, day(1), { afterEveryDays: 7, digestCron: "off", timeZone: "UTC" })).conversations.map((c) => [c.key, c.reminders.map((r) => [r.key, r.status])]))
      .toEqual([["teams:dev", []], ["teams:late", []], ["teams:ops", [[dayZeroKey, "due"]]]]);
    await Promise.all([postReminders(a, posterOn(a), day(1)), postReminders(b, posterOn(b), day(1))]);
    expect(sentTo("teams:ops")).toHaveLength(1);
    expect(sentTo("teams:ops")[0]!.post.text).toContain("redis-a");
    expect(await a.postStatus("teams:ops", dayZeroKey)).toBe("sent");
    expect(sentTo("teams:dev")).toHaveLength(1);
    expect(sentTo("teams:late")).toHaveLength(0);

    await postReminders(b, posterOn(b), day(2));
    expect(sentTo("teams:ops")).toHaveLength(1);
  });

  it("is tried until the first weekly reminder after the deadline takes its place, and not after", async () => {
    await subscribe(a, "teams:qa", day(-1));
    failing.add("teams:qa");
    for (let n = 0; n <= 6; n++) await postReminders(a, posterOn(a), day(n));
    expect(sentTo("teams:qa")).toHaveLength(0);
    failing.delete("teams:qa");
    await postReminders(a, posterOn(a), day(7));
    // The 7-days-past reminder, not the deadline day's.
    expect(sentTo("teams:qa")).toHaveLength(1);
    expect(await a.postStatus("teams:qa", `reminder:${redis.id}:${redis.deadline}:after:7`)).toBe("sent");
    expect(await a.postStatus("teams:qa", dayZeroKey)).toBe("failed");
  });
});
