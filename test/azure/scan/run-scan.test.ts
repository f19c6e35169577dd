import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { runScan, type ScanOutcome, type ScanRequest } from "../../../src/azure/scan/run-scan.ts";
import type { SimulatorOptions } from "../../../src/azure/simulator/index.ts";
import { scanFixture, sharedStore, type ScanFixture, type SharedStore } from "../../support/scan-fixture.ts";
import { SUB_A, SUB_B, SUB_FORBIDDEN, smallTenant } from "../simulator/sim-tenant.ts";

const NOW = new Date("2026-11-24T00:00:00Z");
let fx: ScanFixture | null = null;
let shared: SharedStore;

// One PGlite store for the file (its first open costs seconds); each test gets its own simulator.
beforeAll(async () => {
  shared = await sharedStore();
});
afterAll(async () => shared.close());
afterEach(async () => {
  await fx?.close();
  fx = null;
});

async function scan(simOptions: Partial<Omit<SimulatorOptions, "token">>, req: Partial<ScanRequest> = {}): Promise<ScanOutcome> {
  fx = await scanFixture({ tenant: smallTenant(), pageSize: 2, ...simOptions }, shared.store);
  return runScan({ clients: fx.clients, store: fx.store, now: () => NOW }, { source: "arm", concurrency: 4, timeoutMs: 10_000, ...req });
}

const byName = (o: ScanOutcome, name: string) => {
  const f = o.resources.find((r) => r.name === name);
  if (!f) throw new Error(`${name} not in scan`);
  return f;
};

describe("scan through the real SDKs against the simulator (--source arm)", () => {
  it("follows paging, applies each kind's TLS semantics and reports the forbidden subscription while the others complete", async () => {
    const out = await scan({});
    expect(out.source).toBe("arm");
    expect(out.nothingScanned).toBe(false);
    expect(out.resources.map((r) => r.name).sort()).toEqual(
      ["cache-10", "cache-12", "cache-13", "cache-new", "cache-nodate", "cache-old", "hub-12", "hub-unset", "stone"]);
    expect(out.errors).toEqual([expect.objectContaining({ subscriptionId: SUB_FORBIDDEN, code: "forbidden" })]);

    // Redis without a minimum: created before 2020-01-13 → 1.0; after → 1.2; creation unknown → unknown, never compliant.
    expect(byName(out, "cache-old")).toMatchObject({ effectiveTls: "1.0", status: "overdue", createdAt: "2019-06-01T00:00:00.000Z", deadline: "2025-03-01" });
    expect(byName(out, "cache-new")).toMatchObject({ effectiveTls: "1.2", status: "compliant" });
    expect(byName(out, "cache-nodate")).toMatchObject({ effectiveTls: "unknown", status: "unknown" });
    expect(byName(out, "cache-10")).toMatchObject({ effectiveTls: "1.0", status: "overdue" });
    // Redis documents 1.0, 1.1 and 1.2 only: a value outside them is reported for review, never read as compliant.
    expect(byName(out, "cache-13")).toMatchObject({ effectiveTls: "unknown", status: "unknown", reason: "unrecognisedValue" });
    // IoT Hub: an absent minTlsVersion accepts 1.0 whatever the hub's age.
    expect(byName(out, "hub-unset")).toMatchObject({ effectiveTls: "1.0", rawTls: null, status: "overdue", deadline: "2025-08-31" });
    expect(byName(out, "hub-12")).toMatchObject({ effectiveTls: "1.2", status: "compliant" });

    const redisPages = fx!.sim.requests.filter((r) => r.path.toLowerCase() === `/subscriptions/${SUB_A}/providers/microsoft.cache/redis`);
    expect(redisPages.length).toBe(3);
  });

  it("matches creation times to resources although the generic list spells ids in another case", async () => {
    const out = await scan({});
    const old = byName(out, "cache-old");
    expect(old.id).toContain("/resourceGroups/");
    const generic = fx!.sim.requests.filter((r) => r.path.endsWith("/resources"));
    expect(generic.length).toBeGreaterThan(0);
    expect(old.createdAt).not.toBeNull();
  });

  it("never writes to Azure: every request of a scan is a GET", async () => {
    await scan({});
    const methods = new Set(fx!.sim.requests.map((r) => r.method));
    expect([...methods]).toEqual(["GET"]);
  });

  it("retries a 429 with Retry-After and loses nothing", async () => {
    const out = await scan({ faults: [{ kind: "throttle", match: { path: `/subscriptions/${SUB_B}/providers/Microsoft.Cache/redis` }, times: 2, retryAfterSeconds: 0 }] });
    expect(out.errors.map((e) => e.subscriptionId)).toEqual([SUB_FORBIDDEN]);
    expect(byName(out, "cache-13").status).toBe("unknown");
    expect(fx!.sim.requests.filter((r) => r.status === 429)).toHaveLength(2);
  });

  it("turns a subscription throttled past retries, failing with 5xx, hanging or answering malformed JSON into an error entry", async () => {
    const cases = [
      { fault: { kind: "throttle", retryAfterSeconds: 0 } as const, code: "throttled" },
      { fault: { kind: "server-error" } as const, code: "server-error" },
      { fault: { kind: "malformed-json" } as const, code: "malformed-response" },
      { fault: { kind: "hang" } as const, code: "timeout" },
    ];
    for (const c of cases) {
      const out = await scan(
        { faults: [{ ...c.fault, match: { path: `/subscriptions/${SUB_B}/` } }] },
        // 5xx is retried with exponential back-off (~6 s in all) before it counts as an error.
        { subscriptionIds: [SUB_A, SUB_B], timeoutMs: c.code === "timeout" ? 1500 : 30_000 },
      );
      expect(out.errors, c.code).toEqual([expect.objectContaining({ subscriptionId: SUB_B, code: c.code })]);
      expect(out.resources.some((r) => r.subscriptionId === SUB_A), c.code).toBe(true);
      expect(out.nothingScanned).toBe(false);
      await fx!.close();
      fx = null;
    }
  }, 90_000);

  it("reports nothing scanned when no subscription can be read", async () => {
    const out = await scan({}, { subscriptionIds: [SUB_FORBIDDEN] });
    expect(out.nothingScanned).toBe(true);
    expect(out.errors[0]?.code).toBe("forbidden");
    expect(out.resources).toHaveLength(0);
  });

  it("limits a scan to the requested kinds", async () => {
    const out = await scan({}, { kinds: ["iothub"] });
    expect(out.resources.every((r) => r.kind === "iothub")).toBe(true);
    expect(fx!.sim.requests.some((r) => /microsoft\.cache/i.test(r.path))).toBe(false);
  });
});

describe("scan through Resource Graph (--source graph)", () => {
  it("finds the same resources with one query, and only reads", async () => {
    const out = await scan({}, { source: "graph" });
    expect(out.source).toBe("graph");
    expect(out.fallbackReason).toBeNull();
    expect(out.resources.map((r) => r.name).sort()).toEqual(
      ["cache-10", "cache-12", "cache-13", "cache-new", "cache-nodate", "cache-old", "hub-12", "hub-unset", "stone"]);
    expect(byName(out, "cache-old")).toMatchObject({ effectiveTls: "1.0", createdAt: "2019-06-01T00:00:00.000Z" });
    expect(byName(out, "cache-nodate").status).toBe("unknown");
    expect(byName(out, "hub-unset").effectiveTls).toBe("1.0");
    // Resource Graph leaves the unreadable subscription out; the ARM check of row-less subscriptions reports it.
    expect(out.errors).toEqual([expect.objectContaining({ subscriptionId: SUB_FORBIDDEN, code: "forbidden" })]);
    const writes = fx!.sim.requests.filter((r) => r.method !== "GET");
    expect(writes.length).toBeGreaterThan(0);
    expect(writes.every((r) => r.method === "POST" && /Microsoft\.ResourceGraph\/resources$/i.test(r.path))).toBe(true);
  });

  it("falls back to the ARM path when Resource Graph is unavailable", async () => {
    const out = await scan({ graph: { available: false } }, { source: "graph" });
    expect(out.source).toBe("arm");
    expect(out.fallbackReason).toMatch(/^not-found/);
    expect(byName(out, "cache-old").effectiveTls).toBe("1.0");
  });

  it("waits out the per-user quota instead of failing", async () => {
    const out = await scan({ graph: { quotaPerWindow: 1, windowMs: 500 } }, { source: "graph" });
    expect(out.source).toBe("graph");
    expect(out.resources).toHaveLength(9);
  });
});

describe("switching the scan source", () => {
  it("records no change when the same tenant is scanned through ARM and then through Resource Graph", async () => {
    fx = await scanFixture({ tenant: smallTenant(), pageSize: 2 });
    const deps = { clients: fx.clients, store: fx.store, now: () => NOW };
    const first = await runScan(deps, { source: "arm", concurrency: 4, timeoutMs: 10_000 });
    expect(first.diff?.added).toHaveLength(9);
    const second = await runScan(deps, { source: "graph", concurrency: 4, timeoutMs: 10_000 });
    expect(second.diff).toEqual({ added: [], changed: [], removed: [] });
    const back = await runScan(deps, { source: "arm", concurrency: 4, timeoutMs: 10_000 });
    expect(back.diff).toEqual({ added: [], changed: [], removed: [] });
  });
});

describe("a subscription that leaves the list", () => {
  it("is reported as no longer visible, its resources kept as last seen, unless the scan was asked for named subscriptions", async () => {
    const own = await scanFixture({ tenant: smallTenant(), pageSize: 2 });
    try {
      const run = (req: Partial<ScanRequest> = {}) => runScan({ clients: own.clients, store: own.store, now: () => NOW }, { source: "arm", concurrency: 4, timeoutMs: 10_000, ...req });
      const first = await run();
      const inB = first.resources.filter((r) => r.subscriptionId === SUB_B).map((r) => r.id).sort();
      expect(inB.length).toBeGreaterThan(0);
      // Deleted, moved to another tenant, or the identity's access removed: ARM no longer lists it.
      const gone = own.sim.state.subscriptions.findIndex((s) => s.subscriptionId === SUB_B);
      own.sim.state.subscriptions.splice(gone, 1);
      const second = await run();
      expect(second.errors).toContainEqual(expect.objectContaining({ subscriptionId: SUB_B, code: "not-visible" }));
      expect(second.diff?.removed).toEqual([]);
      expect((await own.store.currentResources()).filter((r) => r.subscriptionId === SUB_B).map((r) => r.id).sort()).toEqual(inB);
      const named = await run({ subscriptionIds: [SUB_A] });
      expect(named.errors.map((e) => e.code)).not.toContain("not-visible");
    } finally {
      await own.close();
    }
  });
});
