// The simulator in its own process for benchmarks, so that serving requests does not share the measured
// process's event loop and memory (Azure is remote too). Talks over the fork IPC channel.
import { KIND_DEFINITIONS } from "../src/azure/kinds/registry.ts";
import { generateTenant, startSimulator } from "../src/azure/simulator/index.ts";

const [subscriptions, perSubscription, latencyMs, token] = process.argv.slice(2);
// Every registered kind, each resource with the settings of one of its kind's samples.
const kinds = await Promise.all(KIND_DEFINITIONS.map(async (d) => ({ id: d.id, type: d.armTypes[0], samples: (await d.simulator()).samples })));
const tenant = generateTenant({ seed: 42, subscriptions: Number(subscriptions), resourcesPerSubscription: Number(perSubscription), kinds });
const sim = await startSimulator({ tenant, token: token ?? "bench", latencyMs: Number(latencyMs), pageSize: 100, graph: { quotaPerWindow: 1000 } });
process.send?.({ url: sim.url, ca: sim.ca });
process.on("message", (msg: unknown) => {
  if (msg === "stats") {
    const methods: Record<string, number> = {};
    for (const r of sim.requests) methods[r.method] = (methods[r.method] ?? 0) + 1;
    process.send?.({ requests: sim.requests.length, methods });
    sim.clearRequests();
  } else if (msg === "stop") {
    void sim.close().then(() => process.exit(0));
  }
});
