import type { Migration } from "./migration.ts";

export const conversations: Migration = {
  version: 4,
  name: "conversations (references for proactive posts), channel subscriptions, posts sent once",
  sql: `
CREATE TABLE conversations (
  -- platform:conversation id, e.g. teams:19:abc@thread.tacv2, slack:C0123
  key text PRIMARY KEY,
  platform text NOT NULL CHECK (platform IN ('teams', 'slack', 'web')),
  -- What the platform needs to post there later: a Bot Framework ConversationReference, or a Slack channel.
  reference jsonb NOT NULL,
  kind text NOT NULL,
  tenant text,
  langs text NOT NULL DEFAULT 'ja+en' CHECK (langs IN ('ja', 'en', 'ja+en')),
  -- Subscription ids or resource-group scopes this conversation follows; empty = not subscribed.
  scopes jsonb NOT NULL DEFAULT '[]'::jsonb,
  updated_at timestamptz NOT NULL
);

CREATE TABLE posts (
  conversation_key text NOT NULL REFERENCES conversations (key),
  -- What was posted (scan:12, notice:7, reminder:redis-tls10-11:30): each thing once per conversation.
  post_key text NOT NULL,
  status text NOT NULL CHECK (status IN ('sending', 'sent', 'failed')),
  activity_id text,
  attempts integer NOT NULL DEFAULT 0,
  last_error text,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (conversation_key, post_key)
);
`,
};
