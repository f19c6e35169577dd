import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { effectiveRetirements } from "../../src/catalog/effective-retirements.ts";
import { createEngine } from "../../src/conversation/engine.ts";
import { markChecklistItem } from "../../src/notices/apply/checklist.ts";
import type { Deliverer, RenderedPost } from "../../src/posts/deliverer.ts";
import { createPoster } from "../../src/posts/poster.ts";
import { postReminders } from "../../src/schedule/post-reminders.ts";
import { startSchedules } from "../../src/schedule/start-schedules.ts";
import type { Store } from "../../src/store/store.ts";
import { finding, SUB1 } from "../store/finding-fixture.ts";
import { sharedStore, type SharedStore } from "../support/scan-fixture.ts";

// Redis (deadline 2025-03-01) at its 14-day milestone.
const NOW = new Date("2025-02-15T00:00:00Z");

/** The store, failing the next `n` calls of `method` the way a dropped connection does. */
function flaky(store: Store): { store: Store; fail(method: keyof Store, n: number): void } {
  const failures = new Map<string, number>();
  const wrapped = new Proxy(store, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver) as unknown;
      if (typeof value !== "function") return value;
      return (...args: unknown[]) => {
        const left = failures.get(String(prop)) ?? 0;
        if (left > 0) {
          failures.set(String(prop), left - 1);
          return Promise.reject(new Error("Connection terminated unexpectedly"));
        }
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { store: wrapped, fail: (method, n) => void failures.set(String(method), n) };
}

describe("a store briefly unreachable, and snoozes set at the same moment", () => {
  let shared: SharedStore;
  const sent: Array<{ key: string; post: RenderedPost }> = [];
  const recorder: Deliverer = { platform: "teams", minIntervalMs: 0, send: async (c, post) => { sent.push({ key: c.key, post }); return { activityId: String(sent.length) }; }, update: async () => {} };

  beforeAll(async () => {
    shared = await sharedStore();
    const at = "2025-01-01T00:00:00.000Z";
    const scan = await shared.store.beginScan("arm", at);
    await shared.store.completeScan(scan, [finding("redis-a")], [], { subscriptionIds: [SUB1], types: [] }, at);
    await shared.store.upsertConversation({ key: "teams:ops", platform: "teams", reference: {}, kind: "channel", tenant: null, scopes: [SUB1], updatedAt: at });
    // Agent checklists done: only Redis reminds here.
    for (const r of effectiveRetirements([]).filter((x) => x.resourceTypes.length === 0)) {
      for (const item of (r.data["checklist"] as Array<{ key: string }> | undefined) ?? []) await markChecklistItem(shared.store, r.id, item.key, true, "test", at);
    }
  });
  afterAll(async () => { await shared.close(); });

  it("retries a slot whose claim failed, and runs it once", async () => {
    const f = flaky(shared.store);
    const errors: unknown[] = [];
    let runs = 0;
    const clock = { now: new Date("2025-02-14T23:59:00Z") };
    const schedules = startSchedules([{ name: "outage", cron: "0 0 * * *", run: async () => { runs++; } }], { store: f.store, now: () => clock.now, timeZone: "UTC", onError: (e) => errors.push(e), pollMs: 3_600_000, leaseMs: 60_000 });
    try {
      await schedules.tick();
      clock.now = NOW;
      f.fail("claimJobRun", 1);
      await schedules.tick();
      expect(errors.map((e) => (e as Error).message)).toEqual(["Connection terminated unexpectedly"]);
      expect(runs).toBe(0);
      await schedules.tick();
      await schedules.tick();
      expect(runs).toBe(1);
      expect(await shared.store.jobRunState("outage:2025-02-15T00:00:00.000Z")).toBe("completed");
    } finally {
      await schedules.stop();
    }
  });

  it("records a delivered post as sent though the store dropped out right after it, so it is not sent again", async () => {
    const f = flaky(shared.store);
    const errors: unknown[] = [];
    const poster = createPoster({ store: f.store, now: () => NOW, deliverers: [recorder], onError: (e) => errors.push(e), sleep: async () => {} });
    f.fail("completePost", 2);
    expect(await postReminders(f.store, poster, NOW)).toBe(1);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.post.text).toContain("14 days left");
    expect(await shared.store.postStatus("teams:ops", "reminder:redis-tls10-11:2025-03-01:14")).toBe("sent");
    expect(await postReminders(f.store, poster, new Date("2025-02-15T09:00:00Z"))).toBe(0);
    expect(sent).toHaveLength(1);
    expect(errors).toEqual([]);
  });

  it("a round that fails on the store sends nothing twice when it is run again", async () => {
    const f = flaky(shared.store);
    const poster = createPoster({ store: f.store, now: () => NOW, deliverers: [recorder], onError: () => {}, sleep: async () => {} });
    const at = new Date("2025-02-22T00:00:00Z");
    f.fail("listSubscribedConversations", 1);
    await expect(postReminders(f.store, poster, at)).rejects.toThrow("Connection terminated");
    const before = sent.length;
    expect(await postReminders(f.store, poster, at)).toBe(1);
    expect(await postReminders(f.store, poster, at)).toBe(0);
    expect(sent.length).toBe(before + 1);
  });

  it("keeps both of two snoozes set at the same moment", async () => {
    const engine = createEngine({ store: shared.store, now: () => NOW, freshnessMs: 0 });
    const say = (text: string, id: string) => engine.handle({ actor: { platform: "teams", id }, conversationId: "teams:ops", text });
    const [a, b] = await Promise.all([say("snooze redis for 2 weeks", "u1"), say("snooze storage for 1 week", "u2")]);
    expect(a.view.type).toBe("subscription");
    expect(b.view.type).toBe("subscription");
    expect(Object.keys((await shared.store.getConversation("teams:ops"))!.snoozes ?? {}).sort()).toEqual(["redis-tls10-11", "storage-tls10-11"]);
    // And "resume redis" ends only that one, while a snooze for everything is set at the same time.
    await Promise.all([say("resume redis", "u1"), say("snooze 3 days", "u2")]);
    expect(Object.keys((await shared.store.getConversation("teams:ops"))!.snoozes ?? {}).sort()).toEqual(["*", "storage-tls10-11"]);
    expect((await shared.store.listAudit(10)).filter((e) => e.action === "channel.snooze")).toHaveLength(3);
  });
});
