import type { AffectedScope, ResourceRow } from "../render/view-model.ts";

/**
 * Where a conversation's share of a post's resources lies, as a question can name it (null: it follows everything).
 * A list question narrows by subscriptions or by resource groups, never by either: a resource is put under the
 * subscription when the conversation follows that, and under its resource group only otherwise, so the two questions
 * a mixed scope needs list together exactly `mine` (the second may repeat some of the first, never add to them).
 */
export function affectedScope(scopes: readonly string[], mine: ReadonlyArray<Pick<ResourceRow, "subscriptionId" | "subscriptionName" | "resourceGroup">>): AffectedScope | null {
  if (scopes.includes("*")) return null;
  const followed = new Set(scopes.map((s) => s.toLowerCase()));
  const subscriptions = new Map<string, { id: string; name: string }>();
  const groups = new Map<string, string>();
  for (const r of mine) {
    const sub = r.subscriptionId.toLowerCase();
    if (followed.has(sub)) {
      if (!subscriptions.has(sub)) subscriptions.set(sub, { id: r.subscriptionId, name: r.subscriptionName });
    } else if (!groups.has(r.resourceGroup.toLowerCase())) {
      groups.set(r.resourceGroup.toLowerCase(), r.resourceGroup);
    }
  }
  const byName = (a: string, b: string) => a.localeCompare(b, "en");
  return { subscriptions: [...subscriptions.values()].sort((a, b) => byName(a.name, b.name)), resourceGroups: [...groups.values()].sort(byName) };
}
