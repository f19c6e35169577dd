import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { TlsbotError } from "../domain/errors.ts";
import { migrate } from "./migrations/migrate.ts";
import { lockDataDir } from "./pglite/data-dir-lock.ts";
import { openPgliteExecutor } from "./pglite/pglite-executor.ts";
import { openPostgresExecutor } from "./postgres/postgres-executor.ts";
import type { SqlExecutor } from "./sql-executor.ts";
import { createSqlStore } from "./sql-store.ts";
import type { Store } from "./store.ts";

export interface OpenStoreOptions {
  readonly dataDir: string;
  /** PostgreSQL connection string; without it the embedded PGlite database in `dataDir` is used. */
  readonly databaseUrl?: string;
}

/** A connection string fit for messages: the password never leaves the process. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "(unparseable database URL)";
  }
}

export async function openStore(opts: OpenStoreOptions): Promise<Store & { readonly exec: SqlExecutor }> {
  if (opts.databaseUrl) {
    let exec: SqlExecutor;
    try {
      exec = await openPostgresExecutor(opts.databaseUrl);
      await migrate(exec);
    } catch (err) {
      throw new TlsbotError("storeUnavailable", { target: redactUrl(opts.databaseUrl), reason: reasonOf(err) }, { cause: err });
    }
    return createSqlStore(exec, "postgres");
  }

  try {
    mkdirSync(opts.dataDir, { recursive: true });
  } catch (err) {
    throw new TlsbotError("storeUnavailable", { target: opts.dataDir, reason: reasonOf(err) }, { cause: err });
  }
  const lock = lockDataDir(opts.dataDir);
  let exec: SqlExecutor | null = null;
  try {
    exec = await openPgliteExecutor(join(opts.dataDir, "pgdata"));
    await migrate(exec);
    // Only this process can have been scanning here (the lock says so): a scan still "running" died with its process.
    await exec.query(
      `UPDATE scans SET status = 'failed', finished_at = now(), errors = $1::jsonb WHERE status = 'running'`,
      [JSON.stringify([{ subscriptionId: "*", code: "interrupted", message: "tlsbot stopped before this scan finished; the previous inventory was kept." }])],
    );
  } catch (err) {
    await exec?.close().catch(() => {});
    lock.release();
    throw new TlsbotError("storeUnavailable", { target: opts.dataDir, reason: reasonOf(err) }, { cause: err });
  }
  return createSqlStore(exec, "pglite", async () => lock.release());
}

function reasonOf(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  return message.split("\n")[0]?.slice(0, 300) || (err as { code?: string }).code || "unknown error";
}
