/** Where tlsbot can post: a Teams/web conversation reference or a Slack channel, with its settings. */
export type ChannelLangs = "ja" | "en" | "ja+en";

export interface ConversationRecord {
  readonly key: string;
  readonly platform: "teams" | "slack" | "web";
  readonly reference: Readonly<Record<string, unknown>>;
  /** personal | channel | groupChat | im | … */
  readonly kind: string;
  readonly tenant: string | null;
  readonly langs: ChannelLangs;
  /** Subscription ids (or resource group names) this conversation follows. */
  readonly scopes: readonly string[];
  readonly updatedAt: string;
}
