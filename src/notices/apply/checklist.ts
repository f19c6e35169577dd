import { effectiveRetirements } from "../../catalog/effective-retirements.ts";
import { RETIREMENTS } from "../../catalog/lookup.ts";
import { TlsbotError } from "../../domain/errors.ts";
import type { RetirementRecord, Store } from "../../store/store.ts";
import type { ChecklistItem } from "./plan-retirement.ts";

/**
 * A retirement's checklist as stored, in the catalog's order, with catalog items added since it was
 * stored (open): a record written by an older version still gets its newer steps.
 */
export function checklistOf(r: RetirementRecord): readonly ChecklistItem[] {
  const stored = (r.data["checklist"] as ChecklistItem[] | undefined) ?? [];
  const catalog = RETIREMENTS.find((c) => c.id === r.id)?.checklist ?? [];
  const byKey = new Map(stored.map((i) => [i.key, i]));
  const fromCatalog = catalog.map((key): ChecklistItem => byKey.get(key) ?? { key, done: false, doneBy: null, doneAt: null });
  return [...fromCatalog, ...stored.filter((i) => !catalog.includes(i.key))];
}

/** The items still open: what reminders and the retirement card list. */
export function openItems(r: RetirementRecord): string[] {
  return checklistOf(r).filter((i) => !i.done).map((i) => i.key);
}

/** Pure: the retirement with one machine-side step marked done (or undone). */
export function withChecklistItem(r: RetirementRecord, key: string, done: boolean, by: string, at: string): RetirementRecord {
  const items = checklistOf(r);
  if (!items.some((i) => i.key === key)) throw new TlsbotError("checklistItemUnknown", { retirement: r.id, item: key });
  return {
    ...r,
    data: { ...r.data, checklist: items.map((i) => (i.key === key ? { key, done, doneBy: done ? by : null, doneAt: done ? at : null } : i)) },
    updatedAt: at,
  };
}

/**
 * Marks a checklist step for a retirement with nothing to scan (MARS agents, Entra Connect agents):
 * stored, recorded in the retirement's history and audited, in one transaction with the retirement's row
 * locked; a step already in that state is left as it is. A catalog retirement no notice has stored yet is
 * stored now, from the catalog.
 */
export async function markChecklistItem(store: Store, retirementId: string, key: string, done: boolean, by: string, at: string): Promise<RetirementRecord> {
  return store.transaction(async (tx) => {
    // Locked: two operators ticking different items at once each keep their tick (on PostgreSQL too).
    const fromCatalog = effectiveRetirements([]).find((r) => r.id === retirementId);
    const before = await tx.lockRetirement(retirementId, fromCatalog ? { ...fromCatalog, updatedAt: at } : null);
    if (!before) throw new TlsbotError("retirementUnknown", { retirement: retirementId });
    const after = withChecklistItem(before, key, done, by, at);
    // Two people ticking the same step at once: the second finds it done and changes (and audits) nothing.
    if (checklistOf(before).find((i) => i.key === key)?.done === done) return before;
    await tx.upsertRetirement(after);
    await tx.appendRetirementChange({ retirementId, at, noticeId: null, change: "checklist", before, after });
    await tx.appendAudit({ at, actor: by, action: done ? "checklist.done" : "checklist.undone", target: `retirement:${retirementId}`, detail: { item: key } });
    return after;
  });
}
