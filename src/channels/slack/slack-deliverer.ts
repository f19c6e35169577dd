import type { App } from "@slack/bolt";
import type { ConversationRecord } from "../../domain/conversation.ts";
import { ConversationGoneError, type Deliverer, type RenderedPost } from "../../posts/deliverer.ts";
import { messageWrites } from "./message-writes.ts";

/** Slack's answers meaning the bot cannot post in that channel any more. */
const GONE = new Set(["channel_not_found", "not_in_channel", "is_archived"]);

/** Proactive posts to Slack; the Web API client itself waits out 429s as Retry-After says. */
export function slackDeliverer(app: App): Deliverer {
  return {
    platform: "slack",
    // chat.postMessage allows about one message a second per channel.
    minIntervalMs: 1000,
    async send(conversation: ConversationRecord, post: RenderedPost) {
      const channel = String(conversation.reference["channel"] ?? "");
      // Our blocks are checked against Slack's limits by the renderer; Bolt's types want its own block union.
      try {
        const res = await app.client.chat.postMessage({ channel, text: post.slack.text, blocks: post.slack.blocks as never });
        return { activityId: res.ts ?? null };
      } catch (err) {
        // A platform error (`ok: false`) is not retried by the Web API client; these three never heal by waiting.
        const code = (err as { data?: { error?: unknown } }).data?.error;
        if (typeof code === "string" && GONE.has(code)) throw new ConversationGoneError(code, `Slack: ${code} posting to ${conversation.key}`);
        throw err;
      }
    },
    async update(conversation: ConversationRecord, ref: string, post: RenderedPost) {
      const channel = String(conversation.reference["channel"] ?? "");
      messageWrites(app).touch(channel, ref);
      await app.client.chat.update({ channel, ts: ref, text: post.slack.text, blocks: post.slack.blocks as never });
    },
  };
}
