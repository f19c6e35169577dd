// The simulator with Azure's realistic limits, in its own process (as Azure is remote), for the limits
// benchmark. Reports per-subscription read counts and Resource Graph queries, from which the benchmark
// computes the lower bound the limits imply.
import { KIND_DEFINITIONS } from "../src/azure/kinds/registry.ts";
import { generateTenant, startSimulator } from "../src/azure/simulator/index.ts";
import type { RealisticLimits } from "../src/azure/simulator/realistic-limits.ts";

interface Config {
  subscriptions: number;
  perSubscription: number;
  latencyMs: number;
  token: string;
  limits: RealisticLimits;
  graphQuota: number;
  graphWindowMs: number;
}

const config = JSON.parse(process.argv[2] as string) as Config;
const kinds = await Promise.all(KIND_DEFINITIONS.map(async (d) => ({ id: d.id, type: d.armTypes[0], samples: (await d.simulator()).samples })));
const tenant = generateTenant({ seed: 42, subscriptions: config.subscriptions, resourcesPerSubscription: config.perSubscription, kinds });
const sim = await startSimulator({
  tenant, token: config.token, latencyMs: config.latencyMs, pageSize: 100, limits: config.limits,
  graph: { quotaPerWindow: config.graphQuota, windowMs: config.graphWindowMs },
});
process.send?.({ url: sim.url, ca: sim.ca });
let cpuSince = process.cpuUsage();
process.on("message", (msg: unknown) => {
  if (msg === "stats") {
    const readsBySubscription: Record<string, number> = {};
    let graphQueries = 0;
    let graphThrottled = 0;
    const statuses: Record<string, number> = {};
    for (const r of sim.requests) {
      statuses[r.status] = (statuses[r.status] ?? 0) + 1;
      const sub = /^\/subscriptions\/([^/]+)/i.exec(r.path)?.[1]?.toLowerCase();
      // A read answered 429 is a retry a perfect client would not have made: the bound counts the others.
      if (sub && r.method === "GET" && r.status !== 429) readsBySubscription[sub] = (readsBySubscription[sub] ?? 0) + 1;
      if (/resourcegraph\/resources$/i.test(r.path)) {
        if (r.status === 200) graphQueries += 1;
        if (r.status === 429) graphThrottled += 1;
      }
    }
    const cpu = process.cpuUsage(cpuSince);
    cpuSince = process.cpuUsage();
    process.send?.({ requests: sim.requests.length, readsBySubscription, graphQueries, graphThrottled, statuses, counters: { ...sim.limitCounters }, cpuMs: (cpu.user + cpu.system) / 1000 });
    sim.clearRequests();
    for (const k of Object.keys(sim.limitCounters) as (keyof typeof sim.limitCounters)[]) sim.limitCounters[k] = 0;
  } else if (msg === "stop") {
    void sim.close().then(() => process.exit(0));
  }
});
