import { KIND_DEFINITIONS } from "../azure/kinds/registry.ts";
import { effectiveRetirements } from "../catalog/effective-retirements.ts";
import { RETIREMENTS } from "../catalog/lookup.ts";
import { daysUntil } from "../domain/finding-status.ts";
import { checklistOf } from "../notices/apply/checklist.ts";
import { evidenceOf } from "../notices/apply/retirement-evidence.ts";
import type { RetirementSummary, View } from "../render/view-model.ts";
import type { RetirementRecord } from "../store/store.ts";
import { summariseEvidence } from "./evidence-summary.ts";
import { governedElsewhere } from "./governed-elsewhere.ts";
import type { InventoryRow } from "./inventory-index.ts";

const lower = (types: readonly string[]) => new Set(types.map((t) => t.toLowerCase()));
const SCANNED_TYPES = lower(KIND_DEFINITIONS.flatMap((d) => d.armTypes));
const CATALOG_IDS = new Set(RETIREMENTS.map((r) => r.id));

/**
 * The retirements a question names by kind: a kind the catalog gives none may have ones trusted notices created for
 * its types (tracking-<id>), which are then its answer; only a kind with neither is said to have no retirement.
 */
function namedByKind(stored: readonly RetirementRecord[], kinds: readonly string[]): { ids: string[]; without: string[] } {
  const ids: string[] = [];
  const without: string[] = [];
  for (const kind of kinds) {
    const types = lower(KIND_DEFINITIONS.find((d) => d.id === kind)?.armTypes ?? []);
    const noticed = stored.filter((r) => !CATALOG_IDS.has(r.id) && r.resourceTypes.some((t) => types.has(t.toLowerCase())));
    if (noticed.length) ids.push(...noticed.map((r) => r.id));
    else without.push(kind);
  }
  return { ids, without };
}

/** Every retirement, or those a question named (`only`), with the named kinds that have none (`kindsWithout`). */
export function retirementsView(rows: readonly InventoryRow[], stored: readonly RetirementRecord[], now: Date, only?: readonly string[], kindsWithout: readonly string[] = []): Extract<View, { type: "retirements" }> {
  const byKind = namedByKind(stored, kindsWithout);
  const named = only ? [...only, ...byKind.ids] : undefined;
  const open = rows.filter((x) => x.status !== "compliant");
  const items: RetirementSummary[] = effectiveRetirements(stored).filter((r) => !named || named.includes(r.id)).map((r) => {
    const types = lower(r.resourceTypes);
    return {
      id: r.id, deadline: r.deadline, daysLeft: daysUntil(r.deadline, now), source: r.source, resourceTypes: r.resourceTypes,
      // The retirement each resource has today (a notice since the scan may have changed it), as reminders count them.
      affected: open.filter((x) => x.retirementId === r.id).length,
      governedElsewhere: governedElsewhere(open.filter((x) => types.has(x.finding.type.toLowerCase())), r.id),
      // A notice-created retirement has no kind naming it, but its types may well be scanned (PostgreSQL's).
      scanned: KIND_DEFINITIONS.some((d) => d.retirementId === r.id) || r.resourceTypes.some((t) => SCANNED_TYPES.has(t.toLowerCase())),
      trackingIds: (r.data["trackingIds"] as string[] | undefined) ?? [],
      checklist: checklistOf(r).map((c) => ({ key: c.key, done: c.done })),
      evidence: summariseEvidence(evidenceOf(r)),
    };
  });
  // Soonest first, but what has already passed goes after what is still ahead.
  items.sort((a, b) => Number(a.daysLeft < 0) - Number(b.daysLeft < 0) || (a.daysLeft < 0 ? b.deadline.localeCompare(a.deadline) : a.deadline.localeCompare(b.deadline)));
  return { type: "retirements", items, ...(byKind.without.length ? { kindsWithout: byKind.without } : {}) };
}
