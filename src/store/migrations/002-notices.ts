import type { Migration } from "./migration.ts";

export const notices: Migration = {
  version: 2,
  name: "notices (raw kept until processed), retirement history, source cursors",
  sql: `
CREATE TABLE notices (
  id bigserial PRIMARY KEY,
  -- Message-ID, Graph internetMessageId, Service Health tracking id, or a content hash: each message once.
  message_key text NOT NULL UNIQUE,
  source text NOT NULL,
  received_at timestamptz NOT NULL,
  raw bytea,
  status text NOT NULL CHECK (status IN ('pending', 'applied', 'triage', 'ignored', 'failed')),
  reason text,
  attempts integer NOT NULL DEFAULT 0,
  last_error text,
  parsed jsonb,
  retirement_ids jsonb NOT NULL DEFAULT '[]'::jsonb,
  updated_at timestamptz NOT NULL
);
CREATE INDEX notices_status_idx ON notices (status, id);

CREATE TABLE retirement_history (
  id bigserial PRIMARY KEY,
  retirement_id text NOT NULL,
  at timestamptz NOT NULL,
  notice_id bigint REFERENCES notices (id),
  change text NOT NULL,
  before jsonb,
  after jsonb
);
CREATE INDEX retirement_history_idx ON retirement_history (retirement_id, id);

CREATE TABLE source_cursors (
  source text PRIMARY KEY,
  cursor text NOT NULL,
  updated_at timestamptz NOT NULL
);
`,
};
