import { effectiveRetirements } from "../catalog/effective-retirements.ts";
import { inScopes, type Poster } from "../posts/poster.ts";
import { affectedScope } from "../posts/affected-scope.ts";
import { inventoryRows, toRow } from "../conversation/inventory-index.ts";
import { daysUntil } from "../domain/finding-status.ts";
import type { ResourceRow, View } from "../render/view-model.ts";
import type { ConversationRecord, Store } from "../store/store.ts";
import { isSnoozed } from "../domain/conversation.ts";
import { openItems } from "../notices/apply/checklist.ts";
import { deadlineDayRoundRan, markDeadlineDayRound } from "./deadline-day-round.ts";
import { currentMilestone, daysPastSlot, MILESTONES } from "./reminder-milestones.ts";

export interface DueReminder {
  readonly retirementId: string;
  readonly deadline: string;
  readonly daysLeft: number;
  /** Days before the deadline (90 … 0), or after it (`afterDays`, a whole number of intervals). */
  readonly milestone: number;
  /** Set for a reminder after the deadline: how many days past it this slot is. */
  readonly afterDays: number | null;
  /** Resources still accepting TLS 1.0/1.1 for this retirement, tenant-wide. */
  readonly affected: readonly ResourceRow[];
  /** An agent retirement (nothing to scan): its open checklist items, reminded to every subscribed conversation. */
  readonly openItems: readonly string[] | null;
}

/** The retirements in force and the inventory as of `now`: read once per reminder run. */
export interface Snapshot {
  readonly retirements: ReturnType<typeof effectiveRetirements>;
  readonly rows: ReturnType<typeof inventoryRows>;
}

export async function snapshot(store: Store, now: Date): Promise<Snapshot> {
  const [stored, findings, subscriptions] = await Promise.all([store.listRetirements(), store.currentResources(), store.listSubscriptions()]);
  return { retirements: effectiveRetirements(stored), rows: inventoryRows(findings, subscriptions, stored, now) };
}

type ReminderOptions = { milestones?: readonly number[]; afterEveryDays?: number };

/** What reminders are due now (pure reading; nothing is sent). */
export async function dueReminders(store: Store, now: Date, opts: ReminderOptions = {}, snap?: Snapshot): Promise<DueReminder[]> {
  return collectDue(snap ?? (await snapshot(store, now)), now, (daysLeft) => {
    const afterDays = daysPastSlot(daysLeft, opts.afterEveryDays ?? 7);
    const milestone = afterDays !== null ? -afterDays : currentMilestone(daysLeft, opts.milestones ?? MILESTONES);
    return milestone === null ? null : { milestone, afterDays };
  });
}

/** The milestone of the deadline day (0 unless the milestones are set otherwise): the one `dueRetries` posts late. */
const lastMilestone = (opts: ReminderOptions) => Math.min(...(opts.milestones ?? MILESTONES));

/**
 * The deadline day's reminder (the last milestone) again, late: after that day no milestone is current until the first
 * after-deadline slot, so a post of it that failed, that a replica left "sending" when it died, or that no run reached
 * (the bot was down that day) was lost. It is due on each run until that slot supersedes it (pure reading;
 * `owedDeadlineDay` tells which conversations `postReminders` sends it to).
 */
export async function dueRetries(store: Store, now: Date, opts: ReminderOptions = {}, snap?: Snapshot): Promise<DueReminder[]> {
  const last = lastMilestone(opts);
  return collectDue(snap ?? (await snapshot(store, now)), now, (daysLeft) =>
    (daysLeft < 0 && daysPastSlot(daysLeft, opts.afterEveryDays ?? 7) === null ? { milestone: last, afterDays: null } : null));
}

/**
 * The conversations owed a reminder of `dueRetries` late: where its post failed, or stands "sending" (the poster claims
 * that one only once its lease is over, so a replica still sending it is not doubled), and — when no run went through
 * the deadline day's round — where it was never posted. A conversation that round passed over (out of scope, snoozed,
 * subscribed since) is not reminded late.
 */
export async function owedDeadlineDay(store: Store, conversations: readonly ConversationRecord[], due: DueReminder): Promise<Set<string>> {
  const [missed, statuses] = await Promise.all([deadlineDayRoundRan(store, due.retirementId, due.deadline).then((ran) => !ran), store.postStatuses(reminderKey(due))]);
  const remindedBefore = missed ? await remindedUnderOldKey(store, due) : new Set<string>();
  const owed = new Set<string>();
  for (const c of conversations) {
    const status = statuses.get(c.key) ?? null;
    if (status === "failed" || status === "sending" || (status === null && missed && !remindedBefore.has(c.key))) owed.add(c.key);
  }
  return owed;
}

function collectDue(snap: Snapshot, now: Date, slotOf: (daysLeft: number) => { milestone: number; afterDays: number | null } | null): DueReminder[] {
  const { retirements, rows } = snap;
  // Before the deadline: what is at risk. After it: what is overdue, and what tlsbot cannot tell (unknown).
  // (On the deadline's own day a resource already counts as overdue: the day-0 reminder must still list it.)
  const before = rows.filter((r) => r.status === "at-risk" || r.status === "overdue");
  const after = rows.filter((r) => r.status === "overdue" || r.status === "unknown");
  const out: DueReminder[] = [];
  for (const r of retirements) {
    const daysLeft = daysUntil(r.deadline, now);
    const slot = slotOf(daysLeft);
    if (slot === null) continue;
    const { milestone, afterDays } = slot;
    if (r.resourceTypes.length === 0) {
      const open = openItems(r);
      if (open.length) out.push({ retirementId: r.id, deadline: r.deadline, daysLeft, milestone, afterDays, affected: [], openItems: open });
      continue;
    }
    // Only what this retirement governs: another one for the same type (two notices, or a notice beside the catalog)
    // would list it under a date that is not its deadline. One left with nothing of its own says nothing: the
    // retirement that governs those resources reminds of them, and a snooze of it holds them back.
    const affected = (daysLeft < 0 ? after : before).filter((row) => row.retirementId === r.id).map(toRow);
    if (affected.length) out.push({ retirementId: r.id, deadline: r.deadline, daysLeft, milestone, afterDays, affected, openItems: null });
  }
  return out;
}

/** A conversation's reminder to post now: a snoozed one is skipped, not marked sent, so the current slot is posted when the snooze ends. */
function postable(c: ConversationRecord, due: DueReminder, now: Date) {
  const view = reminderFor(c, due, now);
  return view === "snoozed" ? null : view;
}

/**
 * The post key of a reminder. It carries the deadline, so a deadline a notice moves gets its own milestones
 * (and, after it, its own weeks): keyed by milestone alone, a 7-day reminder sent for the old date stood for
 * the new date's too, and a postponed retirement was never reminded again until it was overdue.
 */
export function reminderKey(due: DueReminder): string {
  return due.afterDays !== null ? `reminder:${due.retirementId}:${due.deadline}:after:${due.afterDays}` : `reminder:${due.retirementId}:${due.deadline}:${due.milestone}`;
}

/**
 * The conversations that had this milestone's reminder under the key used before deadlines were part of it
 * (`reminder:<id>:<milestone>`), sent once this deadline had reached the milestone: without this, the
 * update would post every milestone in progress a second time. One sent for an earlier deadline, before
 * this one's milestone began, does not count. Read for every conversation at once.
 */
export async function remindedUnderOldKey(store: Store, due: DueReminder): Promise<ReadonlySet<string>> {
  if (due.afterDays !== null) return new Set();
  const old = `reminder:${due.retirementId}:${due.milestone}`;
  // A prefix: `…:3` also finds `…:30`, but that one was sent earlier for the same deadline, so the newest is this one's.
  const [statuses, lastSent] = await Promise.all([store.postStatuses(old), store.lastSentPosts(old)]);
  const since = Date.parse(`${due.deadline}T00:00:00Z`) - due.milestone * 86_400_000;
  const out = new Set<string>();
  for (const [key, status] of statuses) {
    const at = lastSent.get(key);
    if (status === "sent" && at !== undefined && Date.parse(at) >= since) out.add(key);
  }
  return out;
}

/** One conversation's reminder, or why there is none: nothing of it in scope (null) or snoozed. */
export function reminderFor(c: ConversationRecord, due: DueReminder, now: Date): View | "snoozed" | null {
  if (due.openItems) {
    // Agents run on servers no subscription scope describes: every subscribed conversation hears of them.
    if (isSnoozed(c, due.retirementId, now)) return "snoozed";
    return { type: "reminder", retirementId: due.retirementId, deadline: due.deadline, daysLeft: due.daysLeft, affected: [], affectedTotal: 0, affectedKinds: [], affectedScope: null, openItems: due.openItems };
  }
  const mine = due.affected.filter((r) => inScopes(c.scopes, r));
  if (!mine.length) return null;
  if (isSnoozed(c, due.retirementId, now)) return "snoozed";
  return { type: "reminder", retirementId: due.retirementId, deadline: due.deadline, daysLeft: due.daysLeft, affected: mine.slice(0, 20), affectedTotal: mine.length,
    affectedKinds: [...new Set(mine.map((r) => r.kind))], affectedScope: affectedScope(c.scopes, mine) };
}

/**
 * Reminds every subscribed conversation of the retirements that reached a milestone — or, after the
 * deadline, another week — and still affect resources in its scopes. Each reminder once per conversation.
 */
export async function postReminders(store: Store, poster: Poster, now: Date, opts: { afterEveryDays?: number; takeover?: boolean } = {}): Promise<number> {
  let sent = 0;
  const snap = await snapshot(store, now);
  const conversations = await store.listSubscribedConversations();
  for (const due of await dueReminders(store, now, opts, snap)) {
    const remindedBefore = await remindedUnderOldKey(store, due);
    const result = await poster.post(reminderKey(due), (c) => (remindedBefore.has(c.key) ? null : postable(c, due, now)), { takeover: opts.takeover ?? false });
    sent += result.sent;
    // Only once every conversation was posted to or passed over: a round cut short owes the rest their post late.
    if (due.afterDays === null && due.milestone === lastMilestone(opts)) await markDeadlineDayRound(store, due.retirementId, due.deadline, now.toISOString());
  }
  for (const due of await dueRetries(store, now, opts, snap)) {
    // The same key: one replica claims each post, and once sent it is never sent again.
    const owed = await owedDeadlineDay(store, conversations, due);
    if (!owed.size) continue;
    const result = await poster.post(reminderKey(due), (c) => (owed.has(c.key) ? postable(c, due, now) : null), { takeover: opts.takeover ?? false });
    sent += result.sent;
  }
  return sent + (await postAllDone(store, poster, now, snap, opts));
}

/** A retirement past its deadline that some conversations can be told is done: nothing in their scope is left. */
export interface DueAllDone {
  readonly key: string;
  readonly retirementId: string;
  readonly deadline: string;
  /** Conversations reminded after the deadline with nothing of it left in scope (told once: the key may be sent already). */
  readonly conversationKeys: ReadonlySet<string>;
}

/** The "all done" posts a run at `now` would consider (pure reading; the preview lists them too). */
export async function dueAllDone(store: Store, now: Date, snap: Snapshot): Promise<DueAllDone[]> {
  const conversations = await store.listSubscribedConversations();
  const rows = snap.rows.filter((r) => r.status === "overdue" || r.status === "unknown");
  const out: DueAllDone[] = [];
  for (const r of snap.retirements) {
    // An agent retirement ends with its checklist (the card says so), not with an empty inventory.
    if (daysUntil(r.deadline, now) >= 0 || r.resourceTypes.length === 0) continue;
    // By type, not by the retirement that governs: "all done" tells a channel that nothing of these types in its scope
    // accepts 1.0/1.1 any more, which resources another retirement governs would belie.
    const types = new Set(r.resourceTypes.map((t) => t.toLowerCase()));
    const left = rows.filter((row) => types.has(row.finding.type.toLowerCase())).map(toRow);
    // Only a conversation reminded after the deadline with nothing left can be told "all done". Every past retirement
    // is looked at every day: read once per retirement, not once per conversation.
    const reminded = await store.lastSentPosts(`reminder:${r.id}:${r.deadline}:after:`);
    const done = new Set<string>();
    for (const c of conversations) {
      if (reminded.has(c.key) && !left.some((row) => inScopes(c.scopes, row))) done.add(c.key);
    }
    if (done.size) out.push({ key: allDoneKey(r.id, r.deadline), retirementId: r.id, deadline: r.deadline, conversationKeys: done });
  }
  return out;
}

export const allDoneKey = (retirementId: string, deadline: string) => `reminderDone:${retirementId}:${deadline}`;

/**
 * A channel that was reminded after a deadline hears once when nothing in its scope is left for that
 * retirement, so the reminders' silence is not mistaken for a fault. A snooze does not hold it back: it is
 * news, not a reminder.
 */
async function postAllDone(store: Store, poster: Poster, now: Date, snap: Snapshot, opts: { takeover?: boolean }): Promise<number> {
  let sent = 0;
  for (const d of await dueAllDone(store, now, snap)) {
    const view: View = { type: "reminderDone", retirementId: d.retirementId, deadline: d.deadline };
    const result = await poster.post(d.key, (c) => (d.conversationKeys.has(c.key) ? view : null), { takeover: opts.takeover ?? false });
    sent += result.sent;
  }
  return sent;
}
