import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createArmAccess } from "../src/azure/create-arm-access.ts";
import { RESOURCE_KINDS } from "../src/azure/kinds/registry.ts";
import { runScan } from "../src/azure/scan/run-scan.ts";
import { generateTenant, startSimulator } from "../src/azure/simulator/index.ts";
import { openStore } from "../src/store/open-store.ts";
import { peakRssMiB, ratio, timed } from "./bench-util.ts";

const SUBSCRIPTIONS = Number(process.env["BENCH_SUBSCRIPTIONS"] ?? 200);
const PER_SUBSCRIPTION = Number(process.env["BENCH_RESOURCES"] ?? 50);
const LATENCY_MS = 20;

/**
 * tlsbot's scan vs the obvious script: a sequential loop over subscriptions making the same SDK calls
 * (list caches, list hubs, list creation times), against the simulator with 20 ms added to every request.
 */
export async function scanBench(): Promise<void> {
  const token = "bench";
  const tenant = generateTenant({ seed: 42, subscriptions: SUBSCRIPTIONS, resourcesPerSubscription: PER_SUBSCRIPTION });
  const sim = await startSimulator({ tenant, token, latencyMs: LATENCY_MS, pageSize: 100, graph: { quotaPerWindow: 1000 } });
  const clients = await createArmAccess({ endpoint: sim.url, token, ca: sim.ca });
  const dir = mkdtempSync(join(tmpdir(), "tlsbot-bench-"));
  const store = await openStore({ dataDir: dir });
  try {
    const kinds = [...RESOURCE_KINDS.values()];
    const baseline = await timed(async () => {
      let count = 0;
      for await (const sub of clients.subscriptions().subscriptions.list()) {
        const id = sub.subscriptionId as string;
        for (const kind of kinds) count += (await kind.listInSubscription(clients, id, new AbortController().signal)).length;
        for await (const _ of clients.resources(id).resources.list({ filter: "resourceType eq 'Microsoft.Cache/redis'", expand: "createdTime" })) void _;
      }
      return count;
    });
    const results: Array<[string, number, number]> = [];
    for (const source of ["arm", "graph"] as const) {
      sim.clearRequests();
      const run = await timed(() => runScan({ clients, store, now: () => new Date() }, { source, concurrency: 16, timeoutMs: 120_000 }));
      results.push([source, run.ms, run.value.resources.length]);
      if (run.value.errors.length) console.log(`  ${source}: ${run.value.errors.length} errors, first: ${JSON.stringify(run.value.errors[0])}`);
      console.log(`  ${source}: ${sim.requests.length} requests`);
    }
    console.log(`\nscan: ${SUBSCRIPTIONS} subscriptions × ${PER_SUBSCRIPTION} resources, ${LATENCY_MS} ms latency per request`);
    console.log(`  baseline (sequential per-subscription SDK loop): ${baseline.ms.toFixed(0)} ms, ${baseline.value} resources`);
    for (const [source, ms, count] of results) {
      console.log(`  tlsbot scan --source ${source} (incl. storing the snapshot): ${ms.toFixed(0)} ms, ${count} resources — ${ratio(baseline.ms, ms)} faster`);
    }
    console.log(`  peak RSS: ${peakRssMiB()} MiB`);
  } finally {
    await store.close();
    await sim.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
