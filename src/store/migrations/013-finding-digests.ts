import type { Migration } from "./migration.ts";

export const findingDigests: Migration = {
  version: 13,
  name: "a digest beside each current finding (a repeat scan compares digests, not whole findings)",
  sql: `
-- Filled by the scan that writes the row; a row from before this migration has none until the next scan has
-- compared it whole and stores it. No backfill here: the digest is of the finding as tlsbot serializes it.
ALTER TABLE resources_current ADD COLUMN finding_digest text;
`,
};
