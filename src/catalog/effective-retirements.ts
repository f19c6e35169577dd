import type { RetirementRecord } from "../store/store.ts";
import { RETIREMENTS } from "./lookup.ts";

/** Every catalog retirement with the deadline in force, plus retirements only notices know about. */
export function effectiveRetirements(stored: readonly RetirementRecord[]): RetirementRecord[] {
  const byId = new Map(stored.map((r) => [r.id, r]));
  const fromCatalog = RETIREMENTS.map((c): RetirementRecord => byId.get(c.id) ?? {
    id: c.id, service: c.id, resourceTypes: c.resourceTypes, deadline: c.deadline, source: "catalog",
    data: { trackingIds: c.trackingIds, ...(c.checklist.length ? { checklist: c.checklist.map((key) => ({ key, done: false, doneBy: null, doneAt: null })) } : {}) },
    updatedAt: "",
  });
  return [...fromCatalog, ...stored.filter((r) => !RETIREMENTS.some((c) => c.id === r.id))];
}
