import { fork } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

interface Result { ms: number; peakMiB: number }

function candidateRun(dir: string, candidate: string): Promise<Result> {
  const child = fork("bench/store-candidate-process.ts", [dir, candidate], { execArgv: ["--import", "tsx"] });
  return new Promise((resolve, reject) => {
    child.once("message", (m) => resolve(m as Result));
    child.once("exit", (code) => (code === 0 ? undefined : reject(new Error(`${candidate} exited ${code}`))));
  });
}

const CANDIDATES: ReadonlyArray<[string, string]> = [
  ["default", "PGlite defaults (shared_buffers 128MB, initdb on first open, V8 tiering)"],
  ["small", "tlsbot's settings (shared_buffers 16MB, small temp/WAL/maintenance memory)"],
  ["small-template", "+ first open copies the cluster made at install (initdb once)"],
  ["small-template-liftoff", "+ baseline WASM compiler only (what tlsbot uses)"],
];

interface ServeWork { writeMs: number; readMs: number; smallMs: number; cpuMs: number; rssMiB: number; peakMiB: number }

function serveWorkRun(dir: string, mode: "tiering" | "liftoff"): Promise<ServeWork> {
  const child = fork("bench/store-serve-process.ts", [dir, mode], { execArgv: ["--import", "tsx"] });
  return new Promise((resolve, reject) => {
    child.once("message", (m) => resolve(m as ServeWork));
    child.once("exit", (code) => (code === 0 ? undefined : reject(new Error(`serve work (${mode}) exited ${code}`))));
  });
}

/**
 * A server's store work (bench/store-serve-process.ts) with V8's default WASM tiering and with the baseline
 * compiler only, alternated in fresh processes (RUNS each, medians), to show whether `serve` pays for the
 * optimising tier.
 */
async function serveWorkBench(root: string): Promise<void> {
  const RUNS = 2;
  const all: Record<"tiering" | "liftoff", ServeWork[]> = { tiering: [], liftoff: [] };
  for (let i = 0; i < RUNS; i++) {
    for (const mode of ["tiering", "liftoff"] as const) all[mode].push(await serveWorkRun(join(root, `serve-${mode}-${i}`), mode));
  }
  const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
  const m = (mode: "tiering" | "liftoff", k: keyof ServeWork) => med(all[mode].map((r) => r[k]));
  console.log(`  a server's store work (10,000 rows; 4 measured rounds after a warm-up of: repeat-scan snapshot, inventory read, 200 small lookups), median of ${RUNS} processes each:`);
  for (const mode of ["tiering", "liftoff"] as const) {
    console.log(`    ${mode === "tiering" ? "V8 default tiering      " : "baseline compiler only  "} snapshot ${m(mode, "writeMs").toFixed(0).padStart(6)} ms   inventory read ${m(mode, "readMs").toFixed(0).padStart(5)} ms   ` +
      `lookups p50 ${m(mode, "smallMs").toFixed(2).padStart(6)} ms   CPU ${(m(mode, "cpuMs") / 1000).toFixed(1).padStart(5)} s   RSS ${Math.round(m(mode, "rssMiB"))} MiB (peak ${Math.round(m(mode, "peakMiB"))})`);
  }
  console.log(`    baseline-only ÷ tiering: CPU ${(m("liftoff", "cpuMs") / m("tiering", "cpuMs")).toFixed(2)}×, snapshot ${(m("liftoff", "writeMs") / m("tiering", "writeMs")).toFixed(2)}×, ` +
    `inventory read ${(m("liftoff", "readMs") / m("tiering", "readMs")).toFixed(2)}×, lookups ${(m("liftoff", "smallMs") / m("tiering", "smallMs")).toFixed(2)}×`);
}

/**
 * The embedded store's candidates side by side, each in fresh processes: creating a data directory, then
 * reopening it and running an ask's queries. The first row is the baseline the ratios refer to.
 */
export async function storeBench(): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), "tlsbot-store-bench-"));
  try {
    const rows: Array<[string, string, Result, Result]> = [];
    for (const [id, label] of CANDIDATES) {
      const dir = join(root, id);
      const create = await candidateRun(dir, id);
      const reopen = await candidateRun(dir, id);
      rows.push([id, label, create, reopen]);
    }
    const base = rows[0]!;
    console.log("\nstore: PGlite candidates, each in its own process (tsx included in every figure alike)");
    for (const [id, label, create, reopen] of rows) {
      console.log(`  ${id.padEnd(24)} new directory ${(create.ms / 1000).toFixed(2).padStart(6)} s ${Math.round(create.peakMiB).toString().padStart(5)} MiB peak (${(base[2].ms / create.ms).toFixed(1)}×)` +
        `   reopen + queries ${(reopen.ms / 1000).toFixed(2).padStart(6)} s ${Math.round(reopen.peakMiB).toString().padStart(5)} MiB peak (${(base[3].ms / reopen.ms).toFixed(1)}×)   ${label}`);
    }
    await serveWorkBench(root);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
