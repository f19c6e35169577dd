import type { Engine } from "../../src/conversation/engine.ts";
import type { Finding } from "../../src/domain/resource.ts";
import type { Store } from "../../src/store/store.ts";
import type { PostingWorld } from "./posting-world.ts";

/** The demo tenant's two subscriptions the scoped conversations follow. */
export const PROD = "11111111-1111-4111-a111-111111111111";
export const STG = "22222222-2222-4222-a222-222222222222";

export interface ScopedConversation {
  readonly key: string;
  /** What a user says there to subscribe it. */
  readonly say: string;
  /** Which resources that scope takes in. */
  readonly has: (f: Finding) => boolean;
}

/**
 * Conversations as users subscribe them to parts of the demo tenant: one subscription (a Teams channel), two
 * subscriptions, a resource group, a subscription and a resource group, and everything (Slack channels).
 */
export function scopedConversations(teamsThread: string, extra: readonly ScopedConversation[] = []): readonly ScopedConversation[] {
  return [
    { key: `teams:${teamsThread}`, say: "subscribe prod-jp-east", has: (f) => f.subscriptionId === PROD },
    { key: "slack:C0TWO", say: "prod-jp-east と stg-global を購読", has: (f) => f.subscriptionId === PROD || f.subscriptionId === STG },
    { key: "slack:C0GROUP", say: "rg-commerce-prod を購読", has: (f) => f.resourceGroup === "rg-commerce-prod" },
    { key: "slack:C0MIXED", say: "subscribe stg-global rg-commerce-prod", has: (f) => f.subscriptionId === STG || f.resourceGroup === "rg-commerce-prod" },
    ...extra,
    { key: "slack:C0ALL", say: "subscribe everything", has: () => true },
  ];
}

/** Stores each conversation and subscribes it in the user's words, through the engine; returns what each answer was. */
export async function subscribeInWords(store: Store, engine: Engine, world: PostingWorld, conversations: readonly ScopedConversation[], at: Date): Promise<unknown[]> {
  const views = [];
  for (const c of conversations) {
    const [platform, id] = [c.key.slice(0, c.key.indexOf(":")) as "teams" | "slack", c.key.slice(c.key.indexOf(":") + 1)];
    const reference = platform === "teams" ? world.teamsRef(id) : { channel: id };
    await store.upsertConversation({ key: c.key, platform, reference, kind: "channel", tenant: "t", updatedAt: at.toISOString() });
    views.push((await engine.handle({ actor: { platform, id: "u" }, conversationId: c.key, text: c.say })).view);
  }
  return views;
}
