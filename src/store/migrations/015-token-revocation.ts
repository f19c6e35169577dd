import type { Migration } from "./migration.ts";

export const tokenRevocation: Migration = {
  version: 15,
  name: "an approval token can be revoked unused (its request changed or moved on after its dialog was shown)",
  sql: `
-- Set on every unused token of an approval in the transaction that sends it back for a new confirmation or on to
-- its second approver; a revoked token is never used (its expires_at is brought forward too, which a replica still
-- on the previous version checks). Tokens from before this migration have none and stay valid.
ALTER TABLE approval_tokens ADD COLUMN revoked_at timestamptz;
`,
};
