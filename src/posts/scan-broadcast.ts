import type { InventoryIndex } from "../conversation/inventory-index.ts";
import { differencesView, scanDifferences } from "../conversation/scan-differences.ts";
import type { View } from "../render/view-model.ts";
import type { ConversationRecord, ResourceChange } from "../store/store.ts";
import { affectedScope } from "./affected-scope.ts";
import { inScopes } from "./poster.ts";

/**
 * What one scan changed, for one conversation: resources that newly need action (new, or changed to
 * accept TLS 1.0/1.1) and resources fixed (from needing action to compliant), within its scopes. Built
 * from the stored history, so a scan run by the CLI or another replica is posted the same way; nothing to
 * say → no post. `idx`, the inventory as of now, counts the list the post offers for the new resources it leaves out.
 */
export function scanBroadcast(changes: readonly ResourceChange[], subscriptionNames: ReadonlyMap<string, string>, now: Date, idx: InventoryIndex): (c: ConversationRecord) => View | null {
  const d = scanDifferences(changes);
  return (c) => {
    const view = differencesView(d, (f) => inScopes(c.scopes, f), subscriptionNames, now, idx, (added) => affectedScope(c.scopes, added));
    return view.addedTotal === 0 && view.fixedTotal === 0 ? null : view;
  };
}
