// A long-running process's store work, in its own process (V8 flags are per process), to decide whether
// `serve` pays for V8's optimising WASM tier: open, then rounds of what a server does all day — a repeat
// scan's snapshot (a third of the rows changed), the inventory read that rebuilds the answer index, and
// small statements (latest scan, one resource, a post claimed). The first round warms up (and lets V8
// tier up what is hot); later rounds are measured. argv: dir, "tiering" | "liftoff". Reports over IPC.
import { openPgliteExecutor } from "../src/store/pglite/pglite-executor.ts";
import { migrate } from "../src/store/migrations/migrate.ts";
import { createSqlStore } from "../src/store/sql-store.ts";
import { syntheticFindings } from "./bench-util.ts";

const [dir, mode] = process.argv.slice(2) as [string, "tiering" | "liftoff"];
const exec = await openPgliteExecutor(dir, { wasmTiering: mode === "tiering" });
await migrate(exec);
const store = createSqlStore(exec, "pglite");
const ROWS = 10_000;
const { findings, subscriptions } = syntheticFindings(ROWS);
const scope = { subscriptionIds: subscriptions, types: ["microsoft.cache/redis", "microsoft.devices/iothubs"] };
for (let c = 0; c < 20; c++) await store.upsertConversation({ key: `c-${c}`, platform: "teams", reference: {}, kind: "channel", tenant: null, updatedAt: new Date().toISOString() } as never);

const timed = async (fn: () => Promise<unknown>) => {
  const start = performance.now();
  await fn();
  return performance.now() - start;
};
const write: number[] = [];
const read: number[] = [];
const small: number[] = [];
let cpuMs = 0;
for (let round = 0; round < 5; round++) {
  const cpu = process.cpuUsage();
  const changed = findings.map((f, i) => (i % 3 === round % 3 ? { ...f, location: `loc-${round}` } : f));
  const w = await timed(async () => store.completeScan(await store.beginScan("arm", new Date().toISOString()), changed, [], scope, new Date().toISOString()));
  const r = await timed(() => store.currentResources());
  const s: number[] = [];
  for (let i = 0; i < 200; i++) {
    s.push(await timed(async () => {
      await store.latestCompletedScan();
      await store.getResource(findings[(i * 37) % ROWS]!.id);
      await store.claimPost(`c-${i % 20}`, `r${round}-p${i}`, new Date().toISOString());
    }));
  }
  if (round === 0) continue;
  const used = process.cpuUsage(cpu);
  cpuMs += (used.user + used.system) / 1000;
  write.push(w);
  read.push(r);
  small.push(...s);
}
await store.close();
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
process.send?.({ writeMs: median(write), readMs: median(read), smallMs: median(small), cpuMs, rssMiB: process.memoryUsage.rss() / 1048576, peakMiB: process.resourceUsage().maxRSS / 1024 });
process.exit(0);
