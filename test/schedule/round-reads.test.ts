import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { effectiveRetirements } from "../../src/catalog/effective-retirements.ts";
import { previewPosts } from "../../src/schedule/preview-posts.ts";
import type { Store } from "../../src/store/store.ts";
import { finding, SUB1 } from "../store/finding-fixture.ts";
import { sharedStore, type SharedStore } from "../support/scan-fixture.ts";

const redis = effectiveRetirements([]).find((r) => r.id === "redis-tls10-11")!;
const day = (n: number) => new Date(Date.parse(`${redis.deadline}T00:00:00Z`) + n * 86_400_000 + 3600_000);

/** The real store, counting the calls made to it (each one a query, or several). */
function counted(store: Store): { store: Store; calls: () => number } {
  let calls = 0;
  const wrapped = new Proxy(store, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver) as unknown;
      if (typeof value !== "function") return value;
      return (...args: unknown[]) => {
        calls++;
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { store: wrapped, calls: () => calls };
}

/**
 * What a reminder or digest round reads before it posts (owed deadline-day reminders, reminders under the old keys,
 * "all done", each conversation's digest window) is read per post for all conversations: with a thousand channels, a
 * read per conversation and per retirement is thousands of queries every day.
 */
describe("a round's reads do not grow with the number of conversations", () => {
  let shared: SharedStore;
  beforeAll(async () => {
    shared = await sharedStore();
    const at = day(-100).toISOString();
    const scan = await shared.store.beginScan("arm", at);
    await shared.store.completeScan(scan, [finding("redis-a")], [], { subscriptionIds: [SUB1], types: [] }, at);
  });
  afterAll(async () => { await shared?.close(); });

  const subscribe = async (from: number, to: number) => {
    for (let i = from; i < to; i++) {
      await shared.store.upsertConversation({ key: `slack:C${i}`, platform: "slack", reference: { channel: `C${i}` }, kind: "channel", tenant: "T", scopes: [i % 2 ? SUB1 : "*"], updatedAt: day(-100).toISOString() });
    }
  };
  const reads = async (at: Date) => {
    const { store, calls } = counted(shared.store);
    const preview = await previewPosts(store, at, { afterEveryDays: 7, digestCron: "0 0 * * *", timeZone: "UTC" });
    return { calls: calls(), conversations: preview.conversations.length, reminders: preview.conversations.flatMap((c) => c.reminders).length };
  };

  it("on a milestone day, and on a day that owes the deadline day's reminder late", async () => {
    await subscribe(0, 3);
    const few = [await reads(day(-7)), await reads(day(2))];
    await subscribe(3, 60);
    const many = [await reads(day(-7)), await reads(day(2))];
    expect(few.map((r) => [r.conversations, r.reminders > 0])).toEqual([[3, true], [3, true]]);
    expect(many.map((r) => [r.conversations, r.reminders > 0])).toEqual([[60, true], [60, true]]);
    expect(many.map((r) => r.calls)).toEqual(few.map((r) => r.calls));
  });
});
