import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { runScan, type ScanOutcome, type ScanRequest } from "../../../src/azure/scan/run-scan.ts";
import { generateTenant, type SimulatorOptions } from "../../../src/azure/simulator/index.ts";
import type { Finding } from "../../../src/domain/resource.ts";
import { scanFixture, sharedStore, type ScanFixture, type SharedStore } from "../../support/scan-fixture.ts";
import { SUB_A, SUB_B, SUB_FORBIDDEN, smallTenant } from "../simulator/sim-tenant.ts";

const NOW = new Date("2026-11-24T00:00:00Z");
let fx: ScanFixture | null = null;
let shared: SharedStore;

beforeAll(async () => {
  shared = await sharedStore();
});
afterAll(async () => shared.close());
afterEach(async () => {
  await fx?.close();
  fx = null;
});

/** A clean scan, then the same tenant answering with `faults`: what the store holds after each. */
async function cleanThenFaulty(simOptions: Omit<SimulatorOptions, "token">, faulty: SimulatorOptions["faults"], req: Partial<ScanRequest> = {}, access: { maxResponseBytes?: number } = {}) {
  fx = await scanFixture({ pageSize: 2, ...simOptions }, shared.store, access);
  const deps = { clients: fx.clients, store: fx.store, now: () => NOW };
  const base = { source: "arm" as const, concurrency: 8, timeoutMs: 30_000, ...req };
  await runScan(deps, { ...base, source: "arm" });
  const before = snapshot(await fx.store.currentResources());
  fx.sim.clearRequests();
  fx.sim.addFaults(faulty ?? []);
  const out = await runScan(deps, base);
  return { before, out, after: snapshot(await fx.store.currentResources()) };
}

const snapshot = (rs: readonly Finding[]) => rs.map((r) => `${r.id.toLowerCase()}|${r.status}|${r.effectiveTls}`).sort();
// The store is shared with tests of other tenants, whose subscriptions this tenant's list does not have.
const codes = (o: ScanOutcome) => Object.fromEntries(o.errors.filter((e) => e.code !== "not-visible").map((e) => [e.subscriptionId, e.code]));

describe("bad input from Azure: a clear error, bounded, and the previous inventory kept", () => {
  it("malformed JSON from every subscription at once: each reported, nothing lost, nothing turned compliant", async () => {
    const tenant = generateTenant({ seed: 5, subscriptions: 40, resourcesPerSubscription: 6 });
    const { before, out, after } = await cleanThenFaulty({ tenant }, [{ kind: "malformed-json", match: { path: "/providers/Microsoft.Cache/redis" } }]);
    expect(before.length).toBeGreaterThan(100);
    expect(out.errors).toHaveLength(40);
    expect(new Set(out.errors.map((e) => e.code))).toEqual(new Set(["malformed-response"]));
    expect(out.nothingScanned).toBe(true);
    expect(after).toEqual(before);
  });

  it("a nextLink that points back at its own page: stopped at once as a paging loop, other subscriptions scanned", async () => {
    const { before, out, after } = await cleanThenFaulty({ tenant: smallTenant() },
      [{ kind: "next-link-loop", match: { path: `/subscriptions/${SUB_A}/providers/Microsoft.Cache/redis` } }],
      { timeoutMs: 120_000 });
    expect(codes(out)).toEqual({ [SUB_A]: "paging-loop", [SUB_FORBIDDEN]: "forbidden" });
    expect(out.errors.find((e) => e.subscriptionId === SUB_A)?.message).toMatch(/repeated a page/);
    // Stopped on the first repeat, not at the time limit: the looping page was fetched twice.
    expect(fx!.sim.requests.filter((r) => /microsoft\.cache\/redis$/i.test(r.path) && r.path.includes(SUB_A)).length).toBeLessThanOrEqual(2);
    expect(after).toEqual(before);
  });

  it("a Resource Graph $skipToken that repeats: the loop is named and the ARM path gives the full inventory", async () => {
    const { before, out, after } = await cleanThenFaulty({ tenant: smallTenant() },
      [{ kind: "next-link-loop", match: { method: "POST", path: "Microsoft.ResourceGraph" } }], { source: "graph" });
    expect(out.source).toBe("arm");
    expect(out.fallbackReason).toMatch(/^paging-loop/);
    expect(after).toEqual(before);
  });

  it("a connection reset half-way through a list page is retried, not reported", async () => {
    const { before, out, after } = await cleanThenFaulty({ tenant: smallTenant() },
      [{ kind: "reset-mid-body", match: { path: `/subscriptions/${SUB_B}/providers/Microsoft.Cache/redis` }, times: 2 }]);
    expect(codes(out)).toEqual({ [SUB_FORBIDDEN]: "forbidden" });
    expect(fx!.sim.requests.filter((r) => r.status === 0)).toHaveLength(2);
    expect(after).toEqual(before);
  });

  it("a hung Resource Graph query ends at the time limit and the ARM path takes over", async () => {
    const { before, out, after } = await cleanThenFaulty({ tenant: smallTenant() },
      [{ kind: "hang", match: { method: "POST", path: "Microsoft.ResourceGraph" } }], { source: "graph", timeoutMs: 1500 });
    expect(out.source).toBe("arm");
    expect(out.fallbackReason).toMatch(/^timeout/);
    expect(after).toEqual(before);
  });

  it("a 50 MB list page is refused at the 32 MiB default, not parsed: response-too-large for that subscription, its inventory kept", async () => {
    const { before, out, after } = await cleanThenFaulty({ tenant: smallTenant() },
      [{ kind: "huge-body", match: { path: `/subscriptions/${SUB_B}/providers/Microsoft.Cache/redis` }, times: 1 }]);
    // Not retried: the one faulty answer decides (a retry would have read the real page).
    expect(codes(out)).toEqual({ [SUB_B]: "response-too-large", [SUB_FORBIDDEN]: "forbidden" });
    expect(out.errors.find((e) => e.subscriptionId === SUB_B)?.message).toMatch(/limit 33554432/);
    expect(after).toEqual(before);
  }, 60_000);

  it("a body that never ends (no Content-Length) is cut while it arrives, at the configured limit: bounded memory, a clear error", async () => {
    const rssBefore = process.memoryUsage().rss;
    const { before, out, after } = await cleanThenFaulty({ tenant: smallTenant() },
      [{ kind: "endless-body", match: { path: `/subscriptions/${SUB_B}/providers/Microsoft.Cache/redis` }, times: 1 }], {}, { maxResponseBytes: 4 * 1024 * 1024 });
    expect(codes(out)).toEqual({ [SUB_B]: "response-too-large", [SUB_FORBIDDEN]: "forbidden" });
    expect(out.errors.find((e) => e.subscriptionId === SUB_B)?.message).toMatch(/exceeded 4194304 bytes/);
    // Buffering an endless body would never finish; counting it holds at most the limit (4 MiB) plus a chunk.
    expect((process.memoryUsage().rss - rssBefore) / 2 ** 20).toBeLessThan(200);
    expect(after).toEqual(before);
  }, 60_000);

  it("an oversized Resource Graph page: the reason is named and the ARM path gives the full inventory", async () => {
    const { before, out, after } = await cleanThenFaulty({ tenant: smallTenant() },
      [{ kind: "huge-body", match: { method: "POST", path: "Microsoft.ResourceGraph" }, hugeBytes: 3 * 1024 * 1024 }], { source: "graph" }, { maxResponseBytes: 2 * 1024 * 1024 });
    expect(out.source).toBe("arm");
    expect(out.fallbackReason).toMatch(/^response-too-large/);
    expect(after).toEqual(before);
  }, 60_000);
});
