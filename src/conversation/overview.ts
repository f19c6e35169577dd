import type { FindingStatus } from "../domain/resource.ts";
import type { OverviewCounts, UnreadSubscription, View } from "../render/view-model.ts";
import type { InventoryRow } from "./inventory-index.ts";

const zero = (): Record<FindingStatus, number> => ({ overdue: 0, "at-risk": 0, unknown: 0, compliant: 0 });

/**
 * "status", 「状況は？」, "which subscriptions have the most problems": the counts per status, over everything and
 * per subscription, the subscriptions with the most overdue (then at risk, then unknown) first — where to look first.
 * `unreadable`: the subscriptions the latest scan could not read and why (their resources are counted as an earlier scan
 * saw them, if one did).
 */
export function overviewView(rows: readonly InventoryRow[], unreadable: readonly UnreadSubscription[]): Extract<View, { type: "overview" }> {
  const total = zero();
  const bySub = new Map<string, { id: string; name: string; counts: Record<FindingStatus, number> }>();
  for (const r of rows) {
    total[r.status]++;
    const key = r.finding.subscriptionId.toLowerCase();
    const sub = bySub.get(key) ?? { id: r.finding.subscriptionId, name: r.subscriptionName, counts: zero() };
    sub.counts[r.status]++;
    bySub.set(key, sub);
  }
  const subscriptions: OverviewCounts[] = [...bySub.values()].sort((a, b) =>
    b.counts.overdue - a.counts.overdue || b.counts["at-risk"] - a.counts["at-risk"] || b.counts.unknown - a.counts.unknown || a.name.localeCompare(b.name));
  return { type: "overview", total: rows.length, counts: total, subscriptions, unreadable };
}
