import type { GovernedElsewhere } from "../render/view-model.ts";
import type { InventoryRow } from "./inventory-index.ts";

/**
 * Of the rows of a retirement's types, those another retirement governs (an earlier notice's, the catalog's), counted
 * per governing retirement, the earliest deadline first: they keep that deadline, so they are said to be counted there
 * rather than listed or counted under this one.
 */
export function governedElsewhere(rows: readonly InventoryRow[], retirementId: string): GovernedElsewhere[] {
  const by = new Map<string, { retirementId: string; deadline: string; count: number }>();
  for (const r of rows) {
    if (r.retirementId === null || r.retirementId === retirementId || r.deadline === null) continue;
    const seen = by.get(r.retirementId);
    if (seen) seen.count++;
    else by.set(r.retirementId, { retirementId: r.retirementId, deadline: r.deadline, count: 1 });
  }
  return [...by.values()].sort((a, b) => a.deadline.localeCompare(b.deadline) || a.retirementId.localeCompare(b.retirementId));
}
