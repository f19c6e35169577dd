import type { Migration } from "./migration.ts";

export const leases: Migration = {
  version: 9,
  name: "leases on job slots and posts (a replica killed mid-run leaves work another one takes over)",
  sql: `
-- Set when the slot's run finished: a claimed slot without it, whose lease has expired, is run again.
ALTER TABLE job_runs ADD COLUMN completed_at timestamptz;
-- The database's own clock at claim time: leases are measured in real time even when tlsbot runs on an
-- injected (demo or test) clock.
ALTER TABLE job_runs ADD COLUMN leased_at timestamptz NOT NULL DEFAULT now();
UPDATE job_runs SET completed_at = claimed_at;
ALTER TABLE posts ADD COLUMN leased_at timestamptz NOT NULL DEFAULT now();
`,
};
