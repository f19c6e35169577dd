import type { Migration } from "./migration.ts";

export const scanHistoryIndex: Migration = {
  version: 5,
  name: "resource history by scan (what a scan changed, for channel posts)",
  sql: `CREATE INDEX resource_history_scan_idx ON resource_history (scan_id, id);`,
};
