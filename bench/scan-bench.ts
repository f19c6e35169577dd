import { fork, spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createArmAccess } from "../src/azure/create-arm-access.ts";
import { loadResourceKinds } from "../src/azure/kinds/load-kinds.ts";
import { freshStoreDir, ratio, timed } from "./bench-util.ts";

const SUBSCRIPTIONS = Number(process.env["BENCH_SUBSCRIPTIONS"] ?? 200);
const PER_SUBSCRIPTION = Number(process.env["BENCH_RESOURCES"] ?? 50);
const LATENCY_MS = 20;
const TOKEN = "bench";
const CONCURRENCY = 16;

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

/** What bench/report-peak-rss.js wrote when the measured process exited. */
interface ChildReport { peakKiB: number; firstRequest: { atMs: number; rssKiB: number; peakKiB: number } | null; exitAtMs: number }
interface ScanRun { wallMs: number; report: ChildReport; summary: string }

/**
 * `tlsbot scan` as a user runs it: the compiled CLI (`node bin/tlsbot.js scan`, dist/) in a process of
 * its own, its memory reported by the preloaded bench/report-peak-rss.js, its report read from stdout.
 */
function tlsbotScan(source: "arm" | "graph", env: NodeJS.ProcessEnv, rssFile: string): Promise<ScanRun> {
  rmSync(rssFile, { force: true });
  const started = performance.now();
  const child = spawn(process.execPath, ["--import", "./bench/report-peak-rss.js", "bin/tlsbot.js", "scan", "--source", source], { env, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  let err = "";
  child.stdout.on("data", (c: Buffer) => (out += c.toString()));
  child.stderr.on("data", (c: Buffer) => (err += c.toString()));
  return new Promise((resolve, reject) => child.once("exit", (code) => {
    const wallMs = performance.now() - started;
    if (code !== 0) return reject(new Error(`tlsbot scan --source ${source} exited ${code}: ${err.slice(0, 500)}`));
    // The report is the table, a blank line, the summary, then the headings of errors or warnings, if any.
    const summary = out.split("\n\n").slice(1).map((part) => part.split("\n")[0]?.trim()).join(" ");
    resolve({ wallMs, report: JSON.parse(readFileSync(rssFile, "utf8")) as ChildReport, summary });
  }));
}

/**
 * tlsbot's scan vs the obvious script: a sequential loop over subscriptions making the same SDK calls
 * (every registered kind's listing, with the second calls of kinds that need them, and creation times),
 * against the simulator (in its own process) with 20 ms added to every request, over a tenant drawn from
 * every kind's samples. The baseline runs twice in this process and its second (warm) run counts; tlsbot
 * runs as users run it, `tlsbot scan` from dist/ in a process of its own, whose memory is what is measured.
 * Its time is shown two ways: from its first ARM request to its exit (the scan, storing the snapshot and
 * the report: what the ratio compares) and from spawn to exit (with the process start and opening the store).
 */
export async function scanBench(): Promise<void> {
  if (!existsSync("dist/.build-started")) throw new Error("dist/ is missing: run `npm run build` first (npm ci does it)");
  const sim = await startSimProcess();
  const clients = await createArmAccess({ endpoint: sim.url, token: TOKEN, ca: sim.ca });
  // A migrated, empty data directory made beforehand, as a running bot has: the first scan measures scanning.
  const dir = await freshStoreDir("tlsbot-bench-");
  const work = mkdtempSync(join(tmpdir(), "tlsbot-scan-bench-"));
  const caFile = join(work, "ca.pem");
  const rssFile = join(work, "rss.json");
  writeFileSync(caFile, sim.ca);
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(TLSBOT_|AZURE_|SLACK_|Microsoft|PORT$|NODE_OPTIONS$)/.test(k)));
  const env: NodeJS.ProcessEnv = {
    ...clean, LANG: "en_US.UTF-8", TLSBOT_DATA_DIR: dir, TLSBOT_BENCH_RSS_FILE: rssFile, TLSBOT_ARM_ENDPOINT: sim.url, TLSBOT_ARM_TOKEN: TOKEN,
    TLSBOT_ARM_CA_FILE: caFile, TLSBOT_SCAN_CONCURRENCY: String(CONCURRENCY),
  };
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
    console.log(`  baseline (sequential per-subscription SDK loop, in the bench process): ${baseline.ms.toFixed(0)} ms, ${baseline.value} resources, ${baselineStats.requests} requests`);
    // First: an empty inventory (every resource is new, so every row is written with its history).
    // Repeat: what the schedule runs every time after that (the inventory is there; few rows change).
    const runs = [["arm", "first"], ["arm", "repeat"], ["graph", "repeat"]] as const;
    const mib = (kib: number) => `${Math.round(kib / 1024)} MiB`;
    let peak = 0;
    let beforeFirst = 0;
    for (const [source, when] of runs) {
      const run = await tlsbotScan(source, env, rssFile);
      const s = await stats(sim);
      const r = run.report;
      if (!r.firstRequest) throw new Error(`tlsbot scan --source ${source} sent no request`);
      const scanMs = r.exitAtMs - r.firstRequest.atMs;
      peak = Math.max(peak, r.peakKiB);
      beforeFirst = Math.max(beforeFirst, r.firstRequest.rssKiB);
      console.log(`  tlsbot scan --source ${source} (${when} scan, concurrency ${CONCURRENCY}): ${scanMs.toFixed(0)} ms from its first request to exit ` +
        `(${run.wallMs.toFixed(0)} ms from spawn) — ${ratio(baseline.ms, scanMs)} faster than the baseline (${ratio(baseline.ms, run.wallMs)} from spawn); ` +
        `${s.requests} requests (${Object.entries(s.methods).map(([m, n]) => `${n} ${m}`).join(", ")}); ` +
        `RSS ${mib(r.firstRequest.rssKiB)} at its first request, peak ${mib(r.peakKiB)}; ${run.summary}`);
    }
    console.log(`  the scanning process (tlsbot scan): peak RSS ${mib(peak)} (target ≤ 300 MiB), RSS before its first request ${mib(beforeFirst)} (target ≤ 150 MiB); worst of the runs above`);
  } finally {
    sim.child.send("stop");
    rmSync(dir, { recursive: true, force: true });
    rmSync(work, { recursive: true, force: true });
  }
}
