import { TlsbotError } from "../../domain/errors.ts";
import type { RetirementRecord, Store } from "../../store/store.ts";
import type { ChecklistItem } from "./plan-retirement.ts";

export function checklistOf(r: RetirementRecord): readonly ChecklistItem[] {
  return (r.data["checklist"] as ChecklistItem[] | undefined) ?? [];
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
 * stored, recorded in the retirement's history and audited, in one transaction.
 */
export async function markChecklistItem(store: Store, retirementId: string, key: string, done: boolean, by: string, at: string): Promise<RetirementRecord> {
  return store.transaction(async (tx) => {
    const before = await tx.getRetirement(retirementId);
    if (!before) throw new TlsbotError("retirementUnknown", { retirement: retirementId });
    const after = withChecklistItem(before, key, done, by, at);
    await tx.upsertRetirement(after);
    await tx.appendRetirementChange({ retirementId, at, noticeId: null, change: "checklist", before, after });
    await tx.appendAudit({ at, actor: by, action: done ? "checklist.done" : "checklist.undone", target: `retirement:${retirementId}`, detail: { item: key } });
    return after;
  });
}
