import { rmSync } from "node:fs";
import { freshDataDir } from "../support/data-dir.ts";
import { afterAll, beforeAll } from "vitest";
import { openStore } from "../../src/store/open-store.ts";
import { defineStoreContract, type StoreUnderTest } from "./store-contract.ts";

let template: string;
const dirs: string[] = [];

// Each test gets an empty database by truncating one cluster (a copy of the run's template).
beforeAll(async () => {
  template = freshDataDir("tlsbot-pglite-");
  dirs.push(template);
});
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

defineStoreContract("PGlite", async (): Promise<StoreUnderTest> => {
  const store = await openStore({ dataDir: template });
  await store.exec.exec(`
    ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_truncate;
    TRUNCATE subscriptions, scans, resources_current, resource_history, retirements, audit_log, notices, retirement_history, source_cursors RESTART IDENTITY CASCADE;
    ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_truncate;`);
  return store;
});
