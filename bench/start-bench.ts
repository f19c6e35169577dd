import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const RUNS = Number(process.env["BENCH_START_RUNS"] ?? 3);
const ASK = ["ask", "which caches are below 1.2"];

interface Measured { ms: number; peakMiB: number; code: number | null }

/** Environment of a measured process: no developer settings, Azure pointed at a closed loopback port. */
function envFor(dataDir: string, fromSource: boolean, rssFile: string): NodeJS.ProcessEnv {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(TLSBOT_|AZURE_|SLACK_|Microsoft|PORT$)/.test(k)));
  return {
    ...clean, LANG: "en_US.UTF-8", TLSBOT_DATA_DIR: dataDir, TLSBOT_BENCH_RSS_FILE: rssFile,
    TLSBOT_ARM_ENDPOINT: "https://127.0.0.1:1", TLSBOT_ARM_TOKEN: "bench-token",
    ...(fromSource ? { TLSBOT_FROM_SOURCE: "1" } : {}),
  };
}

/** Wall time from spawn to exit and the child's peak RSS. */
function run(args: readonly string[], env: NodeJS.ProcessEnv, rssFile: string): Promise<Measured> {
  rmSync(rssFile, { force: true });
  const started = performance.now();
  const child = spawn(process.execPath, ["--import", "./bench/report-peak-rss.js", ...args], { env, stdio: ["ignore", "ignore", "pipe"] });
  let err = "";
  child.stderr.on("data", (c: Buffer) => (err += c.toString()));
  return new Promise((resolve, reject) => child.once("exit", (code) => {
    const ms = performance.now() - started;
    if (code !== 0) return reject(new Error(`${args.join(" ")} exited ${code}: ${err.slice(0, 500)}`));
    resolve({ ms, peakMiB: existsSync(rssFile) ? (JSON.parse(readFileSync(rssFile, "utf8")) as { peakKiB: number }).peakKiB / 1024 : Number.NaN, code });
  }));
}

/** `tlsbot serve` until it listens, then its resident set after 2 s idle (from /proc). */
function serveIdle(env: NodeJS.ProcessEnv): Promise<{ listenMs: number; idleMiB: number }> {
  const started = performance.now();
  const child = spawn(process.execPath, ["bin/tlsbot.js", "serve", "--port", "0"], { env, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  return new Promise((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`serve exited ${code} before listening`)));
    child.stdout.on("data", (c: Buffer) => {
      out += c.toString();
      if (!/listening on http/.test(out)) return;
      child.stdout.removeAllListeners("data");
      const listenMs = performance.now() - started;
      setTimeout(() => {
        const status = readFileSync(`/proc/${child.pid}/status`, "utf8");
        const idleMiB = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN) / 1024;
        child.removeAllListeners("exit");
        child.once("exit", () => resolve({ listenMs, idleMiB }));
        child.kill("SIGTERM");
      }, 2_000);
    });
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;

async function medianOf(n: number, fn: () => Promise<Measured>): Promise<Measured> {
  const all: Measured[] = [];
  for (let i = 0; i < n; i++) all.push(await fn());
  return { ms: median(all.map((m) => m.ms)), peakMiB: median(all.map((m) => m.peakMiB)), code: 0 };
}

/**
 * Start-up of the commands a user types, as child processes of the real bin: the compiled CLI (dist/)
 * against the same commands run from the TypeScript sources through tsx, and `node -e 0` as the floor.
 * Median of BENCH_START_RUNS runs each; targets from issue 15 printed beside the figures.
 */
export async function startBench(): Promise<void> {
  if (!existsSync("dist/.build-started")) throw new Error("dist/ is missing: run `npm run build` first (npm ci does it)");
  const root = mkdtempSync(join(tmpdir(), "tlsbot-start-bench-"));
  const rssFile = join(root, "rss");
  try {
    // An existing store with an inventory and notices: the demo writes one under <dir>/demo.
    const demoDir = join(root, "existing");
    await run(["bin/tlsbot.js", "demo"], envFor(demoDir, false, rssFile), rssFile);
    const existing = join(demoDir, "demo");
    let fresh = 0;
    const freshDir = () => join(root, `fresh-${fresh++}`);

    const floor = await medianOf(RUNS, () => run(["-e", "0"], envFor(existing, false, rssFile), rssFile));
    const rows: Array<[string, Measured, Measured, string]> = [];
    for (const [label, args, target, dir] of [
      ["tlsbot --help", ["--help"], "≤ 0.5 s", () => existing],
      ["tlsbot ask (existing store)", ASK, "≤ 1.5 s, ≤ 200 MiB", () => existing],
      ["tlsbot notices (existing store)", ["notices"], "≤ 1.5 s, ≤ 200 MiB", () => existing],
      ["tlsbot notices (first run, new data directory)", ["notices"], "≤ 5 s", freshDir],
      ["tlsbot demo (first run: simulator, scan, summary)", ["demo"], "≤ 5 s", freshDir],
    ] as const) {
      const compiled = await medianOf(RUNS, () => run(["bin/tlsbot.js", ...args], envFor(dir(), false, rssFile), rssFile));
      const source = await medianOf(RUNS, () => run(["bin/tlsbot.js", ...args], envFor(dir(), true, rssFile), rssFile));
      rows.push([label, compiled, source, target]);
    }
    const serve = await serveIdle(envFor(existing, false, rssFile));
    const serveSource = await serveIdle(envFor(existing, true, rssFile));

    const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
    const mib = (x: number) => `${Math.round(x)} MiB`;
    console.log(`\nstart: median of ${RUNS} runs each; floor \`node -e 0\` ${s(floor.ms)}, ${mib(floor.peakMiB)}; "from sources" = the same bin through tsx (no dist/)`);
    for (const [label, c, src, target] of rows) {
      console.log(`  ${label.padEnd(50)} ${s(c.ms).padStart(8)} ${mib(c.peakMiB).padStart(9)} peak  (${(c.ms / floor.ms).toFixed(1)}× node -e 0; from sources ${s(src.ms)}, ${mib(src.peakMiB)}: ${(src.ms / c.ms).toFixed(1)}× slower)  target ${target}`);
    }
    console.log(`  ${"tlsbot serve, idle 2 s after listening".padEnd(50)} ${s(serve.listenMs).padStart(8)} ${mib(serve.idleMiB).padStart(9)} RSS   (from sources ${s(serveSource.listenMs)}, ${mib(serveSource.idleMiB)})  target RSS ≤ 200 MiB`);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
