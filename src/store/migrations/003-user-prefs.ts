import type { Migration } from "./migration.ts";

export const userPrefs: Migration = {
  version: 3,
  name: "user preferences (language chosen in chat)",
  sql: `
CREATE TABLE user_prefs (
  -- platform:id, e.g. teams:<aadObjectId>, slack:<userId>, web:<browser id>
  actor text PRIMARY KEY,
  lang text CHECK (lang IN ('ja', 'en')),
  updated_at timestamptz NOT NULL
);
`,
};
