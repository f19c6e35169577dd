import { afterEach, describe, expect, it } from "vitest";
import { effectiveRetirements } from "../../src/catalog/effective-retirements.ts";
import { markChecklistItem } from "../../src/notices/apply/checklist.ts";
import { postReminders } from "../../src/schedule/post-reminders.ts";
import { previewPosts } from "../../src/schedule/preview-posts.ts";
import type { Store } from "../../src/store/store.ts";
import { finding, SUB1, SUB2 } from "../store/finding-fixture.ts";
import { startPostingWorld, type PostingWorld } from "../support/posting-world.ts";
import { sharedStore, type SharedStore } from "../support/scan-fixture.ts";

const redis = effectiveRetirements([]).find((r) => r.id === "redis-tls10-11")!;
const day = (n: number) => new Date(Date.parse(`${redis.deadline}T00:00:00Z`) + n * 86_400_000);
const keyOf = (milestone: number) => `reminder:${redis.id}:${redis.deadline}:${milestone}`;
const DAY_ZERO = keyOf(0);
const AFTER_7 = `reminder:${redis.id}:${redis.deadline}:after:7`;
// Long enough for a run on a loaded machine to find a lease still live, short enough to wait out.
const LEASE_MS = 1500;
const OPS = "19:ops@thread.tacv2";
const OTHER = "19:other@thread.tacv2";
const OLD = "19:old@thread.tacv2";

/** Two replicas (a posting world each: the real poster, Teams and Slack deliverers against local fakes) on one store. */
interface Replicas {
  readonly store: Store;
  readonly one: PostingWorld;
  readonly two: PostingWorld;
  /** Redis reminder posts to a Teams conversation (every replica's Teams post reaches `one`'s fake: the reference points there). */
  teams(id: string): number;
  /** Redis reminder posts to a Slack channel, from either replica. */
  slack(channel: string): number;
  /** Both replicas run the reminder round of `at` at the same time. */
  runBoth(at: Date): Promise<void>;
  close(): Promise<void>;
}

const isRedis = (x: unknown) => JSON.stringify(x).includes("Azure Cache for Redis");

async function replicas(): Promise<Replicas> {
  const shared: SharedStore = await sharedStore();
  const store = shared.store;
  const at = day(-100).toISOString();
  const scan = await store.beginScan("arm", at);
  await store.completeScan(scan, [finding("redis-a")], [], { subscriptionIds: [SUB1], types: [] }, at);
  // Agent checklists done: only Redis is reminded of here.
  for (const r of effectiveRetirements([]).filter((x) => x.resourceTypes.length === 0)) {
    for (const item of (r.data["checklist"] as Array<{ key: string }> | undefined) ?? []) await markChecklistItem(store, r.id, item.key, true, "test", at);
  }
  const one = await startPostingWorld(store, day(0), undefined, { postLeaseMs: LEASE_MS });
  const two = await startPostingWorld(store, day(0), undefined, { postLeaseMs: LEASE_MS });
  for (const [id, scopes] of [[OPS, [SUB1]], [OTHER, [SUB2]], [OLD, [SUB1]]] as const) {
    await store.upsertConversation({ key: `teams:${id}`, platform: "teams", reference: one.teamsRef(id), kind: "channel", tenant: "t", scopes: [...scopes], updatedAt: at });
  }
  await store.upsertConversation({ key: "slack:C0ALL", platform: "slack", reference: { channel: "C0ALL" }, kind: "channel", tenant: "T0", scopes: ["*"], langs: "en", updatedAt: at });
  return {
    store, one, two,
    teams: (id) => one.connector.calls.filter((c) => c.conversationId === id && c.method === "POST" && isRedis(c.activity)).length,
    slack: (channel) => [...one.api.calls, ...two.api.calls].filter((c) => c.method === "chat.postMessage" && c.args["channel"] === channel && isRedis(c.args)).length,
    runBoth: async (when) => void (await Promise.all([postReminders(store, one.poster, when), postReminders(store, two.poster, when)])),
    async close() {
      await one.close();
      await two.close();
      await shared.close();
    },
  };
}

const preview = async (store: Store, at: Date) =>
  (await previewPosts(store, at, { afterEveryDays: 7, digestCron: "off", timeZone: "UTC" })).conversations.map((c) => [c.key, c.reminders.map((r) => [r.key, r.status])]);

describe("deadline-day reminders a run did not deliver", () => {
  let r: Replicas | null = null;
  afterEach(async () => {
    expect([...(r?.one.errors ?? []), ...(r?.two.errors ?? [])]).toEqual([]);
    await r?.close();
    r = null;
  });

  it("sends a post a replica that died left 'sending' once its lease is over, once across two replicas, and not while the lease is live", async () => {
    r = await replicas();
    const { store } = r;
    // The deadline day: a replica claimed the post for teams:ops, then died before delivering or recording it.
    expect(await store.claimPost(`teams:${OPS}`, DAY_ZERO, day(0).toISOString(), { leaseMs: LEASE_MS })).toBe(true);
    await postReminders(store, r.one.poster, day(0));
    expect(r.slack("C0ALL")).toBe(1);
    expect(r.teams(OLD)).toBe(1);
    expect(r.teams(OPS)).toBe(0);

    // The next day, its lease still live: the replica holding it may yet deliver it, so it is not sent a second time.
    await r.runBoth(day(1));
    expect(r.teams(OPS)).toBe(0);
    expect(await store.postStatus(`teams:${OPS}`, DAY_ZERO)).toBe("sending");

    await new Promise((resolve) => setTimeout(resolve, LEASE_MS + 200));
    expect(await preview(store, day(2))).toContainEqual([`teams:${OPS}`, [[DAY_ZERO, "due"]]]);
    await r.runBoth(day(2));
    expect(r.teams(OPS)).toBe(1);
    expect(JSON.stringify(r.one.connector.calls.at(-1)!.activity)).toContain("redis-a");
    expect(await store.postStatus(`teams:${OPS}`, DAY_ZERO)).toBe("sent");
    await r.runBoth(day(3));
    expect([r.teams(OPS), r.teams(OLD), r.slack("C0ALL"), r.teams(OTHER)]).toEqual([1, 1, 1, 0]);
  });

  it("posts a deadline day no run reached on the next run, once, to the conversations it concerns, until the first weekly reminder", async () => {
    r = await replicas();
    const { store } = r;
    // teams:old had the deadline day's reminder under the key used before keys carried the deadline.
    expect(await store.claimPost(`teams:${OLD}`, `reminder:${redis.id}:0`, day(0).toISOString())).toBe(true);
    await store.completePost(`teams:${OLD}`, `reminder:${redis.id}:0`, { activityId: "old" }, new Date(day(0).getTime() + 3600_000).toISOString());

    // No run on the deadline day (the bot was down); the next one is the day after.
    expect(await preview(store, day(1))).toEqual([
      ["slack:C0ALL", [[DAY_ZERO, "due"]]], [`teams:${OLD}`, []], [`teams:${OPS}`, [[DAY_ZERO, "due"]]], [`teams:${OTHER}`, []],
    ]);
    await r.runBoth(day(1));
    expect([r.teams(OPS), r.slack("C0ALL"), r.teams(OLD), r.teams(OTHER)]).toEqual([1, 1, 0, 0]);
    expect(await store.postStatus(`teams:${OPS}`, DAY_ZERO)).toBe("sent");
    // Told how late it is: a day past the deadline, with what is still on TLS 1.0/1.1.
    const card = JSON.stringify(r.one.connector.calls.find((c) => c.conversationId === OPS)!.activity);
    expect(card).toContain("redis-a");
    expect(card).toMatch(/1 day overdue|1 日超過/);

    for (let n = 2; n <= 6; n++) await r.runBoth(day(n));
    expect([r.teams(OPS), r.slack("C0ALL"), r.teams(OLD), r.teams(OTHER)]).toEqual([1, 1, 0, 0]);
    await r.runBoth(day(7));
    expect([r.teams(OPS), r.slack("C0ALL"), r.teams(OLD), r.teams(OTHER)]).toEqual([2, 2, 1, 0]);
    expect(await store.postStatus(`teams:${OPS}`, AFTER_7)).toBe("sent");
  });

  it("finishes on the next day a deadline-day round whose replica died in it and was not taken over", async () => {
    r = await replicas();
    const { store } = r;
    // The deadline day: the only replica claimed the post for teams:ops, died, and came back the next day.
    expect(await store.claimPost(`teams:${OPS}`, DAY_ZERO, day(0).toISOString(), { leaseMs: LEASE_MS })).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, LEASE_MS + 200));
    await r.runBoth(day(1));
    expect([r.teams(OPS), r.slack("C0ALL"), r.teams(OLD), r.teams(OTHER)]).toEqual([1, 1, 1, 0]);
    await r.runBoth(day(2));
    expect([r.teams(OPS), r.slack("C0ALL"), r.teams(OLD), r.teams(OTHER)]).toEqual([1, 1, 1, 0]);
  });

  it("does not post a deadline day no run reached once the first weekly reminder has taken its place", async () => {
    r = await replicas();
    await r.runBoth(day(7));
    expect([r.teams(OPS), r.slack("C0ALL")]).toEqual([1, 1]);
    expect(await r.store.postStatus(`teams:${OPS}`, AFTER_7)).toBe("sent");
    expect(await r.store.postStatus(`teams:${OPS}`, DAY_ZERO)).toBeNull();
  });

  it("posts a 7-day reminder no run reached on the next run, once", async () => {
    r = await replicas();
    // Down on the 7th and 6th day before the deadline: the 7-day reminder comes on the 5th.
    await r.runBoth(day(-5));
    expect([r.teams(OPS), r.slack("C0ALL")]).toEqual([1, 1]);
    expect(await r.store.postStatus(`teams:${OPS}`, keyOf(7))).toBe("sent");
    await r.runBoth(day(-4));
    expect([r.teams(OPS), r.slack("C0ALL")]).toEqual([1, 1]);
  });

  it("after a longer outage posts only the newest milestone it skipped, not a string of stale ones", async () => {
    r = await replicas();
    // Down from the 14th day before the deadline to the 2nd: the 7-day reminder is stale, the 3-day one stands for it.
    await r.runBoth(day(-2));
    expect([r.teams(OPS), r.slack("C0ALL")]).toEqual([1, 1]);
    expect(await r.store.postStatus(`teams:${OPS}`, keyOf(3))).toBe("sent");
    expect(await r.store.postStatus(`teams:${OPS}`, keyOf(7))).toBeNull();
    await r.runBoth(day(-1));
    expect(await r.store.postStatus(`teams:${OPS}`, keyOf(7))).toBeNull();
    expect([r.teams(OPS), r.slack("C0ALL")]).toEqual([2, 2]);
  });
});
