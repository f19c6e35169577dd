import { request } from "node:https";
import { afterEach, describe, expect, it } from "vitest";
import { runScan, type ScanOutcome } from "../../../src/azure/scan/run-scan.ts";
import { parseTenant, startSimulator, SIM_REDIS_TYPE, type RunningSimulator, type SimulatorOptions } from "../../../src/azure/simulator/index.ts";
import { scanFixture, type ScanFixture } from "../../support/scan-fixture.ts";
import { SUB_A, SUB_FORBIDDEN, smallTenant } from "./sim-tenant.ts";

const TOKEN = "limits-token";
const NOW = new Date("2026-11-24T00:00:00Z");
let sim: RunningSimulator | null = null;
let fx: ScanFixture | null = null;
afterEach(async () => {
  await sim?.close();
  await fx?.close();
  sim = null;
  fx = null;
});

interface Raw { status: number; headers: Record<string, string | string[] | undefined> }

function get(s: RunningSimulator, path: string): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = request(`${s.url}${path}`, { ca: s.ca, headers: { authorization: `Bearer ${TOKEN}` } }, (res) => {
      res.resume();
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers }));
    });
    req.on("error", reject);
    req.end();
  });
}

const redisList = `/subscriptions/${SUB_A}/providers/Microsoft.Cache/redis?api-version=2024-11-01`;

describe("the simulator's per-subscription read bucket", () => {
  it("counts reads down in x-ms-ratelimit-remaining-subscription-reads and answers 429 with Retry-After once it is empty", async () => {
    sim = await startSimulator({ tenant: smallTenant(), token: TOKEN, limits: { subscriptionReads: { burst: 5, perSecond: 1 } } });
    const answers: Raw[] = [];
    for (let i = 0; i < 7; i++) answers.push(await get(sim, redisList));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200, 429, 429]);
    expect(answers.slice(0, 5).map((a) => a.headers["x-ms-ratelimit-remaining-subscription-reads"])).toEqual(["4", "3", "2", "1", "0"]);
    expect(Number(answers[5]!.headers["retry-after"])).toBeGreaterThanOrEqual(1);
    // Another subscription has its own bucket.
    expect((await get(sim, `/subscriptions/${SUB_FORBIDDEN}/providers/Microsoft.Cache/redis?api-version=2024-11-01`)).status).toBe(403);
    expect(sim.limitCounters.throttled).toBe(2);
  });

  it("is off unless asked for, so that other tests stay deterministic", async () => {
    sim = await startSimulator({ tenant: smallTenant(), token: TOKEN });
    for (let i = 0; i < 300; i++) expect((await get(sim, redisList)).status).toBe(200);
  });
});

/** One subscription with more Redis caches than the bucket holds, paged two by two. */
function bigSubscription(caches: number) {
  return parseTenant({
    tenantId: "tenant-big",
    subscriptions: [{
      subscriptionId: SUB_A, displayName: "big",
      resources: Array.from({ length: caches }, (_, i) => ({
        type: SIM_REDIS_TYPE, resourceGroup: "rg", name: `cache-${i}`, location: "japaneast", createdTime: "2022-01-01T00:00:00Z",
        properties: i % 2 ? { minimumTlsVersion: "1.2" } : {},
      })),
    }],
  });
}

async function scanWith(options: Omit<SimulatorOptions, "token">): Promise<ScanOutcome> {
  fx = await scanFixture(options);
  return runScan({ clients: fx.clients, store: fx.store, now: () => NOW }, { source: "arm", concurrency: 4, timeoutMs: 30_000 });
}

describe("the scan under realistic limits", () => {
  it("paces its reads by the remaining-reads header instead of draining the bucket into 429s", async () => {
    const out = await scanWith({ tenant: bigSubscription(60), pageSize: 2, limits: { subscriptionReads: { burst: 20, perSecond: 40 } } });
    expect(out.errors).toEqual([]);
    expect(out.resources).toHaveLength(60);
    // Far more reads than the bucket holds, none refused: the scan slowed down before it ran dry.
    expect(fx!.sim.requests.length).toBeGreaterThan(40);
    expect(fx!.sim.limitCounters.throttled).toBe(0);
  });

  it("loses nothing and marks nothing compliant when answers come late, fail with 5xx or have their connection reset", async () => {
    const clean = await scanWith({ tenant: smallTenant(), pageSize: 2 });
    const wanted = clean.resources.map((r) => `${r.name}:${r.status}`).sort();
    await fx!.close();
    fx = null;
    const rough = await scanWith({ tenant: smallTenant(), pageSize: 2, latencyMs: 2, limits: { latencyJitterMs: 10, serverErrorRate: 0.15, resetRate: 0.15, seed: 7 } });
    const c = fx!.sim.limitCounters;
    // The seed makes the run repeatable; it must actually have hit the scan.
    expect(c.serverErrors + c.resets).toBeGreaterThan(2);
    expect(rough.errors.map((e) => e.subscriptionId)).toEqual([SUB_FORBIDDEN]);
    expect(rough.resources.map((r) => `${r.name}:${r.status}`).sort()).toEqual(wanted);
  });
});
