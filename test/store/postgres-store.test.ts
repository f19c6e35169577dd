import { afterAll, beforeAll } from "vitest";
import { openStore } from "../../src/store/open-store.ts";
import { defineStoreContract, type StoreUnderTest } from "./store-contract.ts";
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

defineStoreContract("PostgreSQL", async (): Promise<StoreUnderTest> => {
  const store = await openStore({ dataDir: "/nonexistent-unused", databaseUrl });
  await store.exec.exec(`
    ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_truncate;
    TRUNCATE subscriptions, scans, resources_current, resource_history, retirements, audit_log, notices, retirement_history, source_cursors RESTART IDENTITY CASCADE;
    ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_truncate;`);
  return store;
}, { skip: availability.ok ? false : availability.reason });
