import { daysUntil } from "../domain/finding-status.ts";
import { checklistOf } from "../notices/apply/checklist.ts";
import type { View } from "../render/view-model.ts";
import type { RetirementRecord } from "../store/store.ts";

/** An agent retirement's checklist as a card: every item, the open ones with a button to tick them. */
export function checklistView(r: RetirementRecord, now: Date, ticked: string | null): View {
  return { type: "checklist", retirementId: r.id, deadline: r.deadline, daysLeft: daysUntil(r.deadline, now), items: checklistOf(r).map((i) => ({ ...i })), ticked };
}
