import type { ConversationRecord, Store } from "../store/store.ts";

type Where = Omit<ConversationRecord, "langs" | "scopes">;

/**
 * Records where a conversation is, for later posts — once per change rather than a database write for
 * every message: the same reference seen again in this process is not written again (the stored one keeps
 * the id of the message that was written with it).
 */
export function conversationMemory(store: Store): (c: Where) => Promise<void> {
  const seen = new Map<string, string>();
  return async (c) => {
    // A Teams reference names the message it came from (`activityId`), new with every message: it says
    // nothing about where the conversation is, and would make every message a database write.
    const { activityId: _activityId, ...where } = c.reference as Record<string, unknown>;
    const signature = JSON.stringify([c.platform, where, c.kind, c.tenant]);
    if (seen.get(c.key) === signature) return;
    await store.upsertConversation(c);
    if (seen.size >= 10_000) seen.clear();
    seen.set(c.key, signature);
  };
}
