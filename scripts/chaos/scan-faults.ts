import { createArmAccess } from "../../src/azure/create-arm-access.ts";
import { KIND_DEFINITIONS } from "../../src/azure/kinds/registry.ts";
import { runScan, type ScanOutcome } from "../../src/azure/scan/run-scan.ts";
import { generateTenant, startSimulator, type Fault, type RunningSimulator } from "../../src/azure/simulator/index.ts";
import type { Finding } from "../../src/domain/resource.ts";
import type { ScanSource, Store } from "../../src/store/store.ts";
import { openStore } from "../../src/store/open-store.ts";
import type { ChaosResult } from "./chaos-report.ts";

const TOKEN = "chaos";

export interface ScanFaultCase {
  readonly fault: string;
  readonly source: ScanSource;
  readonly faults: readonly Fault[];
  readonly timeoutMs?: number;
}

const GRAPH = { method: "POST", path: "Microsoft.ResourceGraph" } as const;
/** Requests inside a subscription (the subscription list itself is left alone unless said). */
const IN_SUB = { path: /^\/subscriptions\/[^/?]+\//i } as const;

export const SCAN_CASES: readonly ScanFaultCase[] = [
  { fault: "scan: 429 storm with Retry-After", source: "arm", faults: [{ kind: "throttle", retryAfterSeconds: 1, match: IN_SUB, times: 120 }] },
  { fault: "scan: 429 storm without Retry-After", source: "arm", faults: [{ kind: "throttle-no-header", match: IN_SUB, times: 60 }] },
  { fault: "scan: 429 on the subscription list", source: "arm", faults: [{ kind: "throttle", retryAfterSeconds: 1, times: 8 }] },
  { fault: "scan: 5xx burst", source: "arm", faults: [{ kind: "server-error", match: IN_SUB, times: 40 }, { kind: "unavailable", match: IN_SUB, retryAfterSeconds: 1, times: 20 }] },
  { fault: "scan: resets, before and mid-page", source: "arm", faults: [{ kind: "reset-mid-body", match: IN_SUB, times: 40 }, { kind: "reset", match: IN_SUB, times: 20 }] },
  { fault: "scan: token expired mid-scan", source: "arm", faults: [{ kind: "expired-token", match: IN_SUB, times: 40 }] },
  { fault: "scan: hung connections", source: "arm", faults: [{ kind: "hang", match: IN_SUB, times: 5 }], timeoutMs: 3000 },
  { fault: "graph: 429 storm (quota used elsewhere)", source: "graph", faults: [{ kind: "throttle", retryAfterSeconds: 1, match: GRAPH, times: 6 }] },
  { fault: "graph: a 5xx and a reset mid-answer", source: "graph", faults: [{ kind: "server-error", match: GRAPH, times: 1 }, { kind: "reset-mid-body", match: GRAPH, times: 1 }] },
  { fault: "graph: 5xx and resets past the retries", source: "graph", faults: [{ kind: "server-error", match: GRAPH, times: 2 }, { kind: "reset-mid-body", match: GRAPH, times: 2 }] },
  { fault: "graph: hung query", source: "graph", faults: [{ kind: "hang", match: GRAPH, times: 1 }], timeoutMs: 3000 },
];

const line = (f: Finding) => `${f.id.toLowerCase()}|${f.status}|${f.effectiveTls}`;

function bySubscription(findings: readonly Finding[]): Map<string, string[]> {
  const m = new Map<string, string[]>();
  for (const f of findings) {
    const k = f.subscriptionId.toLowerCase();
    m.set(k, [...(m.get(k) ?? []), line(f)]);
  }
  for (const v of m.values()) v.sort();
  return m;
}

/**
 * One scan fault: a first clean scan fills the inventory, Azure then changes (every fifth resource
 * deleted), the scan runs again under the fault, and a clean scan into another database says what Azure
 * now holds. Checked per subscription: scanned → exactly Azure's resources; failed → a clear error code
 * and the previous inventory untouched; nowhere a resource compliant that Azure's answer does not make so;
 * only reads sent; the scan record finished.
 */
export async function runScanFault(c: ScanFaultCase, databaseUrl: (name: string) => Promise<string>, n: number): Promise<ChaosResult> {
  const kinds = await Promise.all(KIND_DEFINITIONS.map(async (d) => ({ id: d.id, type: d.armTypes[0]!, samples: (await d.simulator()).samples })));
  const tenant = generateTenant({ seed: 100 + n, subscriptions: 12, resourcesPerSubscription: 10, kinds });
  const sim: RunningSimulator = await startSimulator({ tenant, token: TOKEN, pageSize: 4 });
  const clients = await createArmAccess({ endpoint: sim.url, token: TOKEN, ca: sim.ca });
  const store: Store = await openStore({ dataDir: "", databaseUrl: await databaseUrl(`chaos_scan_${n}`) });
  const truthStore: Store = await openStore({ dataDir: "", databaseUrl: await databaseUrl(`chaos_truth_${n}`) });
  const scan = (s: Store, source: ScanSource, timeoutMs = 30_000): Promise<ScanOutcome> =>
    runScan({ clients, store: s, now: () => new Date() }, { source, concurrency: 8, timeoutMs });
  try {
    await scan(store, "arm");
    const before = bySubscription(await store.currentResources());
    for (const s of sim.state.subscriptions) {
      const kept = s.resources.filter((_, i) => i % 5 !== 0);
      s.resources.splice(0, s.resources.length, ...kept);
    }
    sim.clearRequests();
    sim.addFaults(c.faults);
    const out = await scan(store, c.source, c.timeoutMs);
    const writes = sim.requests.filter((r) => r.method !== "GET" && !/resourcegraph/i.test(r.path)).length;
    const faulted = sim.requests.filter((r) => r.status === 0 || r.status === 401 || r.status === 429 || r.status >= 500).length;
    sim.clearFaults();
    const truthOut = await scan(truthStore, "arm");
    if (truthOut.errors.length) throw new Error(`the clean scan failed: ${JSON.stringify(truthOut.errors[0])}`);
    const truth = bySubscription(await truthStore.currentResources());
    const truthStatus = new Map((await truthStore.currentResources()).map((f) => [f.id.toLowerCase(), f.status]));
    const after = await store.currentResources();
    const afterBySub = bySubscription(after);

    const anomalies: string[] = [];
    const failed = new Map(out.errors.map((e) => [e.subscriptionId.toLowerCase(), e.code]));
    for (const s of sim.state.subscriptions) {
      const k = s.subscriptionId.toLowerCase();
      const got = JSON.stringify(afterBySub.get(k) ?? []);
      const code = failed.get(k) ?? failed.get("*");
      if (code !== undefined) {
        if (got !== JSON.stringify(before.get(k) ?? [])) anomalies.push(`${k}: scan failed (${code}) but its inventory changed`);
        if (code === "failed") anomalies.push(`${k}: failure without a clear cause`);
      } else if (got !== JSON.stringify(truth.get(k) ?? [])) {
        anomalies.push(`${k}: reported scanned, inventory differs from Azure's`);
      }
    }
    for (const f of after) {
      const t = truthStatus.get(f.id.toLowerCase());
      if (f.status === "compliant" && t !== undefined && t !== "compliant") anomalies.push(`${f.name}: compliant, Azure says ${t}`);
    }
    if (writes > 0) anomalies.push(`${writes} writes sent by a scan`);
    const record = out.scanId === null ? null : await store.getScan(out.scanId);
    if (!record || record.status === "running") anomalies.push(`scan ${out.scanId} left ${record?.status ?? "missing"}`);
    const codes = [...new Set(out.errors.map((e) => e.code))].join(", ") || "none";
    const reported = failed.has("*") ? `whole scan reported (${codes}), inventory kept` : `${out.errors.length}/${sim.state.subscriptions.length} subscriptions reported (${codes}), the rest rescanned`;
    return {
      fault: c.fault, checked: after.length + sim.state.subscriptions.length, anomalies,
      notes: `${faulted} faulty answers; source used ${out.source}${out.fallbackReason ? ` (fallback: ${out.fallbackReason.split(":")[0]})` : ""}; ` +
        reported,
    };
  } finally {
    await store.close();
    await truthStore.close();
    await sim.close();
  }
}
