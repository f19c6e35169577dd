import type { SqlExecutor } from "../sql-executor.ts";
import { MIGRATIONS } from "./index.ts";
import type { Migration } from "./migration.ts";

/** Arbitrary constant shared by every tlsbot process migrating the same database. */
const MIGRATION_LOCK_KEY = 7_331_244_101;

/**
 * Applies pending migrations in one transaction under an advisory lock, so two processes starting at
 * once against one PostgreSQL server neither race nor half-apply. Returns the versions applied.
 */
export async function migrate(exec: SqlExecutor, migrations: readonly Migration[] = MIGRATIONS): Promise<number[]> {
  return exec.transaction(async (tx) => {
    await tx.query("SELECT pg_advisory_xact_lock($1)", [MIGRATION_LOCK_KEY]);
    await tx.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
    const { rows } = await tx.query<{ version: number }>("SELECT version FROM schema_migrations");
    const applied = new Set(rows.map((r) => Number(r.version)));
    const newest = Math.max(0, ...applied);
    const known = Math.max(0, ...migrations.map((m) => m.version));
    if (newest > known) {
      throw new Error(`the database schema (version ${newest}) is newer than this tlsbot knows (${known}); upgrade tlsbot`);
    }
    const done: number[] = [];
    for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
      if (applied.has(m.version)) continue;
      await tx.exec(m.sql);
      await tx.query("INSERT INTO schema_migrations (version, name) VALUES ($1, $2)", [m.version, m.name]);
      done.push(m.version);
    }
    return done;
  });
}
