import { setFlagsFromString } from "node:v8";
import { PGlite, type Transaction } from "@electric-sql/pglite";
import type { SqlExecutor } from "../sql-executor.ts";
import { copyTemplateInto } from "./pglite-template.ts";

/**
 * PostgreSQL settings for the embedded store, measured side by side in README ("The embedded store"):
 * shared memory is carved out of the WebAssembly memory and PGlite writes all of it at start, so every MB
 * of it is resident from the moment the store opens. PostgreSQL's 128 MB of shared buffers alone cost
 * ~120 MiB of RSS for an inventory of a few MB. 4 MB of buffers (16 MB until 2026-12-01) keep 12 MiB less
 * resident in every process; the rest of the working set stays in the OS page cache, a system call away:
 * on a 10,000-resource store a first snapshot writes ≈ 10% slower and a whole-inventory read takes
 * ≈ 0.18 s instead of ≈ 0.13 s; lookups by id did not change. PGlite runs one backend: `max_connections=10`
 * (default 100) sizes the per-backend tables for that. The rest keeps sorts, index builds and WAL small.
 */
export const PGLITE_SETTINGS: readonly string[] = [
  "shared_buffers=4MB", "max_connections=10", "temp_buffers=1MB", "wal_buffers=256kB", "maintenance_work_mem=16MB", "max_wal_size=64MB", "min_wal_size=32MB",
];

function txExecutor(tx: Transaction): SqlExecutor {
  return {
    query: async <T>(sql: string, params: readonly unknown[] = []) => ({ rows: (await tx.query<T>(sql, [...params])).rows }),
    exec: async (sql) => void (await tx.exec(sql)),
    // PGlite has no nested transactions; the outer one already covers the work.
    transaction: (fn) => fn(txExecutor(tx)),
    close: async () => {},
  };
}

/**
 * PGlite (PostgreSQL in WASM) persisted in `dir`. One process per directory: the caller holds the lock file.
 * A new directory starts as a copy of the cluster built at install (`initdb` once, not on every first run)
 * when that template matches the installed PGlite.
 */
export async function openPgliteExecutor(dir: string, opts: { readonly template?: string | null; readonly wasmTiering?: boolean } = {}): Promise<SqlExecutor> {
  if (opts.template !== null) copyTemplateInto(dir, opts.template);
  // V8's baseline WASM compiler only: it opens the store in about half the CPU time and keeps 45–80 MiB less
  // resident (the optimising tier's compilations leave their memory in malloc's arenas). On the statements
  // tlsbot runs all day it costs little: snapshots and the inventory read behind the answer index measured
  // no slower, small lookups ≈ 0.25 ms slower, ≈ 10% more CPU (README, "The embedded store"; `npm run bench
  // store`). So every process, `serve` included, uses it; `wasmTiering` keeps V8's default for that comparison.
  if (!opts.wasmTiering) setFlagsFromString("--liftoff-only");
  const db = await PGlite.create(dir, { startParams: [...PGlite.defaultStartParams, ...PGLITE_SETTINGS.flatMap((s) => ["-c", s])] });
  return {
    query: async <T>(sql: string, params: readonly unknown[] = []) => ({ rows: (await db.query<T>(sql, [...params])).rows }),
    exec: async (sql) => void (await db.exec(sql)),
    transaction: (fn) => db.transaction((tx) => fn(txExecutor(tx))),
    close: () => db.close(),
  };
}
