import type { Migration } from "./migration.ts";

export const postCoverage: Migration = {
  version: 16,
  name: "the instant a post covers up to (a digest's slot), where the conversation's next one starts",
  sql: `
-- Set when a digest is claimed: the end of its window, so the next digest starts there and not at whenever this
-- one happened to be sent (late, or by a replica that took the round over). Posts from before this migration, or
-- from a replica still on the previous version, have none; they end when they were sent, as they did then.
ALTER TABLE posts ADD COLUMN covers_until timestamptz;
`,
};
