import type { Migration } from "./migration.ts";

export const snoozes: Migration = {
  version: 8,
  name: "reminder snoozes per conversation",
  sql: `
-- { "<retirement id>" | "*": "<until, ISO instant>" }: reminders to this conversation wait until then.
ALTER TABLE conversations ADD COLUMN snoozes jsonb NOT NULL DEFAULT '{}'::jsonb;
`,
};
