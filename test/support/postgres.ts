import { randomBytes } from "node:crypto";
import pg from "pg";

export type PostgresAvailability = { ok: true; url: string } | { ok: false; reason: string };

export const TEST_DATABASE_URL = process.env["TLSBOT_TEST_DATABASE_URL"] ?? "postgres://postgres@127.0.0.1:5432/postgres";

/**
 * Whether a PostgreSQL server is reachable for the tests. On a developer's machine without one the
 * PostgreSQL suites skip and say why; under CI (CI set) an unreachable server is a failure, never a skip.
 */
export async function postgresAvailability(): Promise<PostgresAvailability> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
    return { ok: true, url: TEST_DATABASE_URL };
  } catch (err) {
    const reason = `no PostgreSQL server at ${TEST_DATABASE_URL.replace(/:[^:@/]*@/, ":***@")} (${(err as Error).message}); set TLSBOT_TEST_DATABASE_URL or start one`;
    if (process.env["CI"]) throw new Error(`CI requires PostgreSQL: ${reason}`);
    console.warn(`skipping PostgreSQL tests: ${reason}`);
    return { ok: false, reason };
  } finally {
    await client.end().catch(() => {});
  }
}

export interface ScratchDatabase {
  readonly url: string;
  drop(): Promise<void>;
}

/** A database of its own on the test server, so suites running side by side never see each other's rows. */
export async function createScratchDatabase(serverUrl: string, prefix = "tlsbot_test"): Promise<ScratchDatabase> {
  const name = `${prefix}_${randomBytes(6).toString("hex")}`;
  const admin = async (sql: string) => {
    const c = new pg.Client({ connectionString: serverUrl });
    await c.connect();
    try {
      await c.query(sql);
    } finally {
      await c.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  const u = new URL(serverUrl);
  u.pathname = `/${name}`;
  return { url: u.toString(), drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}
