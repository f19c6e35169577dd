import type { FindingStatus } from "../domain/resource.ts";
import type { OverviewCounts, UnreadSubscription, View } from "../render/view-model.ts";
import type { InventoryRow } from "./inventory-index.ts";

const zero = (): Record<FindingStatus, number> => ({ overdue: 0, "at-risk": 0, unknown: 0, compliant: 0 });

/** The most overdue (then at risk, then unknown) first — where to look first. */
function countsBy(rows: readonly InventoryRow[], group: (r: InventoryRow) => { id: string; name: string }): OverviewCounts[] {
  const groups = new Map<string, { id: string; name: string; counts: Record<FindingStatus, number> }>();
  for (const r of rows) {
    const { id, name } = group(r);
    const key = id.toLowerCase();
    const g = groups.get(key) ?? { id, name, counts: zero() };
    g.counts[r.status]++;
    groups.set(key, g);
  }
  return [...groups.values()].sort((a, b) =>
    b.counts.overdue - a.counts.overdue || b.counts["at-risk"] - a.counts["at-risk"] || b.counts.unknown - a.counts.unknown || a.name.localeCompare(b.name));
}

/**
 * "status", 「状況は？」, "which subscriptions have the most problems": the counts per status, over everything and
 * per subscription, the worst subscription first. `unreadable`: the subscriptions the latest scan could not read and why
 * (their resources are counted as an earlier scan saw them, if one did).
 * Asked about a scope ("status of prod-jp-east"), `rows` are the scope's and `scopeNames` name it; `byResourceGroup`
 * (one subscription asked about) counts its resource groups too, since its one subscription says nothing.
 */
export function overviewView(rows: readonly InventoryRow[], unreadable: readonly UnreadSubscription[], scopeNames: readonly string[] = [], byResourceGroup = false): Extract<View, { type: "overview" }> {
  const total = zero();
  for (const r of rows) total[r.status]++;
  const subscriptions = countsBy(rows, (r) => ({ id: r.finding.subscriptionId, name: r.subscriptionName }));
  const resourceGroups = byResourceGroup ? { resourceGroups: countsBy(rows, (r) => ({ id: r.finding.resourceGroup, name: r.finding.resourceGroup })) } : {};
  return { type: "overview", total: rows.length, counts: total, subscriptions, unreadable, scopeNames, ...resourceGroups };
}
