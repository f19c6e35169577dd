import { CardFactory, type CloudAdapter, type ConversationReference } from "botbuilder";
import { isLoopbackUrl } from "../../domain/loopback.ts";
import type { ConversationRecord } from "../../domain/conversation.ts";
import { RetryAfterError, type Deliverer, type RenderedPost } from "../../posts/deliverer.ts";

/** Proactive posts to Teams (and the web chat): the stored reference, continued by the adapter. */
export function teamsDeliverer(adapter: CloudAdapter, appId: string | undefined, opts: { readonly platform?: "teams" | "web"; readonly local?: boolean } = {}): Deliverer {
  const platform = opts.platform ?? "teams";
  // In local mode nothing authenticates the connector: a stored reference (older data, a hand-edited
  // row) pointing off this machine would hand the post to whoever is there.
  const refuseForeign = (conversation: ConversationRecord) => {
    const serviceUrl = (conversation.reference as { serviceUrl?: unknown }).serviceUrl;
    if (opts.local && (typeof serviceUrl !== "string" || !isLoopbackUrl(serviceUrl))) throw new Error(`not posting to ${conversation.key}: local mode posts only to a connector on a loopback host`);
  };
  return {
    platform,
    // Teams allows about 7 messages a second per conversation.
    minIntervalMs: 150,
    async send(conversation: ConversationRecord, post: RenderedPost) {
      refuseForeign(conversation);
      let activityId: string | null = null;
      try {
        await adapter.continueConversationAsync(appId ?? "", conversation.reference as unknown as Partial<ConversationReference>, async (ctx) => {
          const sent = await ctx.sendActivity({ type: "message", attachments: [CardFactory.adaptiveCard(post.card)], summary: post.text.split("\n", 1)[0] ?? "" });
          activityId = sent?.id ?? null;
        });
      } catch (err) {
        const e = err as { statusCode?: number; response?: { headers?: { get?: (name: string) => string | undefined } } };
        if (e.statusCode === 429) {
          const seconds = Number(e.response?.headers?.get?.("retry-after") ?? 1);
          throw new RetryAfterError((Number.isFinite(seconds) ? seconds : 1) * 1000, `Teams throttled the post to ${conversation.key}`);
        }
        throw err;
      }
      return { activityId };
    },
    async update(conversation: ConversationRecord, ref: string, post: RenderedPost) {
      refuseForeign(conversation);
      await adapter.continueConversationAsync(appId ?? "", conversation.reference as unknown as Partial<ConversationReference>, async (ctx) => {
        await ctx.updateActivity({ type: "message", id: ref, conversation: ctx.activity.conversation, attachments: [CardFactory.adaptiveCard(post.card)], summary: post.text.split("\n", 1)[0] ?? "" });
      });
    },
  };
}
