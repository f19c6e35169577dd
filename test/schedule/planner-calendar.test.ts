import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { daysUntil } from "../../src/domain/finding-status.ts";
import type { Deliverer, RenderedPost } from "../../src/posts/deliverer.ts";
import { createPoster } from "../../src/posts/poster.ts";
import { digestKey } from "../../src/schedule/post-digest.ts";
import { postReminders } from "../../src/schedule/post-reminders.ts";
import { currentMilestone, daysPastSlot } from "../../src/schedule/reminder-milestones.ts";
import { slotToday, startSchedules } from "../../src/schedule/start-schedules.ts";
import { finding, SUB1 } from "../store/finding-fixture.ts";
import { sharedStore, type SharedStore } from "../support/scan-fixture.ts";

/** The slots a schedule runs between two instants, on an injected clock moved an hour at a time. */
async function slotsBetween(store: SharedStore["store"], cron: string, timeZone: string, from: string, to: string, name: string): Promise<string[]> {
  const slots: string[] = [];
  const clock = { now: new Date(from) };
  const s = startSchedules([{ name, cron, run: async (slot) => { slots.push(slot.toISOString()); } }], { store, now: () => clock.now, timeZone, onError: (e) => { throw e; }, pollMs: 3_600_000, lookbackMs: 3 * 86_400_000 });
  try {
    while (clock.now.getTime() < Date.parse(to)) {
      clock.now = new Date(clock.now.getTime() + 3_600_000);
      await s.tick();
    }
  } finally {
    await s.stop();
  }
  return slots;
}

describe("the planner on a fixed clock: zones, DST, month ends, leap days", () => {
  let shared: SharedStore;
  beforeAll(async () => { shared = await sharedStore(); });
  afterAll(async () => { await shared.close(); });

  it("runs the Monday 09:00 digest at 09:00 local across a DST change, and at a fixed UTC instant in Tokyo", async () => {
    // New York moves to daylight time on Sunday 8 March 2026: 09:00 is 14:00Z before, 13:00Z after.
    expect(await slotsBetween(shared.store, "0 9 * * 1", "America/New_York", "2026-02-28T00:00:00Z", "2026-03-17T00:00:00Z", "ny"))
      .toEqual(["2026-03-02T14:00:00.000Z", "2026-03-09T13:00:00.000Z", "2026-03-16T13:00:00.000Z"]);
    // …and back on Sunday 1 November 2026.
    expect(await slotsBetween(shared.store, "0 9 * * 1", "America/New_York", "2026-10-25T00:00:00Z", "2026-11-10T00:00:00Z", "ny-fall"))
      .toEqual(["2026-10-26T13:00:00.000Z", "2026-11-02T14:00:00.000Z", "2026-11-09T14:00:00.000Z"]);
    expect(await slotsBetween(shared.store, "0 9 * * 1", "Asia/Tokyo", "2026-02-28T00:00:00Z", "2026-03-17T00:00:00Z", "tokyo"))
      .toEqual(["2026-03-02T00:00:00.000Z", "2026-03-09T00:00:00.000Z", "2026-03-16T00:00:00.000Z"]);
    // Each digest slot keys the local date: a Monday in both zones.
    expect(digestKey(new Date("2026-03-09T13:00:00Z"), "America/New_York")).toBe("digest:2026-03-09");
    expect(slotToday("0 9 * * 1", new Date("2026-03-09T15:00:00Z"), "America/New_York")?.toISOString()).toBe("2026-03-09T13:00:00.000Z");
    expect(slotToday("0 9 * * 1", new Date("2026-03-09T12:59:00Z"), "America/New_York")).toBeNull();
  });

  it("runs the daily round once on each day of a month's end and of a leap day", async () => {
    const feb = await slotsBetween(shared.store, "0 9 * * *", "UTC", "2028-02-27T00:00:00Z", "2028-03-02T00:00:00Z", "leap");
    expect(feb).toEqual(["2028-02-27T09:00:00.000Z", "2028-02-28T09:00:00.000Z", "2028-02-29T09:00:00.000Z", "2028-03-01T09:00:00.000Z"]);
    const apr = await slotsBetween(shared.store, "0 9 31 * *", "UTC", "2026-03-30T00:00:00Z", "2026-06-01T00:00:00Z", "month-end");
    // "the 31st" has no day in April: March and May only.
    expect(apr).toEqual(["2026-03-31T09:00:00.000Z", "2026-05-31T09:00:00.000Z"]);
  });

  it("counts days across month ends and leap days as the calendar does", () => {
    expect(daysUntil("2028-03-01", new Date("2028-02-28T00:00:00Z"))).toBe(2);
    expect(daysUntil("2027-03-01", new Date("2027-02-28T00:00:00Z"))).toBe(1);
    expect(daysUntil("2026-05-01", new Date("2026-04-30T12:00:00Z"))).toBe(1);
    // The milestone reached on a leap day's eve, and the after-deadline slots across it.
    expect(currentMilestone(daysUntil("2028-03-01", new Date("2028-02-29T00:00:00Z")))).toBe(1);
    expect(daysPastSlot(daysUntil("2028-02-22", new Date("2028-02-29T00:00:00Z")))).toBe(7);
    expect(daysPastSlot(daysUntil("2028-02-22", new Date("2028-03-07T00:00:00Z")))).toBe(14);
  });

  it("gives a deadline a notice moves later milestones of its own, each sent once; after the new deadline its weeks start afresh", async () => {
    const store = shared.store;
    const at = "2025-01-01T00:00:00.000Z";
    const scan = await store.beginScan("arm", at);
    await store.completeScan(scan, [finding("redis-a")], [], { subscriptionIds: [SUB1], types: [] }, at);
    await store.upsertConversation({ key: "teams:cal", platform: "teams", reference: {}, kind: "channel", tenant: null, scopes: [SUB1], updatedAt: at });
    const sent: string[] = [];
    const recorder: Deliverer = { platform: "teams", minIntervalMs: 0, send: async (_c, post: RenderedPost) => { sent.push(post.text.split("\n")[0]!); return { activityId: String(sent.length) }; }, update: async () => {} };
    const poster = createPoster({ store, now: () => new Date(at), deliverers: [recorder], onError: (e) => { throw e; } });
    const redis = () => sent.filter((t) => t.includes("Redis"));
    // 14 days before 2025-03-01: sent.
    await postReminders(store, poster, new Date("2025-02-15T00:00:00Z"));
    expect(redis()).toHaveLength(1);
    // A notice moves the deadline to 2025-03-15. 27 days left: the 30-day milestone of the new deadline → sent once;
    // 14 days left on 1 March: the new deadline's own 14-day milestone (the one sent was the old deadline's) → sent.
    const current = (await store.listRetirements()).find((r) => r.id === "redis-tls10-11");
    await store.upsertRetirement({ ...(current ?? { id: "redis-tls10-11", service: "redis", resourceTypes: ["Microsoft.Cache/redis"], source: "notice:1", data: {} }), deadline: "2025-03-15", updatedAt: "2025-02-16T00:00:00.000Z" });
    await postReminders(store, poster, new Date("2025-02-16T00:00:00Z"));
    expect(redis()).toHaveLength(2);
    expect(redis().at(-1)).toMatch(/27 days left|残り 27 日/);
    await postReminders(store, poster, new Date("2025-02-17T00:00:00Z"));
    expect(redis()).toHaveLength(2);
    await postReminders(store, poster, new Date("2025-03-01T00:00:00Z"));
    await postReminders(store, poster, new Date("2025-03-01T00:00:00Z"));
    expect(redis()).toHaveLength(3);
    expect(redis().at(-1)).toMatch(/14 days left|残り 14 日/);
    // Then its 7-day milestone, and the weeks after it.
    await postReminders(store, poster, new Date("2025-03-08T00:00:00Z"));
    expect(redis()).toHaveLength(4);
    await postReminders(store, poster, new Date("2025-03-22T00:00:00Z"));
    expect(redis()).toHaveLength(5);
    expect(redis().at(-1)).toMatch(/7 days overdue|7 日超過/);
  });
});
