import type { Migration } from "./migration.ts";

export const postsByKey: Migration = {
  version: 12,
  name: "posts by key (where a held notice's card was posted, to replace it once the notice is decided)",
  sql: `
-- The notice watcher looks up, every 30 s on every replica, the conversations a held notice's card went to
-- ('notice-held:<id>') for the notices decided lately; the primary key leads with the conversation, so without
-- this it would read every post ever made.
CREATE INDEX posts_post_key_idx ON posts (post_key);
`,
};
