import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll } from "vitest";
import { openStore } from "../../src/store/open-store.ts";
import { defineStoreContract, type StoreUnderTest } from "./store-contract.ts";
import { postgresAvailability } from "../support/postgres.ts";

const availability = await postgresAvailability();
const dbName = `tlsbot_test_${randomBytes(6).toString("hex")}`;
let databaseUrl = "";

beforeAll(async () => {
  if (!availability.ok) return;
  const admin = new pg.Client({ connectionString: availability.url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${dbName}`);
  await admin.end();
  const u = new URL(availability.url);
  u.pathname = `/${dbName}`;
  databaseUrl = u.toString();
});

afterAll(async () => {
  if (!availability.ok) return;
  const admin = new pg.Client({ connectionString: availability.url });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  await admin.end();
});

defineStoreContract("PostgreSQL", async (): Promise<StoreUnderTest> => {
  const store = await openStore({ dataDir: "/nonexistent-unused", databaseUrl });
  await store.exec.exec(`
    ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_truncate;
    TRUNCATE subscriptions, scans, resources_current, resource_history, retirements, audit_log, notices, retirement_history, source_cursors RESTART IDENTITY CASCADE;
    ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_truncate;`);
  return store;
}, { skip: availability.ok ? false : availability.reason });
