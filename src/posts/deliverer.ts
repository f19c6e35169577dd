import type { AdaptiveCard } from "../render/adaptive/render-adaptive-card.ts";
import type { Block } from "../render/slack/render-block-kit.ts";
import type { ConversationRecord } from "../store/store.ts";

export interface RenderedPost {
  readonly card: AdaptiveCard;
  readonly slack: { readonly text: string; readonly blocks: Block[] };
  readonly text: string;
}

/** A platform that can post into a stored conversation. One implementation per channel folder. */
export interface Deliverer {
  readonly platform: ConversationRecord["platform"];
  /** Minimum spacing between posts to one conversation (Teams ~7/s, Slack ~1/s per channel). */
  readonly minIntervalMs: number;
  send(conversation: ConversationRecord, post: RenderedPost): Promise<{ activityId: string | null }>;
  /** Replaces a message posted earlier (`ref` as the platform gave it: a Teams activity id, a Slack ts). */
  update(conversation: ConversationRecord, ref: string, post: RenderedPost): Promise<void>;
}

/** A platform said "slow down": wait this long, then try again. */
export class RetryAfterError extends Error {
  constructor(readonly retryAfterMs: number, message: string) {
    super(message);
  }
}

/**
 * The platform says the bot can no longer post there (removed from the team, channel deleted, archived,
 * bot not a member): retrying cannot help, so the conversation is unsubscribed instead. `reason` is the
 * platform's own code (BotNotInConversationRoster, channel_not_found, …) for the audit.
 */
export class ConversationGoneError extends Error {
  constructor(readonly reason: string, message: string) {
    super(message);
  }
}
