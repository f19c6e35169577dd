import type { Migration } from "./migration.ts";

export const jobRuns: Migration = {
  version: 6,
  name: "scheduled job runs (each slot of each job runs once across replicas)",
  sql: `
CREATE TABLE job_runs (
  -- node-cron's key: job name and slot, e.g. scan:2026-11-26T09:00:00.000
  key text PRIMARY KEY,
  claimed_at timestamptz NOT NULL
);
`,
};
