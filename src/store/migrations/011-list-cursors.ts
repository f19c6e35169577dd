import type { Migration } from "./migration.ts";

export const listCursors: Migration = {
  version: 11,
  name: "list cursors (typed \"more\" continues a list on whichever replica answers)",
  sql: `
-- The last list shown in a conversation and where it stood, so "more" can be answered by any replica.
-- UNLOGGED: written on every list answer, and worth nothing after a crash (the user asks again), so it
-- skips the write-ahead log and its flush; PostgreSQL empties it after a crash and a standby lacks it.
CREATE UNLOGGED TABLE list_cursors (
  conversation_key text PRIMARY KEY,
  filter jsonb NOT NULL,
  "offset" integer NOT NULL CHECK ("offset" >= 0),
  updated_at timestamptz NOT NULL
);
CREATE INDEX list_cursors_updated_at ON list_cursors (updated_at);
`,
};
