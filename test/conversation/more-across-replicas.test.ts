import { rmSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Command } from "../../src/conversation/command.ts";
import { createEngine, type Engine } from "../../src/conversation/engine.ts";
import { openStore } from "../../src/store/open-store.ts";
import type { Store } from "../../src/store/store.ts";
import type { View } from "../../src/render/view-model.ts";
import { freshDataDir } from "../support/data-dir.ts";
import { createScratchDatabase, postgresAvailability, type ScratchDatabase } from "../support/postgres.ts";
import { finding, SUB1 } from "../store/finding-fixture.ts";

const availability = await postgresAvailability();
const NOW = new Date("2026-11-26T03:00:00Z");
// 45 caches below 1.2: three pages of 20, 20 and 5.
const CACHES = Array.from({ length: 45 }, (_, i) => finding(`cache-${String(i).padStart(2, "0")}`));

async function fill(store: Store): Promise<void> {
  await store.upsertSubscriptions([{ subscriptionId: SUB1, displayName: "prod", state: "Enabled" }], NOW.toISOString());
  const scanId = await store.beginScan("arm", NOW.toISOString());
  await store.completeScan(scanId, CACHES, [], { subscriptionIds: [SUB1], types: ["Microsoft.Cache/redis"] }, NOW.toISOString());
}

const say = (engine: Engine, conversationId: string, text: string) =>
  engine.handle({ actor: { platform: "teams", id: "u1" }, conversationId, text } satisfies Command).then((r) => r.view);
const names = (v: View) => {
  expect(v.type).toBe("resourceList");
  return (v as Extract<View, { type: "resourceList" }>).rows.map((r) => r.name);
};

/**
 * Two replicas behind a load balancer: a user's question lands on one and their "more" on the other.
 * Each engine has its own process memory; only the store is shared.
 */
function crossReplicaPaging(open: () => Promise<{ a: Store; b: Store; close: () => Promise<void> }>) {
  let a: Store;
  let b: Store;
  let close: () => Promise<void>;
  let clock = NOW;
  let replicaA: Engine;
  let replicaB: Engine;
  beforeAll(async () => {
    ({ a, b, close } = await open());
    await fill(a);
    replicaA = createEngine({ store: a, now: () => clock });
    replicaB = createEngine({ store: b, now: () => clock });
  });
  afterAll(async () => {
    await close();
  });

  it("continues a list shown by one replica when 'more' reaches the other, and back", async () => {
    const first = names(await say(replicaA, "teams:c1", "which caches are below 1.2"));
    const second = names(await say(replicaB, "teams:c1", "more"));
    const third = names(await say(replicaA, "teams:c1", "more"));
    expect([first.length, second.length, third.length]).toEqual([20, 20, 5]);
    // Every cache exactly once, in answer order across the three pages.
    expect([...first, ...second, ...third].sort()).toEqual(CACHES.map((c) => c.name).sort());
    // Past the end: that is all, with how many there were, on either replica and again on the next "more".
    expect(await say(replicaB, "teams:c1", "more")).toMatchObject({ type: "listEnd", total: CACHES.length });
    expect(await say(replicaA, "teams:c1", "more")).toMatchObject({ type: "listEnd", total: CACHES.length });
  });

  it("keeps conversations apart and follows the latest list, whichever replica showed it", async () => {
    expect((await say(replicaB, "teams:other", "more")).type).toBe("help");
    names(await say(replicaB, "teams:c2", "which caches are below 1.2"));
    names(await say(replicaA, "teams:c2", "more"));
    // A new question on B starts over; A's "more" follows it, not A's own last page.
    const restart = names(await say(replicaB, "teams:c2", "redis in prod"));
    const next = names(await say(replicaA, "teams:c2", "more"));
    expect(next).toHaveLength(20);
    expect(next.some((n) => restart.includes(n))).toBe(false);
  });

  it("answers in the language a user chose on the other replica once its view is due a refresh", async () => {
    const fresh = { store: a, now: () => clock, freshnessMs: 0 };
    const onA = createEngine(fresh);
    const onB = createEngine({ ...fresh, store: b });
    const lang = (engine: Engine, text: string) => engine.handle({ actor: { platform: "teams", id: "u-lang" }, conversationId: "teams:c9", text }).then((r) => r.lang);
    // A message in no language (an empty one gets help) is answered in the user's chosen language.
    expect(await lang(onB, "")).toBe("en");
    expect(await lang(onA, "switch to japanese")).toBe("ja");
    // B had read this user's language (none chosen) before; it reads it again instead of trusting its copy.
    expect(await lang(onB, "")).toBe("ja");
    expect(await lang(onB, "english please")).toBe("en");
    expect(await lang(onA, "")).toBe("en");
  });

  it("shows the last page again when a scan shrank the list under the page shown last, then says that is all", async () => {
    names(await say(replicaA, "teams:c4", "which caches are below 1.2"));
    names(await say(replicaA, "teams:c4", "more"));
    // A new scan finds 15 of the 45: the second page the user saw is past the end of the list as it is now.
    const scanId = await a.beginScan("arm", NOW.toISOString());
    await a.completeScan(scanId, CACHES.slice(0, 15), [], { subscriptionIds: [SUB1], types: ["Microsoft.Cache/redis"] }, NOW.toISOString());
    try {
      const fresh = createEngine({ store: b, now: () => clock, freshnessMs: 0 });
      expect(names(await say(fresh, "teams:c4", "more"))).toEqual(CACHES.slice(0, 15).map((c) => c.name));
      expect(await say(fresh, "teams:c4", "more")).toMatchObject({ type: "listEnd", total: 15 });
    } finally {
      await fill(a);
    }
  });

  it("forgets a list nobody continued for a day", async () => {
    names(await say(replicaA, "teams:c3", "which caches are below 1.2"));
    clock = new Date(NOW.getTime() + 25 * 3_600_000);
    try {
      const later = await say(replicaB, "teams:c3", "more");
      expect(later).toEqual({ type: "help", reason: "noMore" });
    } finally {
      clock = NOW;
    }
  });
}

describe.skipIf(!availability.ok)("typed 'more' across two replicas on one PostgreSQL", () => {
  let scratch: ScratchDatabase;
  crossReplicaPaging(async () => {
    if (!availability.ok) throw new Error("unreachable");
    scratch = await createScratchDatabase(availability.url, "tlsbot_more");
    const a = await openStore({ dataDir: "", databaseUrl: scratch.url });
    const b = await openStore({ dataDir: "", databaseUrl: scratch.url });
    return { a, b, close: async () => { await a.close(); await b.close(); await scratch.drop(); } };
  });
});

describe("typed 'more' on PGlite, two engines on one data directory", () => {
  // One process owns a PGlite directory: the second engine stands for the bot started again on the same
  // data (nothing of the first engine's memory carries over).
  crossReplicaPaging(async () => {
    const dir = freshDataDir("tlsbot-more-");
    const a = await openStore({ dataDir: dir });
    return { a, b: a, close: async () => { await a.close(); rmSync(dir, { recursive: true, force: true }); } };
  });
});
