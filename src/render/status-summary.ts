import type { TFunction } from "i18next";
import type { FindingStatus } from "../domain/resource.ts";

/** Most urgent first, as every summary lists them. */
const STATUS_ORDER: readonly FindingStatus[] = ["overdue", "at-risk", "unknown", "compliant"];

/** "27 overdue, 4 at risk, 3 unknown, 25 compliant" / 「期限超過 27 件、…」; `nonZero` leaves out the statuses with none. */
export function statusCounts(counts: Readonly<Record<FindingStatus, number>>, t: TFunction, nonZero = false): string {
  return STATUS_ORDER.filter((s) => !nonZero || counts[s] > 0).map((s) => t(`scan:summaryCount.${s}`, { count: counts[s] })).join(t("scan:listSeparator"));
}

/**
 * "59 resources in 3 subscriptions: 27 overdue, …" — the demo's closing line and the chat's overview; one subscription's
 * overview counts its resource groups ("30 resources in 4 resource groups: …").
 */
export function statusSummaryLine(counts: Readonly<Record<FindingStatus, number>>, groups: number, t: TFunction, unit: "subscriptionCount" | "resourceGroupCount" = "subscriptionCount"): string {
  const total = STATUS_ORDER.reduce((n, s) => n + counts[s], 0);
  return t("scan:summary", { resources: t("scan:resourceCount", { count: total }), subscriptions: t(`scan:${unit}`, { count: groups }), counts: statusCounts(counts, t) });
}
