import { CardFactory, type CloudAdapter, type ConversationReference, type TurnContext } from "botbuilder";
import { isLoopbackUrl } from "../../domain/loopback.ts";
import type { ConversationRecord } from "../../domain/conversation.ts";
import { ConversationGoneError, RetryAfterError, type Deliverer, type RenderedPost } from "../../posts/deliverer.ts";
import { TEAMS_MIN_INTERVAL_MS } from "./lazy-teams.ts";
import { isAllowedTenant } from "./allowed-tenants.ts";

/** The Bot Connector's error code ({"error": {"code": …}}), however the connector client surfaced it. */
function errorCode(err: unknown): string | null {
  const e = err as { code?: unknown; body?: unknown; response?: { parsedBody?: unknown; bodyAsText?: unknown } };
  for (const body of [e.body, e.response?.parsedBody, typeof e.response?.bodyAsText === "string" ? safeJson(e.response.bodyAsText) : null]) {
    const code = (body as { error?: { code?: unknown } } | null)?.error?.code;
    if (typeof code === "string") return code;
  }
  return typeof e.code === "string" && !/^\d+$/.test(e.code) ? e.code : null;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/**
 * Runs `logic` in the stored conversation and rethrows what it threw. Left to the adapter, a failure
 * would go to `onTurnError`, which answers a user's turn with "try again" — posted into the very
 * conversation that refused the post — and the caller would never learn of a 429 or a 403.
 */
async function continueWith(adapter: CloudAdapter, appId: string | undefined, conversation: ConversationRecord, logic: (ctx: TurnContext) => Promise<void>): Promise<void> {
  let failure: { err: unknown } | null = null;
  await adapter.continueConversationAsync(appId ?? "", conversation.reference as unknown as Partial<ConversationReference>, async (ctx) => {
    try {
      await logic(ctx);
    } catch (err) {
      failure = { err };
    }
  });
  if (failure) throw (failure as { err: unknown }).err;
}

export interface TeamsDelivererOptions {
  readonly platform?: "teams" | "web";
  readonly local?: boolean;
  /** With Bot Framework authentication: the tenants whose conversations may be posted to (allowed-tenants.ts). */
  readonly allowedTenants?: readonly string[];
}

/** Proactive posts to Teams (and the web chat): the stored reference, continued by the adapter. */
export function teamsDeliverer(adapter: CloudAdapter, appId: string | undefined, opts: TeamsDelivererOptions = {}): Deliverer {
  const platform = opts.platform ?? "teams";
  const refuseForeign = (conversation: ConversationRecord) => {
    // In local mode nothing authenticates the connector: a stored reference (older data, a hand-edited
    // row) pointing off this machine would hand the post to whoever is there.
    const serviceUrl = (conversation.reference as { serviceUrl?: unknown }).serviceUrl;
    if (opts.local && (typeof serviceUrl !== "string" || !isLoopbackUrl(serviceUrl))) throw new Error(`not posting to ${conversation.key}: local mode posts only to a connector on a loopback host`);
    // A conversation stored before its tenant was refused (an older version answered every tenant) must not
    // keep receiving notices and reminders: it is unsubscribed, and the audit says why.
    const refTenant = ((conversation.reference as { conversation?: { tenantId?: unknown } }).conversation?.tenantId);
    if (opts.allowedTenants && !isAllowedTenant(opts.allowedTenants, [conversation.tenant, typeof refTenant === "string" ? refTenant : null])) {
      throw new ConversationGoneError("TenantNotAllowed", `not posting to ${conversation.key}: its tenant is not allowed (TLSBOT_TEAMS_TENANTS, MicrosoftAppTenantId)`);
    }
  };
  return {
    platform,
    minIntervalMs: TEAMS_MIN_INTERVAL_MS,
    async send(conversation: ConversationRecord, post: RenderedPost) {
      refuseForeign(conversation);
      let activityId: string | null = null;
      try {
        await continueWith(adapter, appId, conversation, async (ctx) => {
          const sent = await ctx.sendActivity({ type: "message", attachments: [CardFactory.adaptiveCard(post.card)], summary: post.text.split("\n", 1)[0] ?? "" });
          activityId = sent?.id ?? null;
        });
      } catch (err) {
        const e = err as { statusCode?: number; response?: { headers?: { get?: (name: string) => string | undefined } } };
        // 403: the bot was removed (BotNotInConversationRoster) or may not post there; 404: the conversation is gone.
        const code = errorCode(err);
        if (e.statusCode === 403 || (e.statusCode === 404 && code === "ConversationNotFound")) {
          throw new ConversationGoneError(code ?? `HTTP ${e.statusCode}`, `Teams answered ${e.statusCode} posting to ${conversation.key}`);
        }
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
      await continueWith(adapter, appId, conversation, async (ctx) => {
        await ctx.updateActivity({ type: "message", id: ref, conversation: ctx.activity.conversation, attachments: [CardFactory.adaptiveCard(post.card)], summary: post.text.split("\n", 1)[0] ?? "" });
      });
    },
  };
}
