// The simulator in its own process for benchmarks, so that serving requests does not share the measured
// process's event loop and memory (Azure is remote too). Talks over the fork IPC channel.
import { generateTenant, startSimulator } from "../src/azure/simulator/index.ts";

const [subscriptions, perSubscription, latencyMs, token] = process.argv.slice(2);
const tenant = generateTenant({ seed: 42, subscriptions: Number(subscriptions), resourcesPerSubscription: Number(perSubscription) });
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
