import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { TlsbotError } from "../domain/errors.ts";
import { redactDatabaseError, redactDatabaseUrl } from "../domain/redact.ts";
import { migrate } from "./migrations/migrate.ts";
import { lockDataDir } from "./pglite/data-dir-lock.ts";
import { restrictToOwner, restrictUmask } from "./pglite/data-dir-permissions.ts";
import type { SqlExecutor } from "./sql-executor.ts";
import { createSqlStore, INTERRUPTED_SCAN_ERRORS } from "./sql-store.ts";
import type { Store } from "./store.ts";

export interface OpenStoreOptions {
  readonly dataDir: string;
  /** PostgreSQL connection string; without it the embedded PGlite database in `dataDir` is used. */
  readonly databaseUrl?: string;
  /** Told what the store fixed on the way in (the CLI prints it on stderr). */
  readonly onWarning?: (warning: StoreWarning) => void;
}

/** Something the operator should know about; `code` is the locale key `cli:store.<code>`. */
export interface StoreWarning {
  readonly code: "dataDirPermissionsTightened";
  readonly params: { readonly dataDir: string; readonly count: number };
}

export async function openStore(opts: OpenStoreOptions): Promise<Store & { readonly exec: SqlExecutor }> {
  if (opts.databaseUrl) {
    let exec: SqlExecutor;
    try {
      // One driver per process: the pg client is not loaded for PGlite, nor PGlite's WASM for a server.
      const { openPostgresExecutor } = await import("./postgres/postgres-executor.ts");
      exec = await openPostgresExecutor(opts.databaseUrl);
      await migrate(exec);
    } catch (err) {
      // The driver's message may echo the connection string or its password.
      throw new TlsbotError("storeUnavailable", { target: redactDatabaseUrl(opts.databaseUrl), reason: redactDatabaseError(reasonOf(err), opts.databaseUrl) }, { cause: err });
    }
    return createSqlStore(exec, "postgres");
  }

  // The inventory and the notices are nobody else's business: the data directory is the owner's alone.
  const restoreUmask = restrictUmask();
  try {
    mkdirSync(opts.dataDir, { recursive: true, mode: 0o700 });
    const loosened = restrictToOwner(opts.dataDir);
    if (loosened > 0) opts.onWarning?.({ code: "dataDirPermissionsTightened", params: { dataDir: opts.dataDir, count: loosened } });
  } catch (err) {
    restoreUmask();
    throw new TlsbotError("storeUnavailable", { target: opts.dataDir, reason: reasonOf(err) }, { cause: err });
  }
  let lock: ReturnType<typeof lockDataDir>;
  try {
    lock = lockDataDir(opts.dataDir);
  } catch (err) {
    restoreUmask();
    throw err;
  }
  let exec: SqlExecutor | null = null;
  try {
    const { openPgliteExecutor } = await import("./pglite/pglite-executor.ts");
    exec = await openPgliteExecutor(join(opts.dataDir, "pgdata"));
    await migrate(exec);
    // PGlite writes a new cluster's files 0666 (and some later ones 0644) regardless of the umask.
    restrictToOwner(opts.dataDir);
    // Every folder is 0700 now: what PostgreSQL writes later is out of others' reach whatever its mode.
    restoreUmask();
    // Only this process can have been scanning here (the lock says so): a scan still "running" died with its process.
    await exec.query(
      `UPDATE scans SET status = 'failed', finished_at = now(), errors = $1::jsonb WHERE status = 'running'`,
      [JSON.stringify(INTERRUPTED_SCAN_ERRORS)],
    );
  } catch (err) {
    restoreUmask();
    await exec?.close().catch(() => {});
    lock.release();
    throw new TlsbotError("storeUnavailable", { target: opts.dataDir, reason: reasonOf(err) }, { cause: err });
  }
  return createSqlStore(exec, "pglite", async () => {
    try {
      // Files PostgreSQL created during the session (0644 at most, in 0700 folders) are tightened too.
      restrictToOwner(opts.dataDir);
    } catch {
      // Best effort: the next open tightens what is left, and says so.
    } finally {
      lock.release();
    }
  });
}

function reasonOf(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  return message.split("\n")[0]?.slice(0, 300) || (err as { code?: string }).code || "unknown error";
}
