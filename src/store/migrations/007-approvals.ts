import type { Migration } from "./migration.ts";

export const approvals: Migration = {
  version: 7,
  name: "upgrade approvals, their single-use confirmation tokens, at most one in flight per resource",
  sql: `
CREATE TABLE approvals (
  id text PRIMARY KEY,
  resource_key text NOT NULL,
  resource_id text NOT NULL,
  resource_name text NOT NULL,
  kind text NOT NULL,
  target text NOT NULL,
  seen_tls text,
  state text NOT NULL CHECK (state IN ('requested', 'awaitingSecond', 'applying', 'succeeded', 'failed', 'cancelled', 'expired')),
  requested_by text NOT NULL,
  approved_by jsonb NOT NULL DEFAULT '[]'::jsonb,
  -- display names as the platform gave them, for cards only: decisions use the ids above
  actor_names jsonb NOT NULL DEFAULT '{}'::jsonb,
  conversation_id text NOT NULL,
  needs_second boolean NOT NULL,
  dry_run boolean NOT NULL,
  expires_at timestamptz NOT NULL,
  message jsonb,
  operation text,
  result jsonb,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
CREATE INDEX approvals_resource_idx ON approvals (resource_key, created_at);
CREATE INDEX approvals_open_idx ON approvals (state) WHERE state IN ('requested', 'awaitingSecond', 'applying');
-- The database, not the code, guarantees that one resource has at most one write in flight.
CREATE UNIQUE INDEX approvals_one_applying_per_resource ON approvals (resource_key) WHERE state = 'applying';

-- A token is shown once in a card; only its hash is kept. used_at makes it single use under any concurrency.
CREATE TABLE approval_tokens (
  token_hash text PRIMARY KEY,
  approval_id text NOT NULL REFERENCES approvals (id),
  step text NOT NULL CHECK (step IN ('confirm', 'second')),
  -- confirm: the requester; second: anyone but the requester (NULL)
  bound_actor text,
  conversation_id text NOT NULL,
  resource_key text NOT NULL,
  target text NOT NULL,
  expires_at timestamptz NOT NULL,
  used_at timestamptz,
  used_by text
);
CREATE INDEX approval_tokens_approval_idx ON approval_tokens (approval_id);

-- "audit <resource>" and \`tlsbot audit --resource\` read one resource's trail, newest first.
CREATE INDEX audit_log_target_idx ON audit_log (lower(target), seq DESC);
`,
};
