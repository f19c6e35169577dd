import { statusView } from "../approvals/approval-views.ts";
import type { Approval } from "../domain/approval.ts";
import { renderBroadcast } from "../render/broadcast.ts";
import type { Store } from "../store/store.ts";
import type { Deliverer } from "./deliverer.ts";

/**
 * Keeps an approval's card current: when the operation moves (applying → done or failed), the card the
 * user confirmed on is replaced in place — Teams and the web chat by an activity update, Slack by chat.update.
 */
export function approvalCardUpdater(deps: { store: Pick<Store, "getConversation">; deliverers: readonly Deliverer[]; onError: (err: unknown) => void }) {
  return async (approval: Approval): Promise<void> => {
    const ref = approval.message?.["ref"];
    if (typeof ref !== "string" || ref === "") return;
    try {
      const conversation = await deps.store.getConversation(approval.conversationId);
      const deliverer = conversation ? deps.deliverers.find((d) => d.platform === conversation.platform) : undefined;
      if (!conversation || !deliverer) return;
      const lang = approval.message?.["lang"] === "ja" ? "ja" : "en";
      await deliverer.update(conversation, ref, renderBroadcast(statusView(approval), lang));
    } catch (err) {
      deps.onError(err);
    }
  };
}
