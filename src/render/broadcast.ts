import { renderAdaptiveCard, renderBilingualCard, type AdaptiveCard } from "./adaptive/render-adaptive-card.ts";
import type { Lang } from "./i18n.ts";
import { present } from "./present.ts";
import { renderBlockKit, type Block } from "./slack/render-block-kit.ts";
import { renderText } from "./text/render-text.ts";
import type { View } from "./view-model.ts";

/** What a channel reads: one language, or both in one post (the default). */
export type ChannelLanguages = "ja" | "en" | "ja+en";

export function languagesOf(setting: ChannelLanguages): Lang[] {
  return setting === "ja+en" ? ["ja", "en"] : [setting];
}

/** A post to a channel, ready for each platform: Teams card, Slack blocks, and the plain-text fallback. */
export function renderBroadcast(view: View, setting: ChannelLanguages = "ja+en"): { card: AdaptiveCard; slack: { text: string; blocks: Block[] }; text: string } {
  const parts = languagesOf(setting).map((lang) => present(view, lang));
  return {
    card: parts.length === 1 ? renderAdaptiveCard(parts[0]!) : renderBilingualCard(parts),
    slack: renderBlockKit(parts),
    text: parts.map(renderText).join("\n\n"),
  };
}
