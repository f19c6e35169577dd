import { execFileSync } from "node:child_process";
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";

const BIN = process.env["TLSBOT_PG_BIN"] ?? "/usr/lib/postgresql/15/bin";

/** A free loopback port, as the kernel hands one out. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

export interface ThrowawayPostgres {
  readonly port: number;
  /** A new, empty database on the cluster; its connection string. */
  database(name: string): Promise<string>;
  /** `pg_ctl restart -m fast`: every connection is cut, the server is back when this returns. */
  restart(): Promise<void>;
  stop(): void;
}

/**
 * A PostgreSQL cluster of its own (initdb in a temp directory, a spare loopback port, trust auth), so the
 * campaign can restart it without touching the machine's server. initdb refuses root: run as `postgres`.
 */
export async function startThrowawayPostgres(): Promise<ThrowawayPostgres> {
  const dir = mkdtempSync(join(tmpdir(), "tlsbot-chaos-pg-"));
  chmodSync(dir, 0o777);
  const data = join(dir, "data");
  const port = await freePort();
  const asPostgres = (cmd: string, args: string[]) => {
    const root = process.getuid?.() === 0;
    execFileSync(root ? "runuser" : join(BIN, cmd), root ? ["-u", "postgres", "--", join(BIN, cmd), ...args] : args, { stdio: "pipe" });
  };
  asPostgres("initdb", ["-D", data, "-A", "trust", "-U", "postgres", "--no-sync"]);
  const opts = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`;
  asPostgres("pg_ctl", ["-D", data, "-o", opts, "-l", join(dir, "log"), "-w", "start"]);
  const admin = `postgres://postgres@127.0.0.1:${port}/postgres`;
  return {
    port,
    async database(name) {
      const c = new pg.Client({ connectionString: admin });
      await c.connect();
      await c.query(`CREATE DATABASE ${name}`);
      await c.end();
      return `postgres://postgres@127.0.0.1:${port}/${name}`;
    },
    async restart() {
      asPostgres("pg_ctl", ["-D", data, "-o", opts, "-l", join(dir, "log"), "-m", "fast", "-w", "restart"]);
    },
    stop() {
      try {
        asPostgres("pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
