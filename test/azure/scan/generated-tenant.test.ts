import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { KIND_DEFINITIONS } from "../../../src/azure/kinds/registry.ts";
import { runScan } from "../../../src/azure/scan/run-scan.ts";
import { generateTenant } from "../../../src/azure/simulator/index.ts";
import { scanFixture, sharedStore, type ScanFixture, type SharedStore } from "../../support/scan-fixture.ts";

const NOW = new Date("2026-11-24T00:00:00Z");
let fx: ScanFixture;
let shared: SharedStore;

/**
 * The benchmarks' tenant draws every kind from its simulator samples. A resource of a child type (a Front
 * Door custom domain) must carry its parent in its name, or its ARM id names no parent and a scan reads
 * it as malformed — which once filled the fleet benchmark with "missing details" warnings.
 */
beforeAll(async () => {
  shared = await sharedStore();
  const kinds = await Promise.all(KIND_DEFINITIONS.map(async (d) => ({ id: d.id, type: d.armTypes[0], samples: (await d.simulator()).samples })));
  const tenant = generateTenant({ seed: 11, subscriptions: 6, resourcesPerSubscription: 3 * KIND_DEFINITIONS.length, kinds });
  fx = await scanFixture({ tenant }, shared.store);
});
afterAll(async () => {
  await fx.close();
  await shared.close();
});

describe("the generated benchmark tenant", () => {
  for (const source of ["arm", "graph"] as const) {
    it(`scans through ${source} with every kind present and no malformed resources`, async () => {
      const out = await runScan({ clients: fx.clients, store: fx.store, now: () => NOW }, { source, concurrency: 4, timeoutMs: 60_000 });
      expect(out.source).toBe(source);
      expect(out.errors).toEqual([]);
      expect(out.warnings).toEqual([]);
      const kindsSeen = new Set(out.resources.map((r) => KIND_DEFINITIONS.find((d) => d.armTypes.some((t) => r.type.toLowerCase().startsWith(t.toLowerCase())))?.id));
      for (const d of KIND_DEFINITIONS) expect(kindsSeen.has(d.id), d.id).toBe(true);
    });
  }
});
