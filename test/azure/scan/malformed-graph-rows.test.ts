import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadResourceKinds } from "../../../src/azure/kinds/load-kinds.ts";
import { readGraphRows } from "../../../src/azure/scan/graph-rows.ts";
import { runScan, type ScanOutcome } from "../../../src/azure/scan/run-scan.ts";
import { parseTenant } from "../../../src/azure/simulator/index.ts";
import { scanFixture, type ScanFixture } from "../../support/scan-fixture.ts";

const SUB = "b2b2b2b2-0000-4000-8000-000000000001";
const NOW = new Date("2026-11-26T03:00:00Z");
const storage = (name: string, properties: Record<string, unknown>, graphRow?: Record<string, unknown>) =>
  ({ type: "Microsoft.Storage/storageAccounts", resourceGroup: "rg-odd", name, location: "japaneast", properties, ...(graphRow ? { graphRow } : {}) });

/**
 * Resource Graph rows that are not what the query asked for: each is reported — as an `unknown` resource
 * with the reason when its id names one, as a scan warning when nothing identifies it — never dropped
 * silently, never compliant, and the rest of the scan completes.
 */
describe("malformed Resource Graph rows", () => {
  let fx: ScanFixture;
  let out: ScanOutcome;
  beforeAll(async () => {
    const tenant = parseTenant({
      tenantId: "odd",
      subscriptions: [{
        subscriptionId: SUB, displayName: "odd-rows", resources: [
          storage("st-fine", { minimumTlsVersion: "TLS1_2" }),
          storage("st-number", { minimumTlsVersion: 1.2 }),
          storage("st-null", { minimumTlsVersion: null }),
          storage("st-props-string", { minimumTlsVersion: "TLS1_2" }, { properties: "TLS1_2" }),
          storage("st-props-missing", { minimumTlsVersion: "TLS1_2" }, { properties: null }),
          storage("st-no-id", { minimumTlsVersion: "TLS1_2" }, { id: null }),
          storage("st-bad-id", { minimumTlsVersion: "TLS1_2" }, { id: "not-an-arm-id" }),
          storage("st-id-number", { minimumTlsVersion: "TLS1_2" }, { id: 42 }),
          storage("st-name-number", { minimumTlsVersion: "TLS1_2" }, { name: 7 }),
        ],
      }],
    });
    fx = await scanFixture({ tenant, pageSize: 3 });
    out = await runScan({ clients: fx.clients, store: fx.store, now: () => NOW }, { source: "graph", kinds: ["storage"], concurrency: 2, timeoutMs: 30_000 });
  }, 60_000);
  afterAll(async () => fx?.close());

  const named = (name: string) => out.resources.find((r) => r.id.toLowerCase().endsWith(`/storageaccounts/${name}`));

  it("reads the well-formed rows as usual and goes on past the others", () => {
    expect(out.source).toBe("graph");
    expect(named("st-fine")).toMatchObject({ effectiveTls: "1.2", status: "compliant" });
    expect(out.errors).toEqual([]);
  });

  it("reports a TLS value that is not a string as unknown, and a null one as the service's unset default", () => {
    expect(named("st-number")).toMatchObject({ effectiveTls: "unknown", status: "unknown", reason: "unrecognisedValue" });
    expect(named("st-null")).toMatchObject({ effectiveTls: "1.0", reason: expect.any(String) });
    expect(named("st-null")?.status).not.toBe("compliant");
  });

  it("keeps a row whose properties are not an object as an unknown resource with the reason, never as compliant", () => {
    for (const name of ["st-props-string", "st-props-missing"]) {
      const f = named(name);
      expect(f, name).toMatchObject({ kind: "storage", effectiveTls: "unknown", status: "unknown", reason: "unreadable" });
      expect(f?.rawTls, name).toMatch(/^unreadable:malformed Resource Graph row: properties are/);
    }
  });

  it("keeps a row whose name is not a string, named after its id", () => {
    expect(named("st-name-number")).toMatchObject({ name: "st-name-number", effectiveTls: "1.2" });
  });

  it("reports each row that identifies no resource as a warning of its subscription, with what was wrong", () => {
    const messages = out.warnings.map((w) => w.message);
    expect(out.warnings.every((w) => w.subscriptionId === SUB && w.code === "malformed-response")).toBe(true);
    expect(messages).toEqual(expect.arrayContaining([
      expect.stringMatching(/\('st-no-id'\) has no id \(null\): not evaluated/),
      expect.stringMatching(/\('st-bad-id'\) has an id that is not an ARM resource id \('not-an-arm-id'\)/),
      expect.stringMatching(/\('st-id-number'\) has no id \(42\)/),
    ]));
    expect(out.warnings).toHaveLength(3);
    // Nine rows in, nine reported one way or the other.
    expect(out.resources.length + out.warnings.length).toBe(9);
  });
});

describe("reading Resource Graph rows", () => {
  it("reports rows that are not objects or name a type with no kind, and reads a wrong type from the id as unknown", async () => {
    const kinds = [...(await loadResourceKinds(["storage", "redis"])).values()];
    const id = `/subscriptions/${SUB}/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/st1`;
    const { observed, problems } = readGraphRows([
      null as never, "row" as never,
      { id: `/subscriptions/${SUB}/resourceGroups/rg/providers/Microsoft.Web/sites/app1`, type: "microsoft.web/sites", subscriptionId: SUB, properties: {} },
      { id, type: 42, properties: { minimumTlsVersion: "TLS1_2" } },
      { id, type: "microsoft.cache/redis", properties: { minimumTlsVersion: "TLS1_2" } },
      { id, properties: { minimumTlsVersion: "TLS1_2" } },
    ], kinds);
    expect(problems.map((p) => p.message)).toEqual([
      "Resource Graph row 1 is not an object (null): not evaluated",
      "Resource Graph row 2 is not an object (row): not evaluated",
      "Resource Graph row 3 is of a type tlsbot does not scan (microsoft.web/sites): not evaluated",
    ]);
    expect(observed).toHaveLength(3);
    for (const o of observed) {
      expect(o).toMatchObject({ kind: "storage", type: "Microsoft.Storage/storageAccounts" });
      expect(o.rawTls).toMatch(/^unreadable:malformed Resource Graph row: type .* does not match its id/);
    }
  });
});
