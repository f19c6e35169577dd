import { effectiveRetirements } from "../catalog/effective-retirements.ts";
import { deadlineBook } from "../catalog/deadline-book.ts";
import { inScopes, type Poster } from "../channels/proactive/poster.ts";
import { daysUntil, findingStatus } from "../domain/finding-status.ts";
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
  const stored = await store.listRetirements();
  const book = deadlineBook(stored);
  const findings = await store.currentResources();
  const subs = new Map((await store.listSubscriptions()).map((s) => [s.subscriptionId.toLowerCase(), s.displayName]));
  const out: DueReminder[] = [];
  for (const r of effectiveRetirements(stored)) {
    const daysLeft = daysUntil(r.deadline, now);
    const milestone = currentMilestone(daysLeft, milestones);
    if (milestone === null) continue;
    const types = new Set(r.resourceTypes.map((t) => t.toLowerCase()));
    const affected = findings.filter((f) => types.has(f.type.toLowerCase())).map((f): ResourceRow => {
      const deadline = book(f.type)?.deadline ?? f.deadline;
      return {
        id: f.id, name: f.name, kind: f.kind, type: f.type, subscriptionName: subs.get(f.subscriptionId.toLowerCase()) ?? f.subscriptionId, resourceGroup: f.resourceGroup,
        location: f.location, effectiveTls: f.effectiveTls, configuredTls: f.configuredTls, status: findingStatus(f.effectiveTls, deadline, now), deadline,
        daysLeft: deadline ? daysUntil(deadline, now) : null, reason: f.reason,
      };
    }).filter((row) => row.status === "at-risk");
    if (affected.length) out.push({ retirementId: r.id, deadline: r.deadline, daysLeft, milestone, affected });
  }
  return out;
}

/**
 * Reminds every subscribed conversation of the retirements that reached a milestone and still affect
 * resources in its scopes. Keyed by (retirement, milestone): each reminder once per conversation.
 */
export async function postReminders(store: Store, poster: Poster, now: Date): Promise<number> {
  const subscriptionOf = new Map((await store.currentResources()).map((f) => [f.id.toLowerCase(), f.subscriptionId]));
  let sent = 0;
  for (const due of await dueReminders(store, now)) {
    const result = await poster.post(`reminder:${due.retirementId}:${due.milestone}`, (c) => {
      const mine = due.affected.filter((r) => inScopes(c.scopes, { subscriptionId: subscriptionOf.get(r.id.toLowerCase()) ?? "", resourceGroup: r.resourceGroup }));
      return mine.length ? { type: "reminder", retirementId: due.retirementId, deadline: due.deadline, daysLeft: due.daysLeft, affected: mine.slice(0, 20), affectedTotal: mine.length } : null;
    });
    sent += result.sent;
  }
  return sent;
}
