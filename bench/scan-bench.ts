import { fork, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createArmAccess } from "../src/azure/create-arm-access.ts";
import { loadResourceKinds } from "../src/azure/kinds/load-kinds.ts";
import { runScan } from "../src/azure/scan/run-scan.ts";
import { openStore } from "../src/store/open-store.ts";
import { peakRssMiB, ratio, timed } from "./bench-util.ts";

const SUBSCRIPTIONS = Number(process.env["BENCH_SUBSCRIPTIONS"] ?? 200);
const PER_SUBSCRIPTION = Number(process.env["BENCH_RESOURCES"] ?? 50);
const LATENCY_MS = 20;
const TOKEN = "bench";

interface SimHandle { child: ChildProcess; url: string; ca: string }

function startSimProcess(): Promise<SimHandle> {
  const child = fork("bench/simulator-process.ts", [String(SUBSCRIPTIONS), String(PER_SUBSCRIPTION), String(LATENCY_MS), TOKEN], {
    execArgv: ["--import", "tsx"],
  });
  return new Promise((resolve, reject) => {
    child.once("message", (m) => resolve({ child, ...(m as { url: string; ca: string }) }));
    child.once("exit", (code) => reject(new Error(`simulator process exited with ${code}`)));
  });
}

function stats(sim: SimHandle): Promise<{ requests: number; methods: Record<string, number> }> {
  return new Promise((resolve) => {
    sim.child.once("message", (m) => resolve(m as { requests: number; methods: Record<string, number> }));
    sim.child.send("stats");
  });
}

/**
 * tlsbot's scan vs the obvious script: a sequential loop over subscriptions making the same SDK calls
 * (every registered kind's listing, with the second calls of kinds that need them, and creation times),
 * against the simulator (in its own process) with 20 ms added to every request, over a tenant drawn from
 * every kind's samples. Both warm: the baseline runs twice and its second run counts.
 */
export async function scanBench(): Promise<void> {
  const sim = await startSimProcess();
  const clients = await createArmAccess({ endpoint: sim.url, token: TOKEN, ca: sim.ca });
  const dir = mkdtempSync(join(tmpdir(), "tlsbot-bench-"));
  await new Promise<void>((resolve, reject) => {
    fork("bench/init-store-process.ts", [dir], { execArgv: ["--import", "tsx"] }).once("exit", (code) => (code === 0 ? resolve() : reject(new Error(`store init exited ${code}`))));
  });
  const store = await openStore({ dataDir: dir });
  const rssBefore = peakRssMiB();
  try {
    const kinds = [...(await loadResourceKinds()).values()];
    const sequential = () => timed(async () => {
      let count = 0;
      for await (const sub of clients.subscriptions().subscriptions.list()) {
        const id = sub.subscriptionId as string;
        for (const kind of kinds) count += (await kind.listInSubscription(clients, id, new AbortController().signal)).length;
        for await (const _ of clients.resources(id).resources.list({ filter: "resourceType eq 'Microsoft.Cache/redis'", expand: "createdTime" })) void _;
      }
      return count;
    });
    await sequential();
    await stats(sim);
    const baseline = await sequential();
    const baselineStats = await stats(sim);

    console.log(`\nscan: ${SUBSCRIPTIONS} subscriptions × ${PER_SUBSCRIPTION} resources of ${kinds.length} kinds (${kinds.map((k) => k.id).join(", ")}), ${LATENCY_MS} ms latency per request (simulator in its own process)`);
    console.log(`  baseline (sequential per-subscription SDK loop): ${baseline.ms.toFixed(0)} ms, ${baseline.value} resources, ${baselineStats.requests} requests`);
    // First: an empty inventory (every resource is new, so every row is written with its history).
    // Repeat: what the schedule runs every time after that (the inventory is there; few rows change).
    const runs = [["arm", "first"], ["arm", "repeat"], ["graph", "repeat"]] as const;
    for (const [source, when] of runs) {
      const run = await timed(() => runScan({ clients, store, now: () => new Date() }, { source, concurrency: 16, timeoutMs: 120_000 }));
      const s = await stats(sim);
      const o = run.value;
      if (o.errors.length) console.log(`  ${source}: ${o.errors.length} errors, first: ${JSON.stringify(o.errors[0])}`);
      console.log(`  tlsbot scan --source ${source} (${when} scan, concurrency 16): ${run.ms.toFixed(0)} ms incl. storing the snapshot, ` +
        `${o.resources.length} resources, ${o.diff ? o.diff.added.length + o.diff.changed.length + o.diff.removed.length : 0} rows changed, ` +
        `${s.requests} requests (${Object.entries(s.methods).map(([m, n]) => `${n} ${m}`).join(", ")}) — ${ratio(baseline.ms, run.ms)} faster than the baseline`);
    }
    console.log(`  peak RSS of the scanning process: ${peakRssMiB()} MiB (${rssBefore} MiB before the scans)`);
  } finally {
    await store.close();
    sim.child.send("stop");
    rmSync(dir, { recursive: true, force: true });
  }
}
