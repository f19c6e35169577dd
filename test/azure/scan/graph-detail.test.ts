import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runScan } from "../../../src/azure/scan/run-scan.ts";
import { appServiceSim } from "../../../src/azure/kinds/appservice/appservice-sim.ts";
import { appTlsFromRow } from "../../../src/azure/kinds/appservice/appservice-kind.ts";
import { parseTenant } from "../../../src/azure/simulator/index.ts";
import { scanFixture, type ScanFixture } from "../../support/scan-fixture.ts";

const SUB = "d1d1d1d1-0000-4000-8000-000000000001";
const NOW = new Date("2026-11-26T03:00:00Z");

/**
 * The Resource Graph path reads App Service's settings from `AppServiceResources` config/web rows and
 * flexible servers from `Resources` rows: per-resource ARM reads only where a row cannot answer.
 */
describe("Resource Graph path: list-then-detail kinds completed from Graph rows", () => {
  let fx: ScanFixture;
  const apps = appServiceSim.samples;

  beforeAll(async () => {
    const tenant = parseTenant({
      tenantId: "graph-detail",
      subscriptions: [{
        subscriptionId: SUB, displayName: "graph-detail",
        resources: [
          ...apps.map((s) => ({ type: s.type ?? "Microsoft.Web/sites", resourceGroup: "rg-apps", name: s.name, location: "japaneast", properties: s.properties })),
          { type: "Microsoft.DBforMySQL/flexibleServers", resourceGroup: "rg-db", name: "mysql-1", location: "japaneast", properties: { version: "8.0.21", tls_version: "TLSv1,TLSv1.2" } },
        ],
      }],
    });
    fx = await scanFixture({ tenant, pageSize: 2 });
  }, 60_000);
  afterAll(async () => fx?.close());

  const scan = async (source: "arm" | "graph") => {
    fx.sim.clearRequests();
    const out = await runScan({ clients: fx.clients, store: fx.store, now: () => NOW }, { source, kinds: ["appservice", "mysql"], concurrency: 2, timeoutMs: 30_000 });
    const gets = fx.sim.requests.filter((r) => r.method === "GET").map((r) => r.path);
    return { out, gets, findings: new Map(out.resources.map((r) => [r.id.toLowerCase(), `${r.effectiveTls}|${r.reason}|${r.rawTls}`])) };
  };

  it("reads config/web only for the apps whose row is missing or lacks a setting, lists nothing through ARM, and finds what the ARM path finds", async () => {
    const arm = await scan("arm");
    const graph = await scan("graph");
    expect(graph.out.source).toBe("graph");
    expect(graph.out.errors).toEqual([]);
    expect(graph.findings).toEqual(arm.findings);
    // No ARM list of sites, slots or servers on the Graph path: Graph's rows list them.
    expect(graph.gets.filter((p) => /\/(sites|slots|flexibleServers)$/i.test(p))).toEqual([]);
    // The forbidden config (no Graph row; the GET answers 403) and the unset one (the row lacks the keys).
    const configReads = graph.gets.filter((p) => p.endsWith("/config/web")).map((p) => p.split("/sites/")[1]).sort();
    expect(configReads).toEqual(["app-sample-noconfig/config/web", "app-sample-unset/config/web"]);
    expect(arm.gets.filter((p) => p.endsWith("/config/web"))).toHaveLength(apps.length);
    // The server parameter has no Graph table: one GET per server, as on the ARM path.
    expect(graph.gets.filter((p) => p.endsWith("/configurations/tls_version"))).toHaveLength(1);
    const noConfig = [...graph.findings.entries()].find(([k]) => k.endsWith("/app-sample-noconfig"));
    expect(noConfig?.[1]).toMatch(/^unknown\|unreadable\|/);
  }, 60_000);

  it("finds a subscription's slots on the ARM path in one generic listing, not one slots list per app", async () => {
    const arm = await scan("arm");
    const slotSamples = apps.filter((s) => s.type === "Microsoft.Web/sites/slots");
    expect(slotSamples.length).toBeGreaterThan(0);
    expect(arm.gets.filter((p) => /\/slots$/i.test(p))).toEqual([]);
    const generic = fx.sim.requests.filter((r) => r.method === "GET" && /\/resources$/i.test(r.path) && decodeURIComponent(r.query).includes("Microsoft.Web/sites/slots"));
    // pageSize 2: the listing's pages, nothing per app.
    expect(generic).toHaveLength(Math.ceil(slotSamples.length / 2));
    for (const s of slotSamples) {
      const [site, slot] = s.name.split("/");
      const finding = arm.out.resources.find((r) => r.id.toLowerCase().endsWith(`/sites/${site}/slots/${slot}`.toLowerCase()));
      expect(finding, s.name).toMatchObject({ type: "Microsoft.Web/sites/slots", name: s.name, extra: { appKind: "app" } });
    }
  }, 60_000);
});

describe("App Service's config/web row", () => {
  it("is read in Graph's PascalCase and in ARM's camelCase; a row without both settings is no answer", () => {
    expect(appTlsFromRow({ properties: { MinTlsVersion: "1.2", ScmMinTlsVersion: "1.0" } })).toBe("minTlsVersion=1.2;scmMinTlsVersion=1.0");
    expect(appTlsFromRow({ properties: { minTlsVersion: "1.1", scmMinTlsVersion: "1.2" } })).toBe("minTlsVersion=1.1;scmMinTlsVersion=1.2");
    // Missing, not unset: unset would mean the 1.2 default, so the caller reads config/web through ARM instead.
    expect(appTlsFromRow({ properties: { MinTlsVersion: "1.2" } })).toBeUndefined();
    expect(appTlsFromRow({ properties: null })).toBeUndefined();
    expect(appTlsFromRow(undefined)).toBeUndefined();
  });
});
