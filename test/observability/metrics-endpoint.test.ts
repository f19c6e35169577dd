import { request } from "node:http";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { opsRoutes } from "../../src/channels/http/ops-routes.ts";
import { startHttpServer, type RunningHttpServer } from "../../src/channels/http/http-server.ts";
import { runScan } from "../../src/azure/scan/run-scan.ts";
import { createEngine } from "../../src/conversation/engine.ts";
import { createPrometheusTelemetry } from "../../src/observability/prometheus.ts";
import { installTelemetry } from "../../src/observability/telemetry.ts";
import { timedEngine } from "../../src/observability/timed-engine.ts";
import { scanFixture, sharedStore, type ScanFixture, type SharedStore } from "../support/scan-fixture.ts";
import { generateTenant } from "../../src/azure/simulator/index.ts";

const NOW = new Date("2026-11-24T00:00:00Z");
const TOKEN = "scrape-token-0123456789abcdef";
let shared: SharedStore;
let fx: ScanFixture | null = null;
let server: RunningHttpServer | null = null;
let restore = () => {};

beforeAll(async () => {
  shared = await sharedStore();
});
afterAll(async () => shared.close());
afterEach(async () => {
  restore();
  await server?.close();
  await fx?.close();
  server = null;
  fx = null;
});

/** A sample's value from the exposition text (0 when absent). */
function sample(text: string, name: string, labels: Record<string, string> = {}): number {
  const want = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  const line = text.split("\n").find((l) => l.startsWith(name) && (l[name.length] === " " || l[name.length] === "{") && want.every((w) => l.includes(w)));
  return line ? Number(line.slice(line.lastIndexOf(" ") + 1)) : 0;
}

/** The machine's first non-loopback IPv4 address, to call the server as another machine would. */
async function externalAddress(): Promise<string | null> {
  const { networkInterfaces } = await import("node:os");
  for (const list of Object.values(networkInterfaces())) for (const a of list ?? []) if (a.family === "IPv4" && !a.internal) return a.address;
  return null;
}

describe("GET /metrics through the real HTTP server", () => {
  it("counts ARM requests by status (throttles included), Resource Graph quota waits, the scan and chat latency", async () => {
    const metrics = createPrometheusTelemetry();
    restore = installTelemetry(metrics);
    // One throttled listing (429 with Retry-After, retried by the SDK), and more rows than one Resource
    // Graph page with a quota of one query per window: the second page waits.
    fx = await scanFixture({
      tenant: generateTenant({ seed: 7, subscriptions: 2, resourcesPerSubscription: 600 }), pageSize: 200, graph: { quotaPerWindow: 1, windowMs: 300 },
      faults: [{ kind: "throttle", match: { method: "GET", path: "Microsoft.Cache/redis" }, times: 1, retryAfterSeconds: 0 }],
    }, shared.store);
    const started = performance.now();
    const arm = await runScan({ clients: fx.clients, store: fx.store, now: () => NOW }, { source: "arm", concurrency: 4, timeoutMs: 10_000 });
    metrics.scanFinished({ source: arm.source, seconds: (performance.now() - started) / 1000, resources: arm.resources.length, errors: arm.errors.length, outcome: "completed" });
    await runScan({ clients: fx.clients, store: fx.store, now: () => NOW }, { source: "graph", concurrency: 4, timeoutMs: 10_000 });
    const engine = timedEngine(createEngine({ store: fx.store, now: () => NOW }), metrics);
    await engine.handle({ actor: { platform: "web", id: "local" }, conversationId: "c1", text: "which caches are below 1.2", locale: "en" });

    server = await startHttpServer(opsRoutes({ readiness: async () => ({ ready: true }), metrics: () => metrics.render() }), { host: "127.0.0.1", port: 0 });
    const res = await fetch(`${server.url}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await res.text();
    expect(sample(text, "tlsbot_arm_requests_total", { api: "arm", method: "GET", status: "200" })).toBeGreaterThan(5);
    expect(sample(text, "tlsbot_arm_throttled_total", { api: "arm", status: "429" })).toBe(1);
    expect(sample(text, "tlsbot_arm_requests_total", { api: "resource-graph", method: "POST", status: "200" })).toBeGreaterThanOrEqual(2);
    expect(sample(text, "tlsbot_resource_graph_quota_waits_total")).toBeGreaterThanOrEqual(1);
    expect(sample(text, "tlsbot_scan_resources", { source: "arm" })).toBe(arm.resources.length);
    expect(sample(text, "tlsbot_scan_duration_seconds_count", { source: "arm", outcome: "completed" })).toBe(1);
    expect(sample(text, "tlsbot_chat_reply_seconds_count", { platform: "web", outcome: "ok" })).toBe(1);
    expect(text).toContain("tlsbot_process_resident_memory_bytes");
    // Counts only: no resource, subscription or token appears in a label.
    expect(text).not.toMatch(/cache-old|test-token|subscriptions\//);
  });

  it("answers callers on another machine only with the bearer token; /healthz and /readyz answer everyone", async (ctx) => {
    const address = await externalAddress();
    if (!address) ctx.skip();
    const metrics = createPrometheusTelemetry();
    server = await startHttpServer(opsRoutes({ readiness: async () => ({ ready: true }), metrics: () => metrics.render(), metricsToken: TOKEN }), { host: "0.0.0.0", port: 0 });
    const base = `http://${address}:${new URL(server.url).port}`;
    expect((await fetch(`${base}/metrics`)).status).toBe(403);
    expect((await fetch(`${base}/metrics`, { headers: { authorization: "Bearer wrong-token-0123456789abcd" } })).status).toBe(403);
    const ok = await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain("tlsbot_arm_requests_total");
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    expect(await (await fetch(`${base}/readyz`)).json()).toEqual({ ready: true });
    // On this machine, but addressed to a foreign name (a DNS-rebound page): refused without the token.
    const status = await new Promise<number | undefined>((resolve, reject) => {
      request({ host: "127.0.0.1", port: new URL(server!.url).port, path: "/metrics", headers: { host: "attacker.example" } }, (res) => {
        res.resume();
        resolve(res.statusCode);
      }).on("error", reject).end();
    });
    expect(status).toBe(403);
  });
});
