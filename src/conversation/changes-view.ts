import type { View } from "../render/view-model.ts";
import type { Store } from "../store/store.ts";
import type { InventoryIndex } from "./inventory-index.ts";
import { differencesView, scanDifferences } from "./scan-differences.ts";

/**
 * "what changed since the last scan": the latest completed scan against the one before it, read from the stored
 * history — no new scan. Before any scan there is nothing to compare (the engine says so before asking). A question is about the whole
 * tenant wherever it is asked, so the list offered for the rest of what newly needs action is too (`idx`: as of now).
 */
export async function changesView(store: Pick<Store, "latestCompletedScan" | "scanChanges" | "listSubscriptions">, now: Date, idx: InventoryIndex): Promise<View> {
  const scan = await store.latestCompletedScan();
  if (!scan) return { type: "error", code: "noScanYet", params: {} };
  const [changes, subscriptions] = await Promise.all([store.scanChanges(scan.id), store.listSubscriptions()]);
  const names = new Map(subscriptions.map((s) => [s.subscriptionId.toLowerCase(), s.displayName]));
  const count = (kind: string) => changes.filter((c) => c.change === kind).length;
  const view = differencesView(scanDifferences(changes), () => true, names, now, idx, () => null);
  return { ...view, since: { added: count("added"), changed: count("changed"), removed: count("removed"), at: scan.finishedAt ?? scan.startedAt } };
}
