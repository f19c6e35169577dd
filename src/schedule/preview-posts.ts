import type { ApprovalStore } from "../approvals/approval-store.ts";
import { inScopes } from "../posts/poster.ts";
import type { DigestView } from "../render/view-model.ts";
import type { ChannelLangs, Store } from "../store/store.ts";
import { dueDigests } from "./post-digest.ts";
import { dueAllDone, dueReminders, dueRetries, owedDeadlineDay, remindedUnderOldKey, reminderFor, reminderKey, snapshot } from "./post-reminders.ts";
import { slotToday } from "./start-schedules.ts";

/** "due": a run now would post it; "sent": it was posted already; "snoozed": held back until the snooze ends. */
export type PreviewStatus = "due" | "sent" | "snoozed";

export interface ConversationPreview {
  readonly key: string;
  readonly platform: string;
  readonly langs: ChannelLangs;
  readonly scopes: readonly string[];
  readonly reminders: ReadonlyArray<{
    readonly key: string; readonly retirementId: string; readonly deadline: string; readonly daysLeft: number;
    readonly milestone: number; readonly afterDays: number | null; readonly affected: readonly string[]; readonly openItems: readonly string[] | null; readonly status: PreviewStatus;
  }>;
  /** The one-time "all done" posts for retirements past their deadline with nothing left in this conversation's scope. */
  readonly allDone: ReadonlyArray<{ readonly key: string; readonly retirementId: string; readonly deadline: string; readonly status: Exclude<PreviewStatus, "snoozed"> }>;
  /** Null when the digest schedule has no slot today up to now, or nothing would be said. */
  readonly digest: { readonly key: string; readonly slot: string; readonly status: PreviewStatus; readonly view: DigestView } | null;
}

export interface PreviewOptions {
  readonly afterEveryDays: number;
  /** The digest's cron expression (or "off") and the schedules' zone. */
  readonly digestCron: string;
  readonly timeZone: string;
  readonly approvals?: ApprovalStore;
}

/**
 * What the reminder and digest jobs would post at `now`, per subscribed conversation — read only: no
 * post is claimed, no job slot taken, nothing sent, so it can run beside `serve` on the same store.
 */
export async function previewPosts(store: Store, now: Date, opts: PreviewOptions): Promise<{ digestSlot: string | null; conversations: ConversationPreview[] }> {
  const snap = await snapshot(store, now);
  const due = await dueReminders(store, now, { afterEveryDays: opts.afterEveryDays }, snap);
  const retries = await dueRetries(store, now, { afterEveryDays: opts.afterEveryDays }, snap);
  const done = await dueAllDone(store, now, snap);
  const slot = slotToday(opts.digestCron, now, opts.timeZone);
  // As the run posts it: up to its slot, however long after the slot the preview is asked for.
  const digests = slot ? await dueDigests(store, slot, { timeZone: opts.timeZone, ...(opts.approvals ? { approvals: opts.approvals } : {}) }) : [];
  const conversations = await store.listSubscribedConversations();
  // What each post has reached, read per post for all conversations (not per conversation and post).
  const owed = new Map<string, Set<string>>();
  for (const d of retries) owed.set(reminderKey(d), await owedDeadlineDay(store, conversations, d));
  const sentBefore = new Map<string, { statuses: ReadonlyMap<string, string>; oldKey: ReadonlySet<string> }>();
  for (const d of due) sentBefore.set(reminderKey(d), { statuses: await store.postStatuses(reminderKey(d)), oldKey: await remindedUnderOldKey(store, d) });
  const doneStatuses = new Map<string, ReadonlyMap<string, string>>();
  for (const d of done) doneStatuses.set(d.key, await store.postStatuses(d.key));
  const digestOf = new Map(digests.map((x) => [x.conversation.key, x]));
  const out: ConversationPreview[] = [];
  for (const c of conversations) {
    const reminders = [];
    for (const d of due) {
      const view = reminderFor(c, d, now);
      if (view === null) continue;
      const key = reminderKey(d);
      const before = sentBefore.get(key);
      const sent = before?.statuses.get(c.key) === "sent" || before?.oldKey.has(c.key) === true;
      const status: PreviewStatus = sent ? "sent" : view === "snoozed" ? "snoozed" : "due";
      const affected = d.affected.filter((r) => inScopes(c.scopes, r)).map((r) => r.id);
      reminders.push({ key, retirementId: d.retirementId, deadline: d.deadline, daysLeft: d.daysLeft, milestone: d.milestone, afterDays: d.afterDays, affected, openItems: d.openItems, status });
    }
    // The deadline day's reminder, late: only where a run owes it (as `postReminders` reads it).
    for (const d of retries) {
      const key = reminderKey(d);
      const view = reminderFor(c, d, now);
      if (view === null || !owed.get(key)?.has(c.key)) continue;
      const affected = d.affected.filter((r) => inScopes(c.scopes, r)).map((r) => r.id);
      reminders.push({ key, retirementId: d.retirementId, deadline: d.deadline, daysLeft: d.daysLeft, milestone: d.milestone, afterDays: d.afterDays, affected, openItems: d.openItems, status: view === "snoozed" ? "snoozed" as const : "due" as const });
    }
    const allDone = [];
    for (const d of done) {
      if (!d.conversationKeys.has(c.key)) continue;
      // Not held back by a snooze (news, not a reminder): due until sent.
      allDone.push({ key: d.key, retirementId: d.retirementId, deadline: d.deadline, status: doneStatuses.get(d.key)?.get(c.key) === "sent" ? "sent" as const : "due" as const });
    }
    const digest = digestOf.get(c.key);
    out.push({
      key: c.key, platform: c.platform, langs: c.langs, scopes: c.scopes, reminders, allDone,
      digest: slot && digest?.view ? { key: digest.key, slot: slot.toISOString(), status: digest.alreadySent ? "sent" : "due", view: digest.view } : null,
    });
  }
  return { digestSlot: slot?.toISOString() ?? null, conversations: out };
}
