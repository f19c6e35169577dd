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
  /** Reminders snoozed until an instant (ISO): per retirement id, or "*" for all of them. */
  readonly snoozes?: Readonly<Record<string, string>>;
  readonly updatedAt: string;
}

/** Whether reminders of `retirementId` to this conversation are snoozed at `now`. */
export function isSnoozed(c: Pick<ConversationRecord, "snoozes">, retirementId: string, now: Date): boolean {
  const s = c.snoozes ?? {};
  return [s["*"], s[retirementId]].some((until) => until !== undefined && Date.parse(until) > now.getTime());
}
