import { ActivityHandler, CardFactory, TurnContext, type InvokeResponse } from "botbuilder";
import { langOfLocale, type Command } from "../../conversation/command.ts";
import type { Engine, Reply } from "../../conversation/engine.ts";
import { renderAdaptiveCard } from "../../render/adaptive/render-adaptive-card.ts";
import { present } from "../../render/present.ts";
import { renderText } from "../../render/text/render-text.ts";
import type { View } from "../../render/view-model.ts";
import { translator, type Lang } from "../../render/i18n.ts";
import { isAllowedTenant } from "./allowed-tenants.ts";
import type { ConversationRecord } from "../../domain/conversation.ts";

const CARD_CONTENT_TYPE = "application/vnd.microsoft.card.adaptive";
/** Action.Submit verbs whose answer replaces the card they were on; others answer with a new message. */
const IN_PLACE = new Set(["page", "confirmUpgrade", "cancelUpgrade"]);

export interface TeamsBotOptions {
  /** Records where a conversation is, so it can be posted to later (the use case owns the storage). */
  readonly remember: (c: Omit<ConversationRecord, "langs" | "scopes">) => Promise<void>;
  readonly now: () => Date;
  /**
   * Microsoft Entra tenants whose activities are answered (see allowed-tenants.ts); any other tenant's are
   * not answered and their conversations never stored. `null` only in unauthenticated local mode, where a
   * tenant id is whatever the caller wrote and so proves nothing.
   */
  readonly allowedTenants: readonly string[] | null;
  /** An activity was refused for its tenant: for the log (ids only, never a token or the text). */
  readonly onRefused?: (refusal: TenantRefusal) => void;
  readonly onError: (err: unknown) => void;
  /**
   * Local mode: the web chat's user is this machine's operator (`web:local`), whatever id the page made
   * up. With Bot Framework authentication on, nothing a web page sends is taken as an identity.
   */
  readonly localOperator?: boolean;
}

/** `teams:<conversation id>`, or `web:<id>` for the local web chat, which speaks the same protocol. */
export function conversationKey(ctx: TurnContext): string {
  return `${ctx.activity.channelId === "webchat" ? "web" : "teams"}:${ctx.activity.conversation.id}`;
}

export interface TenantRefusal {
  readonly tenants: readonly string[];
  readonly channelId: string;
  readonly activityType: string;
  readonly conversationType: string | null;
}

/** The tenant ids an activity names: Teams puts one in `conversation` and one in `channelData`. */
function tenantsOf(ctx: TurnContext): Array<string | null> {
  const a = ctx.activity;
  const named = [(a.conversation as { tenantId?: unknown }).tenantId, (a.channelData as { tenant?: { id?: unknown } } | undefined)?.tenant?.id];
  return named.map((t) => (typeof t === "string" && t.length > 0 ? t : null));
}

/**
 * Rendered cards per view object: the engine hands out the same view for the same page of the same
 * snapshot, so a page many people ask for is presented and templated once. Kept only as long as the view.
 */
const rendered = new WeakMap<View, Map<string, { card: Record<string, unknown>; text: string }>>();

export function cardOf(view: View, lang: Lang, timeZone?: string): { card: Record<string, unknown>; text: string } {
  const key = `${lang}|${timeZone ?? ""}`;
  const hit = rendered.get(view)?.get(key);
  if (hit) return hit;
  const presented = present(view, lang, timeZone ? { timeZone } : {});
  const out = { card: renderAdaptiveCard(presented), text: renderText(presented) };
  const forView = rendered.get(view) ?? new Map<string, { card: Record<string, unknown>; text: string }>();
  forView.set(key, out);
  rendered.set(view, forView);
  return out;
}

function message(view: View, lang: Lang, timeZone?: string) {
  const { card, text } = cardOf(view, lang, timeZone);
  // `summary` is what Teams shows in notifications and the activity feed.
  return { type: "message", attachments: [CardFactory.adaptiveCard(card)], summary: text.split("\n", 1)[0] ?? "", locale: lang === "ja" ? "ja-JP" : "en-US" };
}

/**
 * Teams transport (and the local web chat, which speaks the same protocol): installation, messages and
 * card actions in, Adaptive Cards out. Everything else is the engine's.
 */
export class TeamsBot extends ActivityHandler {
  constructor(private readonly engine: Engine, private readonly opts: TeamsBotOptions) {
    super();
    this.onMessage(async (ctx, next) => {
      if (!(await this.admit(ctx))) return;
      const value = ctx.activity.value as { verb?: unknown; payload?: unknown; [input: string]: unknown } | undefined;
      // Action.Submit (the fallback of Action.Execute) arrives as a message with `value` and no text; the
      // card's inputs (a dialog's acknowledgement and typed name) sit beside `verb` and `payload`.
      const action = value && typeof value.verb === "string" ? { verb: value.verb, data: submittedData(value) } : undefined;
      const reply = await this.engine.handle(this.command(ctx, action ? { action, replyTarget: ctx.activity.replyToId ?? null } : { text: ctx.activity.text ?? "" }));
      const replyTo = ctx.activity.replyToId;
      if (action && IN_PLACE.has(action.verb) && replyTo) {
        // A page or dialog button pressed on a client without Universal Actions: update that card in place,
        // as Action.Execute would (an approval's later progress lands on the same card).
        await ctx.updateActivity({ ...message(reply.view, reply.lang, reply.timeZone), id: replyTo, conversation: ctx.activity.conversation });
      } else {
        await ctx.sendActivity(message(reply.view, reply.lang, reply.timeZone));
      }
      await next();
    });
    this.onMembersAdded(async (ctx, next) => {
      // Installed in a team, a chat or a personal scope: remember where, and say hello in its language.
      if (ctx.activity.membersAdded?.some((m) => m.id === ctx.activity.recipient.id) && (await this.admit(ctx))) {
        const lang = langOfLocale(ctx.activity.locale) ?? "en";
        await ctx.sendActivity(message({ type: "help", reason: "welcome" }, lang));
      }
      await next();
    });
  }

  private command(ctx: TurnContext, extra: Pick<Command, "text" | "action" | "replyTarget">): Command {
    const a = ctx.activity;
    const web = a.channelId === "webchat";
    // Teams' aadObjectId is the user's immutable Entra id; a display name or a web page's id never is. Only
    // Teams fills it in: on any other channel of the same bot registration (Direct Line, the emulator) the
    // client writes `from` itself, so an aadObjectId there is a claim, not an identity.
    const verified = a.channelId === "msteams" ? a.from.aadObjectId : undefined;
    const id = web ? (this.opts.localOperator ? "local" : `unverified:${a.from.id}`) : verified ?? `unverified:${a.from.id}`;
    return {
      actor: { platform: web ? "web" : "teams", id, ...(a.from.name && !web ? { name: a.from.name } : {}) },
      conversationId: conversationKey(ctx),
      locale: a.locale ?? null,
      ...extra,
    };
  }

  /** Checks the tenant and records the conversation, so it can be posted to later. */
  private async admit(ctx: TurnContext): Promise<boolean> {
    const named = tenantsOf(ctx);
    const tenant = named.find((t) => t !== null) ?? null;
    if (this.opts.allowedTenants && !isAllowedTenant(this.opts.allowedTenants, named)) {
      const a = ctx.activity;
      // Ids are clipped: they come from the caller and end up in the log.
      this.opts.onRefused?.({
        tenants: named.filter((t): t is string => t !== null).map((t) => t.slice(0, 64)), channelId: String(a.channelId).slice(0, 64),
        activityType: String(a.type).slice(0, 64), conversationType: a.conversation.conversationType?.slice(0, 64) ?? null,
      });
      return false;
    }
    const ref = TurnContext.getConversationReference(ctx.activity);
    await this.opts.remember({
      key: conversationKey(ctx), platform: ctx.activity.channelId === "webchat" ? "web" : "teams", reference: ref as unknown as Record<string, unknown>,
      kind: ctx.activity.conversation.conversationType ?? "personal", tenant, updatedAt: this.opts.now().toISOString(),
    });
    return true;
  }

  protected override async onInvokeActivity(ctx: TurnContext): Promise<InvokeResponse> {
    if (ctx.activity.name !== "adaptiveCard/action") return super.onInvokeActivity(ctx);
    if (!(await this.admit(ctx))) {
      // The invoke's answer goes back in this HTTP response (nothing is posted into the foreign tenant), and
      // Teams shows its message on the card: say why, without data.
      const message = translator(langOfLocale(ctx.activity.locale) ?? "en")("chat:error.tenantNotAllowed");
      return { status: 200, body: { statusCode: 403, type: "application/vnd.microsoft.error", value: { code: "Forbidden", message } } };
    }
    const action = (ctx.activity.value as { action?: { verb?: unknown; data?: unknown } } | undefined)?.action;
    if (!action || typeof action.verb !== "string") {
      return { status: 200, body: { statusCode: 400, type: "application/vnd.microsoft.error", value: { code: "BadRequest", message: "adaptiveCard/action without a verb" } } };
    }
    const data = (action.data && typeof action.data === "object" ? action.data : {}) as Record<string, unknown>;
    // The card the button was on: updated in place later as an approval's operation moves.
    const reply: Reply = await this.engine.handle(this.command(ctx, { action: { verb: action.verb, data }, replyTarget: ctx.activity.replyToId ?? null }));
    // Answering with a card replaces the one the button was on (Universal Actions).
    return { status: 200, body: { statusCode: 200, type: CARD_CONTENT_TYPE, value: cardOf(reply.view, reply.lang, reply.timeZone).card } };
  }
}

/** An Action.Submit's value: the action's data under `payload`, the card's inputs beside it. */
function submittedData(value: Record<string, unknown>): Record<string, unknown> {
  const { verb: _verb, payload, ...inputs } = value;
  return { ...(payload && typeof payload === "object" && !Array.isArray(payload) ? payload : {}), ...inputs };
}
