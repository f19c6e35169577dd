import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openStore } from "../../src/store/open-store.ts";
import { createScratchDatabase, postgresAvailability, type ScratchDatabase } from "../support/postgres.ts";

const availability = await postgresAvailability();
let scratch: ScratchDatabase | null = null;
let databaseUrl = "";

beforeAll(async () => {
  if (!availability.ok) return;
  scratch = await createScratchDatabase(availability.url);
  databaseUrl = scratch.url;
});

afterAll(async () => scratch?.drop());

/** Well past the reaper's grace, so that only the lock decides. */
const LONG_AGO = new Date(Date.now() - 3600_000).toISOString();

describe.skipIf(!availability.ok)("scans left running by a replica that died (PostgreSQL)", () => {
  it("are marked interrupted by another replica, while a live replica's scan is left alone", async () => {
    const dying = await openStore({ dataDir: "", databaseUrl });
    const live = await openStore({ dataDir: "", databaseUrl });
    const other = await openStore({ dataDir: "", databaseUrl });
    try {
      const orphan = await dying.beginScan("arm", LONG_AGO);
      const running = await live.beginScan("graph", LONG_AGO);
      expect(await other.reapInterruptedScans()).toBe(0);

      // kill -9 of the first replica: the server ends its sessions (and with them its locks).
      const c = new pg.Client({ connectionString: databaseUrl });
      await c.connect();
      await c.query("SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND objid = $1 AND database = (SELECT oid FROM pg_database WHERE datname = current_database())", [orphan]);
      await c.end();

      expect(await other.reapInterruptedScans()).toBe(1);
      expect(await other.getScan(orphan)).toMatchObject({ status: "failed", errors: [expect.objectContaining({ code: "interrupted" })] });
      expect((await other.getScan(running))?.status).toBe("running");
      // The live scan still completes normally.
      await live.completeScan(running, [], [], { subscriptionIds: [], types: [] }, new Date().toISOString());
      expect((await other.getScan(running))?.status).toBe("completed");
      expect(await other.reapInterruptedScans()).toBe(0);
    } finally {
      await Promise.all([dying.close().catch(() => {}), live.close(), other.close()]);
    }
  });

  it("leaves a scan that has just started alone even before its lock is taken", async () => {
    const a = await openStore({ dataDir: "", databaseUrl });
    try {
      const { rows } = await a.exec.query<{ id: number }>("INSERT INTO scans (source, started_at, status) VALUES ('arm', now(), 'running') RETURNING id");
      expect(await a.reapInterruptedScans()).toBe(0);
      expect((await a.getScan(Number(rows[0]!.id)))?.status).toBe("running");
    } finally {
      await a.close();
    }
  });
});
