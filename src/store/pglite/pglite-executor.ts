import { PGlite, type Transaction } from "@electric-sql/pglite";
import type { SqlExecutor } from "../sql-executor.ts";

function txExecutor(tx: Transaction): SqlExecutor {
  return {
    query: async <T>(sql: string, params: readonly unknown[] = []) => ({ rows: (await tx.query<T>(sql, [...params])).rows }),
    exec: async (sql) => void (await tx.exec(sql)),
    // PGlite has no nested transactions; the outer one already covers the work.
    transaction: (fn) => fn(txExecutor(tx)),
    close: async () => {},
  };
}

/** PGlite (PostgreSQL in WASM) persisted in `dir`. One process per directory: the caller holds the lock file. */
export async function openPgliteExecutor(dir: string): Promise<SqlExecutor> {
  const db = await PGlite.create(dir);
  return {
    query: async <T>(sql: string, params: readonly unknown[] = []) => ({ rows: (await db.query<T>(sql, [...params])).rows }),
    exec: async (sql) => void (await db.exec(sql)),
    transaction: (fn) => db.transaction((tx) => fn(txExecutor(tx))),
    close: () => db.close(),
  };
}
