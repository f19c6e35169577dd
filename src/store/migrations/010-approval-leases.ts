import type { Migration } from "./migration.ts";

export const approvalLeases: Migration = {
  version: 10,
  name: "a lease on an applying approval: one execution (replica) at a time sends, polls and records its write",
  sql: `
-- The execution that holds the approval's write, and until when (database clock: replicas' clocks and an
-- injected demo or test clock never decide who may write). An applying approval is taken over by another
-- execution only once its lease has expired; a row applying before this migration has none and is free.
ALTER TABLE approvals ADD COLUMN lease_owner text;
ALTER TABLE approvals ADD COLUMN lease_expires_at timestamptz;
`,
};
