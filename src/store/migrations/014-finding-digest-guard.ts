import type { Migration } from "./migration.ts";

export const findingDigestGuard: Migration = {
  version: 14,
  name: "a finding changed without its digest loses the digest (a replica from before 13 writes findings only)",
  sql: `
-- During a rolling update a replica from before migration 13 still upserts findings without touching
-- finding_digest; the stale digest would then make the next scan skip a row that did change. Clearing it
-- sends that row back to the whole comparison, which stores a fresh digest.
CREATE FUNCTION tlsbot_clear_stale_finding_digest() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.finding_digest := NULL;
  RETURN NEW;
END;
$$;
CREATE TRIGGER resources_current_stale_digest
  BEFORE UPDATE ON resources_current
  FOR EACH ROW
  WHEN (NEW.finding IS DISTINCT FROM OLD.finding AND NEW.finding_digest IS NOT DISTINCT FROM OLD.finding_digest)
  EXECUTE FUNCTION tlsbot_clear_stale_finding_digest();
`,
};
