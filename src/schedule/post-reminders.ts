import { effectiveRetirements } from "../catalog/effective-retirements.ts";
import { inScopes, type Poster } from "../posts/poster.ts";
import { inventoryRows, toRow } from "../conversation/inventory-index.ts";
import { daysUntil } from "../domain/finding-status.ts";
import type { ResourceRow } from "../render/view-model.ts";
import type { Store } from "../store/store.ts";
import { currentMilestone, MILESTONES } from "./reminder-milestones.ts";

export interface DueReminder {
  readonly retirementId: string;
  readonly deadline: string;
  readonly daysLeft: number;
  readonly milestone: number;
  /** Resources still accepting TLS 1.0/1.1 for this retirement, tenant-wide. */
  readonly affected: readonly ResourceRow[];
}

/** What reminders are due now (pure reading; nothing is sent). */
export async function dueReminders(store: Store, now: Date, milestones: readonly number[] = MILESTONES): Promise<DueReminder[]> {
  const [stored, findings, subscriptions] = await Promise.all([store.listRetirements(), store.currentResources(), store.listSubscriptions()]);
  const atRisk = inventoryRows(findings, subscriptions, stored, now).filter((r) => r.status === "at-risk");
  const out: DueReminder[] = [];
  for (const r of effectiveRetirements(stored)) {
    const daysLeft = daysUntil(r.deadline, now);
    const milestone = currentMilestone(daysLeft, milestones);
    if (milestone === null) continue;
    const types = new Set(r.resourceTypes.map((t) => t.toLowerCase()));
    const affected = atRisk.filter((row) => types.has(row.finding.type.toLowerCase())).map(toRow);
    if (affected.length) out.push({ retirementId: r.id, deadline: r.deadline, daysLeft, milestone, affected });
  }
  return out;
}

/**
 * Reminds every subscribed conversation of the retirements that reached a milestone and still affect
 * resources in its scopes. Keyed by (retirement, milestone): each reminder once per conversation.
 */
export async function postReminders(store: Store, poster: Poster, now: Date): Promise<number> {
  let sent = 0;
  for (const due of await dueReminders(store, now)) {
    const result = await poster.post(`reminder:${due.retirementId}:${due.milestone}`, (c) => {
      const mine = due.affected.filter((r) => inScopes(c.scopes, r));
      return mine.length ? { type: "reminder", retirementId: due.retirementId, deadline: due.deadline, daysLeft: due.daysLeft, affected: mine.slice(0, 20), affectedTotal: mine.length } : null;
    });
    sent += result.sent;
  }
  return sent;
}
