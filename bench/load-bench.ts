import { fork, type ChildProcess } from "node:child_process";
import { rmSync } from "node:fs";
import { openStore } from "../src/store/open-store.ts";
import type { Store } from "../src/store/store.ts";
import { startThrowawayPostgres } from "../scripts/chaos/throwaway-postgres.ts";
import { freshStoreDir, percentile, syntheticFindings } from "./bench-util.ts";
import { exponential, loadDriver, loadRow, startSinkConnector } from "./load-driver.ts";

const USERS = Number(process.env["LOAD_USERS"] ?? 200);
const SECONDS = Number(process.env["LOAD_SECONDS"] ?? 60);
const THINK_MS = Number(process.env["LOAD_THINK_MS"] ?? 5000);
const CAPACITY_SECONDS = Number(process.env["LOAD_CAPACITY_SECONDS"] ?? 10);
const RESOURCES = Number(process.env["LOAD_INVENTORY"] ?? 50_000);
const REPLICAS = Number(process.env["LOAD_REPLICAS"] ?? 2);
const SINGLE = 300;
/** A directory: each replica writes a CPU profile there when it stops (`node --cpu-prof`). */
const CPU_PROF = process.env["LOAD_CPU_PROF"];
const NOW = new Date("2026-11-26T03:00:00Z");

const mib = (bytes: number) => Math.round(bytes / 1024 / 1024);

async function fill(store: Store): Promise<void> {
  const { findings, subscriptions } = syntheticFindings(RESOURCES);
  await store.upsertSubscriptions(subscriptions.map((s, i) => ({ subscriptionId: s, displayName: `sub-${i}`, state: "Enabled" })), NOW.toISOString());
  const scanId = await store.beginScan("graph", NOW.toISOString());
  await store.completeScan(scanId, findings, [], { subscriptionIds: subscriptions, types: ["Microsoft.Cache/redis", "Microsoft.Devices/IotHubs"] }, NOW.toISOString());
}

interface Stats { rss: number; heapUsed: number; cpuMs: number; errors: number }

function ask(child: ChildProcess): Promise<Stats> {
  return new Promise((resolve) => {
    child.once("message", (m) => resolve(m as Stats));
    child.send("stats");
  });
}

async function startReplicas(args: readonly string[][]): Promise<{ children: ChildProcess[]; urls: string[] }> {
  const children: ChildProcess[] = [];
  const urls: string[] = [];
  for (const argv of args) {
    const child = fork("bench/load-replica-process.ts", argv, { execArgv: ["--import", "tsx", ...(CPU_PROF ? ["--cpu-prof", `--cpu-prof-dir=${CPU_PROF}`] : [])] });
    children.push(child);
    urls.push(await new Promise<string>((resolve, reject) => {
      child.once("message", (m) => resolve((m as { url: string }).url));
      child.once("exit", (code) => reject(new Error(`replica exited ${code}`)));
    }));
  }
  return { children, urls };
}

/**
 * The same three measurements against `urls`, the replicas (separate processes; this process only sends
 * the messages and receives the replies): one user alone with the replicas' CPU time per request; capacity
 * (USERS at once, no pause, CAPACITY_SECONDS); and the realistic model (USERS, each pausing an exponential
 * think time of mean THINK_MS between an answer and their next message, for SECONDS), with the replicas'
 * RSS at start, middle and end.
 */
async function measure(title: string, children: readonly ChildProcess[], urls: readonly string[]): Promise<void> {
  const sink = await startSinkConnector();
  const driver = loadDriver(urls, sink.serviceUrl, USERS);
  const stats = () => Promise.all(children.map(ask));
  const cpu = (xs: Stats[]) => xs.reduce((n, s) => n + s.cpuMs, 0);
  try {
    await driver.single(0, 40);
    const before = await stats();
    const single = await driver.single(SINGLE, 0);
    const afterSingle = await stats();
    const cpuPerRequest = (cpu(afterSingle) - cpu(before)) / single.latencies.length;

    const capacity = await driver.run(USERS, CAPACITY_SECONDS, () => 0, () => {});
    const afterCapacity = await stats();
    const capacityCpu = (cpu(afterCapacity) - cpu(afterSingle)) / capacity.latencies.length;

    const rss: Stats[][] = [afterCapacity];
    let tick = 0;
    const start = await stats();
    const realistic = await driver.run(USERS, SECONDS, exponential(THINK_MS), () => {
      if (++tick === Math.round(SECONDS / 2)) void stats().then((xs) => rss.push(xs));
    });
    const end = await stats();
    rss.push(end);
    const logged = end.reduce((n, s) => n + s.errors, 0);

    console.log(`\nload: ${title}, ${RESOURCES.toLocaleString("en")} resources, chat through /api/messages (botbuilder, local mode; replies to a loopback connector)`);
    console.log(loadRow("one user alone", single, `  — replica CPU ${cpuPerRequest.toFixed(2)} ms per request`));
    console.log(loadRow(`capacity: ${USERS} users, no pause, ${CAPACITY_SECONDS} s`, capacity, `  — replica CPU ${capacityCpu.toFixed(2)} ms per request (max req/s, not a latency)`));
    console.log(loadRow(`${USERS} users, think ~Exp(${THINK_MS / 1000} s), ${SECONDS} s`, realistic, `  — replica CPU ${((cpu(end) - cpu(start)) / realistic.latencies.length).toFixed(2)} ms per request`));
    const p95 = percentile(realistic.latencies, 0.95);
    console.log(`  realistic p95 ${p95.toFixed(1)} ms (target ≤ 100 ms: ${p95 <= 100 ? "met" : "MISSED"}), ${realistic.errors} errors, ${logged} logged by the replicas, ${sink.noMore()} "more" answered "no list" (target 0)`);
    const over = (pick: (s: Stats) => number) => children.map((_, i) => rss.map((xs) => `${mib(xs[i] ? pick(xs[i]) : 0)}`).join(" / ") + " MiB").join("; ");
    console.log(`  per replica, start / middle / end of the ${SECONDS} s — RSS ${over((s) => s.rss)}; JS heap in use ${over((s) => s.heapUsed)}`);
  } finally {
    driver.close();
    await sink.close();
  }
}

/** USERS chat users on PGlite (one replica process owns the data directory), then on PostgreSQL with REPLICAS replicas. Loopback only. */
export async function loadBench(): Promise<void> {
  console.log(`\nload: users ask a question, then "more", then the next question…; think time exponential, mean ${THINK_MS / 1000} s (a Poisson arrival per user, ≈${(USERS / (THINK_MS / 1000)).toFixed(0)} req/s offered). Timing shares this machine's cores with whatever else runs: CPU per request is the steadier figure.`);
  await pglite();
  await postgres();
}

async function stopAll(children: readonly ChildProcess[]): Promise<void> {
  await Promise.all(children.map((c) => new Promise<void>((resolve) => {
    if (c.exitCode !== null) return resolve();
    c.once("exit", () => resolve());
    c.send("stop");
  })));
}

async function pglite(): Promise<void> {
  const dir = await freshStoreDir("tlsbot-load-bench-");
  const children: ChildProcess[] = [];
  try {
    const seed = await openStore({ dataDir: dir });
    await fill(seed);
    await seed.close();
    const r = await startReplicas([["--pglite", dir]]);
    children.push(...r.children);
    await measure("PGlite, one replica process", r.children, r.urls);
  } finally {
    await stopAll(children);
    rmSync(dir, { recursive: true, force: true });
  }
}

async function postgres(): Promise<void> {
  const pg = await startThrowawayPostgres();
  const children: ChildProcess[] = [];
  try {
    const databaseUrl = await pg.database("tlsbot_load");
    const seed = await openStore({ dataDir: "", databaseUrl });
    await fill(seed);
    await seed.close();
    const r = await startReplicas(Array.from({ length: REPLICAS }, () => [databaseUrl]));
    children.push(...r.children);
    await measure(`PostgreSQL (a throwaway local cluster), ${REPLICAS} replica processes, each message to the next replica in turn`, r.children, r.urls);
  } finally {
    await stopAll(children);
    pg.stop();
  }
}


