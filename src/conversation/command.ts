import type { Lang } from "../render/i18n.ts";

/** Every channel (Teams, Slack, web chat, CLI) turns what it received into one of these. */
export interface Command {
  readonly actor: { readonly platform: "teams" | "slack" | "web" | "cli"; readonly id: string; readonly name?: string };
  readonly conversationId: string;
  /** The user's locale as the platform reports it (`ja-JP`, `en-US`), used when the text has no words. */
  readonly locale?: string | null;
  readonly text?: string;
  /** A card button: `Action.Execute` verb + data, or a Slack block action. */
  readonly action?: { readonly verb: string; readonly data: Readonly<Record<string, unknown>> };
  /** Where the card the action came from lives (a Teams activity id, a Slack channel and ts): opaque here. */
  readonly replyTarget?: string | null;
}

export function langOfLocale(locale: string | null | undefined): Lang | null {
  if (!locale) return null;
  return /^ja\b/i.test(locale) ? "ja" : /^[a-z]{2}\b/i.test(locale) ? "en" : null;
}
