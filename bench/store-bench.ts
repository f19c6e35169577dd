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
  ["small-template-liftoff", "+ baseline WASM compiler only (what short commands use)"],
];

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
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
