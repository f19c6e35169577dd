import { ActivityHandler, CardFactory, type InvokeResponse, type TurnContext } from "botbuilder";
import type { Command } from "../../conversation/command.ts";
import type { Engine, Reply } from "../../conversation/engine.ts";
import { renderAdaptiveCard } from "../../render/adaptive/render-adaptive-card.ts";
import { present } from "../../render/present.ts";
import { renderText } from "../../render/text/render-text.ts";

const CARD_CONTENT_TYPE = "application/vnd.microsoft.card.adaptive";

function commandOf(ctx: TurnContext, extra: Pick<Command, "text" | "action">): Command {
  const a = ctx.activity;
  return {
    actor: { platform: a.channelId === "webchat" ? "web" : "teams", id: a.from.aadObjectId ?? a.from.id, ...(a.from.name ? { name: a.from.name } : {}) },
    conversationId: a.conversation.id,
    locale: a.locale ?? null,
    ...extra,
  };
}

export function cardOf(reply: Reply) {
  const presented = present(reply.view, reply.lang);
  return { card: renderAdaptiveCard(presented), text: renderText(presented) };
}

/**
 * Teams transport (and the local web chat, which speaks the same protocol): messages and card actions
 * in, Adaptive Cards out. Everything else is the engine's.
 */
export class TeamsBot extends ActivityHandler {
  constructor(private readonly engine: Engine) {
    super();
    this.onMessage(async (ctx, next) => {
      const value = ctx.activity.value as { verb?: unknown; payload?: unknown } | undefined;
      // Action.Submit (the fallback of Action.Execute) arrives as a message with `value` and no text.
      const action = value && typeof value.verb === "string" ? { verb: value.verb, data: (value.payload && typeof value.payload === "object" ? value.payload : {}) as Record<string, unknown> } : undefined;
      const reply = await this.engine.handle(commandOf(ctx, action ? { action } : { text: ctx.activity.text ?? "" }));
      const { card, text } = cardOf(reply);
      // `summary` is what Teams shows in notifications and the activity feed.
      await ctx.sendActivity({ type: "message", attachments: [CardFactory.adaptiveCard(card)], summary: text.split("\n", 1)[0] ?? "", locale: reply.lang === "ja" ? "ja-JP" : "en-US" });
      await next();
    });
  }

  protected override async onInvokeActivity(ctx: TurnContext): Promise<InvokeResponse> {
    if (ctx.activity.name !== "adaptiveCard/action") return super.onInvokeActivity(ctx);
    const action = (ctx.activity.value as { action?: { verb?: unknown; data?: unknown } } | undefined)?.action;
    if (!action || typeof action.verb !== "string") {
      return { status: 200, body: { statusCode: 400, type: "application/vnd.microsoft.error", value: { code: "BadRequest", message: "adaptiveCard/action without a verb" } } };
    }
    const data = (action.data && typeof action.data === "object" ? action.data : {}) as Record<string, unknown>;
    const reply = await this.engine.handle(commandOf(ctx, { action: { verb: action.verb, data } }));
    // Answering with a card replaces the one the button was on (Universal Actions).
    return { status: 200, body: { statusCode: 200, type: CARD_CONTENT_TYPE, value: cardOf(reply).card } };
  }
}
