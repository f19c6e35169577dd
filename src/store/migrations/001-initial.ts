import type { Migration } from "./migration.ts";

export const initial: Migration = {
  version: 1,
  name: "initial schema: subscriptions, scans, resources (current + history), retirements, audit log",
  sql: `
CREATE TABLE subscriptions (
  subscription_key text PRIMARY KEY,
  subscription_id text NOT NULL,
  display_name text NOT NULL,
  state text NOT NULL,
  last_seen_at timestamptz NOT NULL
);

CREATE TABLE scans (
  id bigserial PRIMARY KEY,
  source text NOT NULL CHECK (source IN ('arm', 'graph')),
  started_at timestamptz NOT NULL,
  finished_at timestamptz,
  status text NOT NULL CHECK (status IN ('running', 'completed', 'failed')),
  resource_count integer NOT NULL DEFAULT 0,
  errors jsonb NOT NULL DEFAULT '[]'::jsonb
);
CREATE INDEX scans_status_idx ON scans (status, id);

-- One row per resource as last seen; resource_key is the lower-cased ARM id (ARM ids are case-insensitive).
CREATE TABLE resources_current (
  resource_key text PRIMARY KEY,
  subscription_key text NOT NULL,
  type_key text NOT NULL,
  finding jsonb NOT NULL,
  scan_id bigint NOT NULL REFERENCES scans (id),
  updated_at timestamptz NOT NULL
);
CREATE INDEX resources_current_scope_idx ON resources_current (subscription_key, type_key);

CREATE TABLE resource_history (
  id bigserial PRIMARY KEY,
  resource_key text NOT NULL,
  scan_id bigint NOT NULL REFERENCES scans (id),
  changed_at timestamptz NOT NULL,
  change text NOT NULL CHECK (change IN ('added', 'changed', 'removed')),
  before jsonb,
  after jsonb
);
CREATE INDEX resource_history_resource_idx ON resource_history (resource_key, id);

CREATE TABLE retirements (
  id text PRIMARY KEY,
  service text NOT NULL,
  resource_types jsonb NOT NULL,
  deadline date NOT NULL,
  source text NOT NULL,
  data jsonb NOT NULL,
  updated_at timestamptz NOT NULL
);

CREATE TABLE audit_log (
  seq bigserial PRIMARY KEY,
  at timestamptz NOT NULL,
  actor text NOT NULL,
  action text NOT NULL,
  target text,
  detail jsonb NOT NULL
);

-- The audit log is evidence: the database itself refuses to change or remove an entry.
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only: % is not allowed', TG_OP;
END
$fn$;
CREATE TRIGGER audit_log_no_update_or_delete BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
`,
};
