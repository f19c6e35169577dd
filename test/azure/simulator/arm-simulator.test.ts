import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { ArmClients } from "../../../src/azure/arm-clients.ts";
import { createArmAccess } from "../../../src/azure/create-arm-access.ts";
import { graphRowsOf } from "../../../src/azure/scan/scan-graph.ts";
import { startSimulator, type RunningSimulator } from "../../../src/azure/simulator/index.ts";
import { SUB_A, SUB_B, SUB_FORBIDDEN, smallTenant } from "./sim-tenant.ts";

const TOKEN = "sim-test-token";
let sim: RunningSimulator;
let clients: ArmClients;

async function all<T>(iter: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of iter) out.push(x);
  return out;
}

interface ArmFailure { statusCode?: number; code?: string; message: string }

/** Duck-typed: each Azure package may bundle its own copy of RestError, so instanceof is unreliable. */
async function rejection(p: Promise<unknown>): Promise<ArmFailure> {
  try {
    await p;
  } catch (err) {
    if (err && typeof err === "object" && "statusCode" in err) return err as ArmFailure;
    throw err;
  }
  throw new Error("expected the call to fail");
}

beforeAll(async () => {
  // pageSize 2 forces nextLink paging on every list below.
  sim = await startSimulator({ tenant: smallTenant(), token: TOKEN, pageSize: 2, asyncPollsBeforeDone: 2 });
  clients = await createArmAccess({ endpoint: sim.url, token: TOKEN, ca: sim.ca });
});
afterAll(async () => sim.close());
afterEach(() => {
  sim.clearFaults();
  sim.clearRequests();
});

describe("ARM simulator through the real Azure SDK clients", () => {
  it("lists subscriptions over HTTPS with the self-signed certificate", async () => {
    const subs = await all(clients.subscriptions().subscriptions.list());
    expect(subs.map((s) => s.displayName)).toEqual(["sub-a", "sub-b", "sub-forbidden"]);
    expect(subs[0]?.state).toBe("Enabled");
  });

  it("rejects a wrong bearer token with 401", async () => {
    const stranger = await createArmAccess({ endpoint: sim.url, token: "wrong", ca: sim.ca });
    const err = await rejection(all(stranger.subscriptions().subscriptions.list()));
    expect(err.statusCode).toBe(401);
    expect(err.code).toBe("InvalidAuthenticationToken");
  });

  it("refuses a client that does not trust its certificate", async () => {
    const untrusting = await createArmAccess({ endpoint: sim.url, token: TOKEN });
    await expect(all(untrusting.subscriptions().subscriptions.list())).rejects.toThrow(/certificate/i);
  });

  it("pages Redis lists with absolute nextLinks that the SDK follows", async () => {
    const caches = await all(clients.redis(SUB_A).redis.listBySubscription());
    expect(caches.map((c) => c.name)).toEqual(["cache-old", "cache-new", "cache-nodate", "cache-10", "cache-12"]);
    const pages = sim.requests.filter((r) => /providers\/Microsoft\.Cache\/redis$/i.test(r.path));
    expect(pages).toHaveLength(3);
    expect(pages.slice(1).every((r) => r.query.includes("%24skiptoken="))).toBe(true);
    expect(caches.find((c) => c.name === "cache-10")?.minimumTlsVersion).toBe("1.0");
    expect(caches.find((c) => c.name === "cache-old")?.minimumTlsVersion).toBeUndefined();
  });

  it("lists Redis by resource group and gets one case-insensitively", async () => {
    const inRg = await all(clients.redis(SUB_A).redis.listByResourceGroup("RG-TWO"));
    expect(inRg.map((c) => c.name)).toEqual(["cache-10", "cache-12"]);
    const one = await clients.redis(SUB_A).redis.get("rg-one", "CACHE-NEW");
    expect(one.name).toBe("cache-new");
    const missing = await rejection(clients.redis(SUB_A).redis.get("rg-one", "nope"));
    expect(missing.statusCode).toBe(404);
  });

  it("answers 403 AuthorizationFailed for a subscription the identity cannot read", async () => {
    const err = await rejection(all(clients.redis(SUB_FORBIDDEN).redis.listBySubscription()));
    expect(err.statusCode).toBe(403);
    expect(err.code).toBe("AuthorizationFailed");
  });

  it("lists IoT hubs with etags, absent minTlsVersion staying absent", async () => {
    const hubs = await all(clients.iotHub(SUB_A).iotHubResource.listBySubscription());
    expect(hubs.map((h) => h.name)).toEqual(["hub-unset", "hub-12"]);
    expect(hubs[0]?.etag).toMatch(/^"[0-9a-f]+"$/);
    expect(hubs[0]?.properties?.minTlsVersion).toBeUndefined();
    expect(hubs[1]?.properties?.minTlsVersion).toBe("1.2");
  });

  it("serves creation times through the generic resources list with $expand=createdTime and a type filter", async () => {
    const rows = await all(clients.resources(SUB_A).resources.list({ filter: "resourceType eq 'Microsoft.Cache/redis'", expand: "createdTime" }));
    expect(rows).toHaveLength(5);
    const old = rows.find((r) => r.name === "cache-old");
    expect(old?.createdTime?.toISOString()).toBe("2019-06-01T00:00:00.000Z");
    expect(rows.find((r) => r.name === "cache-nodate")?.createdTime).toBeUndefined();
    // ARM's generic list spells the segment in lower case; callers must compare ids case-insensitively.
    expect(old?.id).toContain("/resourcegroups/rg-one/");
    const without = await all(clients.resources(SUB_A).resources.list({ filter: "resourceType eq 'Microsoft.Cache/redis'" }));
    expect(without[0]?.createdTime).toBeUndefined();
  });

  it("retries a 429 that carries Retry-After, then succeeds", async () => {
    sim.addFaults([{ kind: "throttle", match: { path: "/providers/Microsoft.Devices/IotHubs" }, times: 1, retryAfterSeconds: 0 }]);
    const hubs = await all(clients.iotHub(SUB_A).iotHubResource.listBySubscription());
    expect(hubs).toHaveLength(2);
    expect(sim.requests.map((r) => r.status)).toEqual([429, 200]);
  });

  it("gives up on a 429 without Retry-After and on a malformed body", async () => {
    sim.addFaults([{ kind: "throttle-no-header", match: { path: "IotHubs" }, times: 1 }]);
    expect((await rejection(all(clients.iotHub(SUB_A).iotHubResource.listBySubscription()))).statusCode).toBe(429);
    sim.addFaults([{ kind: "malformed-json", match: { path: "IotHubs" }, times: 1 }]);
    await expect(all(clients.iotHub(SUB_A).iotHubResource.listBySubscription())).rejects.toThrow();
  });

  it("patches Redis to 1.2 (200) and refuses 1.0 and 1.1 with a 400", async () => {
    const updated = await clients.redis(SUB_A).redis.beginUpdateAndWait("rg-two", "cache-10", { minimumTlsVersion: "1.2" }, { updateIntervalInMs: 5 });
    expect(updated.minimumTlsVersion).toBe("1.2");
    expect((await clients.redis(SUB_A).redis.get("rg-two", "cache-10")).minimumTlsVersion).toBe("1.2");
    for (const v of ["1.0", "1.1"]) {
      const err = await rejection(clients.redis(SUB_A).redis.beginUpdateAndWait("rg-one", "cache-new", { minimumTlsVersion: v }, { updateIntervalInMs: 5 }));
      expect(err.statusCode).toBe(400);
      expect(err.message).toMatch(/1\.2/);
    }
    expect((await clients.redis(SUB_A).redis.get("rg-one", "cache-new")).minimumTlsVersion).toBeUndefined();
  });

  it("patches Redis with 202 + Location polling when configured so", async () => {
    const slow = await startSimulator({ tenant: smallTenant(), token: TOKEN, redisPatchMode: "202", asyncPollsBeforeDone: 2 });
    try {
      const c = await createArmAccess({ endpoint: slow.url, token: TOKEN, ca: slow.ca });
      const result = await c.redis(SUB_A).redis.beginUpdateAndWait("rg-one", "cache-old", { minimumTlsVersion: "1.2" }, { updateIntervalInMs: 5 });
      expect(result.minimumTlsVersion).toBe("1.2");
      expect(result.provisioningState).toBe("Succeeded");
      const polls = slow.requests.filter((r) => r.path.includes("/operationResults/"));
      expect(polls.map((p) => p.status)).toEqual([202, 202, 200]);
      expect(slow.requests[0]).toMatchObject({ method: "PATCH", status: 202 });
    } finally {
      await slow.close();
    }
  });

  it("updates an IoT hub with If-Match and Azure-AsyncOperation polling, and answers 412 to a stale etag", async () => {
    const hubs = clients.iotHub(SUB_A).iotHubResource;
    const desc = await hubs.get("rg-iot", "hub-unset");
    const staleEtag = desc.etag ?? "";
    const done = await hubs.beginCreateOrUpdateAndWait("rg-iot", "hub-unset", { ...desc, properties: { ...desc.properties, minTlsVersion: "1.2" } },
      { ifMatch: staleEtag, updateIntervalInMs: 5 });
    expect(done.properties?.minTlsVersion).toBe("1.2");
    expect(done.etag).not.toBe(staleEtag);
    const polls = sim.requests.filter((r) => r.path.includes("/operationResults/"));
    expect(polls.length).toBeGreaterThanOrEqual(3);
    const err = await rejection(hubs.beginCreateOrUpdateAndWait("rg-iot", "hub-unset", desc, { ifMatch: staleEtag, updateIntervalInMs: 5 }));
    expect(err.statusCode).toBe(412);
    expect(err.code).toBe("PreconditionFailed");
  });

  it("requires api-version like ARM", async () => {
    const res = await fetchWithCa(`${sim.url}/subscriptions`);
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body)).toMatchObject({ error: { code: "MissingApiVersionParameter" } });
  });
});

describe("Resource Graph in the simulator", () => {
  const query = "Resources | where type in~ ('microsoft.cache/redis', 'microsoft.devices/iothubs') | project id, name, type, properties | order by id asc";

  it("answers one query across subscriptions, paged with $skipToken, leaving out unreadable ones", async () => {
    const graph = clients.resourceGraph();
    const names: string[] = [];
    let skipToken: string | undefined;
    let pages = 0;
    do {
      const page = await graph.resources({ subscriptions: [SUB_A, SUB_B, SUB_FORBIDDEN], query, options: { top: 3, resultFormat: "objectArray", ...(skipToken ? { skipToken } : {}) } });
      names.push(...graphRowsOf(page.data).map((r) => String(r.name)));
      expect(page.totalRecords).toBe(8);
      skipToken = page.skipToken;
      pages++;
    } while (skipToken);
    expect(pages).toBe(3);
    expect(names).toHaveLength(8);
    expect(names).not.toContain("cache-hidden");
    expect(names).not.toContain("stone");
  });

  it("reports its per-user quota in headers and throttles past it with Retry-After", async () => {
    const tight = await startSimulator({ tenant: smallTenant(), token: TOKEN, graph: { quotaPerWindow: 2, windowMs: 1000 } });
    try {
      const c = await createArmAccess({ endpoint: tight.url, token: TOKEN, ca: tight.ca });
      const seen: string[] = [];
      const onResponse = (raw: { headers: { get(n: string): string | undefined } }) => void seen.push(raw.headers.get("x-ms-user-quota-remaining") ?? "");
      await c.resourceGraph().resources({ subscriptions: [SUB_A], query }, { onResponse });
      await c.resourceGraph().resources({ subscriptions: [SUB_A], query }, { onResponse });
      expect(seen).toEqual(["1", "0"]);
      // Third query in the window: 429 + Retry-After, which the SDK waits out and retries.
      const third = await c.resourceGraph().resources({ subscriptions: [SUB_A], query });
      expect(third.totalRecords).toBe(7);
      expect(tight.requests.map((r) => r.status)).toEqual([200, 200, 429, 200]);
    } finally {
      await tight.close();
    }
  });

  it("rejects queries outside the supported subset and can be switched off", async () => {
    const bad = await rejection(clients.resourceGraph().resources({ subscriptions: [SUB_A], query: "Resources | summarize count() by type" }));
    expect(bad.statusCode).toBe(400);
    const off = await startSimulator({ tenant: smallTenant(), token: TOKEN, graph: { available: false } });
    try {
      const c = await createArmAccess({ endpoint: off.url, token: TOKEN, ca: off.ca });
      expect((await rejection(c.resourceGraph().resources({ subscriptions: [SUB_A], query }))).statusCode).toBe(404);
    } finally {
      await off.close();
    }
  });
});

async function fetchWithCa(url: string): Promise<{ status: number; body: string }> {
  const { request } = await import("node:https");
  return new Promise((resolve, reject) => {
    const req = request(url, { ca: sim.ca, headers: { authorization: `Bearer ${TOKEN}` } }, (res) => {
      let body = "";
      res.on("data", (c: Buffer) => (body += c.toString()));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on("error", reject);
    req.end();
  });
}
