import pg from "pg";
import type { SqlExecutor } from "../sql-executor.ts";

// timestamptz and date come back as text, as PGlite's do, so both backends map rows the same way.
const TEXT_TYPES = [1082, 1114, 1184];
const types = {
  getTypeParser: (oid: number, format?: string) =>
    TEXT_TYPES.includes(oid) ? (v: string) => v : pg.types.getTypeParser(oid, format as "text"),
};

function clientExecutor(client: pg.PoolClient): SqlExecutor {
  return {
    query: async <T>(sql: string, params: readonly unknown[] = []) => ({ rows: (await client.query(sql, [...params])).rows as T[] }),
    exec: async (sql) => void (await client.query(sql)),
    transaction: (fn) => fn(clientExecutor(client)),
    close: async () => {},
  };
}

/** PostgreSQL through a pg pool; throws the driver's error when the server cannot be reached. */
export async function openPostgresExecutor(connectionString: string): Promise<SqlExecutor> {
  const pool = new pg.Pool({ connectionString, max: 5, types, connectionTimeoutMillis: 10_000 });
  // Idle clients can lose their connection (server restart); without a handler that would crash the process.
  pool.on("error", () => {});
  const probe = await pool.connect();
  probe.release();
  return {
    query: async <T>(sql: string, params: readonly unknown[] = []) => ({ rows: (await pool.query(sql, [...params])).rows as T[] }),
    exec: async (sql) => void (await pool.query(sql)),
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query("BEGIN");
        const result = await fn(clientExecutor(client));
        await client.query("COMMIT");
        return result;
      } catch (err) {
        await client.query("ROLLBACK").catch(() => {});
        throw err;
      } finally {
        client.release();
      }
    },
    async holdLock(space, key) {
      const client = await pool.connect();
      let done = false;
      // The session can end under the lock (server restart, failover): the lock is gone with it, and the
      // connection goes back broken so the pool drops it. Without a listener the error would crash the process.
      const onError = (err: Error) => {
        if (done) return;
        done = true;
        client.off("error", onError);
        client.release(err);
      };
      client.on("error", onError);
      try {
        await client.query("SELECT pg_advisory_lock($1, $2)", [space, key]);
      } catch (err) {
        onError(err as Error);
        throw err;
      }
      return {
        async release() {
          if (done) return;
          try {
            await client.query("SELECT pg_advisory_unlock($1, $2)", [space, key]);
            if (done) return;
            done = true;
            client.off("error", onError);
            client.release();
          } catch (err) {
            onError(err as Error);
          }
        },
      };
    },
    async lockFree(space, key) {
      const client = await pool.connect();
      try {
        const { rows } = await client.query<{ got: boolean }>("SELECT pg_try_advisory_lock($1, $2) AS got", [space, key]);
        if (rows[0]?.got) await client.query("SELECT pg_advisory_unlock($1, $2)", [space, key]);
        client.release();
        return rows[0]?.got === true;
      } catch (err) {
        client.release(err as Error);
        throw err;
      }
    },
    close: () => pool.end(),
  };
}
