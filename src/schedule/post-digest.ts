import type { ApprovalStore } from "../approvals/approval-store.ts";
import { effectiveRetirements } from "../catalog/effective-retirements.ts";
import { dateIn } from "../conversation/find-due-window.ts";
import { InventoryIndex, toRow, type InventoryRow } from "../conversation/inventory-index.ts";
import { wholeList } from "../conversation/whole-list.ts";
import { FINAL_STATES, type Approval } from "../domain/approval.ts";
import { daysUntil } from "../domain/finding-status.ts";
import { parseArmId, type Finding } from "../domain/resource.ts";
import { affectedScope } from "../posts/affected-scope.ts";
import { inScopes, type Poster } from "../posts/poster.ts";
import type { DigestView } from "../render/view-model.ts";
import type { ConversationRecord, ResourceChange, Store } from "../store/store.ts";

const DAY_MS = 86_400_000;
const LISTED = 10;
const needsAction = (f: Finding | null) => f !== null && (f.status === "at-risk" || f.status === "overdue");

/** The week slot a digest for `now` belongs to: the local date of the slot in the schedule's zone. */
export const digestKey = (now: Date, timeZone: string): string => `digest:${dateIn(now, timeZone)}`;

export interface DigestInputs {
  readonly timeZone: string;
  /** Upgrades done and pending; without it the digest leaves them out. */
  readonly approvals?: ApprovalStore;
  /** The round is taken over from a replica that died: posts it left "sending" are sent now. */
  readonly takeover?: boolean;
}

/** Everything a digest run reads, once for all conversations. */
interface Reading {
  /** The inventory as of the run, as a question asked then would list it. */
  readonly index: InventoryIndex;
  readonly retirements: ReturnType<typeof effectiveRetirements>;
  readonly notices: ReadonlyArray<{ readonly at: string; readonly retirementIds: readonly string[] }>;
  readonly changes: readonly ResourceChange[];
  readonly approvals: readonly Approval[];
  readonly subscriptionNames: ReadonlyMap<string, string>;
  readonly heldNotices: DigestView["heldNotices"];
}

function inScope(c: ConversationRecord, resourceId: string): boolean {
  const id = parseArmId(resourceId);
  return id !== null && inScopes(c.scopes, id);
}

/**
 * One conversation's digest for the window [`since`, `now`): notices applied, resources fixed and upgrades
 * done in it, what is still affected per retirement (earliest deadline first), upgrades still pending,
 * notices still waiting for review. Null when there is nothing at all to say.
 */
export function buildDigest(c: ConversationRecord, since: string, now: Date, r: Reading): DigestView | null {
  const inWindow = (at: string) => at >= since && at < now.toISOString();
  const noticeIds = [...new Set(r.notices.filter((n) => inWindow(n.at)).flatMap((n) => n.retirementIds))];
  const notices = noticeIds.flatMap((id) => {
    const ret = r.retirements.find((x) => x.id === id);
    return ret ? [{ retirementId: id, deadline: ret.deadline, daysLeft: daysUntil(ret.deadline, now) }] : [];
  });
  const fixedById = new Map<string, Finding>();
  for (const ch of r.changes) {
    if (!inWindow(ch.changedAt) || !ch.after || !inScopes(c.scopes, ch.after)) continue;
    if (ch.after.status === "compliant" && needsAction(ch.before)) fixedById.set(ch.after.id.toLowerCase(), ch.after);
    else fixedById.delete(ch.after.id.toLowerCase());
  }
  const fixed = [...fixedById.values()].map((f) => toRow({
    finding: f, status: "compliant", deadline: f.deadline, daysLeft: f.deadline ? daysUntil(f.deadline, now) : null,
    subscriptionName: r.subscriptionNames.get(f.subscriptionId.toLowerCase()) ?? f.subscriptionId,
  }));
  const mine = r.index.rows.filter((row) => row.status !== "compliant" && inScopes(c.scopes, row.finding));
  // Each row has one governing retirement, so the rows counted below are counted once each.
  let counted = 0;
  const affected = r.retirements.flatMap((ret) => {
    // Each resource once, under the retirement whose deadline it has (as the reminders name it).
    const rows = mine.filter((row) => row.retirementId === ret.id);
    if (rows.length === 0) return [];
    counted += rows.length;
    const count = (s: InventoryRow["status"]) => rows.filter((row) => row.status === s).length;
    return [{ retirementId: ret.id, deadline: ret.deadline, daysLeft: daysUntil(ret.deadline, now), atRisk: count("at-risk"), overdue: count("overdue"), unknown: count("unknown") }];
  }).sort((a, b) => a.deadline.localeCompare(b.deadline) || a.retirementId.localeCompare(b.retirementId));
  // The list to ask for holds what no retirement covers too (a PostgreSQL server on TLS 1.0, no deadline known): naming
  // every covered kind instead would make a question nobody types, so the digest says how many more it shows. Where
  // only those are left, it is still offered: "nothing accepts TLS 1.0/1.1 any more" would be untrue there.
  const where = mine.map((row) => ({ subscriptionId: row.finding.subscriptionId, subscriptionName: row.subscriptionName, resourceGroup: row.finding.resourceGroup }));
  const list = mine.length ? wholeList(r.index, ["at-risk", "overdue", "unknown"], [], affectedScope(c.scopes, where)) : null;
  const affectedList = list ? { ...list, uncovered: list.total - counted } : null;
  const myApprovals = r.approvals.filter((a) => inScope(c, a.resourceId));
  const done = myApprovals.filter((a) => a.state === "succeeded" && !a.dryRun && inWindow(a.updatedAt));
  const pending = myApprovals.filter((a) => !FINAL_STATES.includes(a.state));
  const item = (a: Approval) => ({ resourceName: a.resourceName, state: a.state });
  if (!notices.length && !fixed.length && !affected.length && !done.length && !pending.length && !r.heldNotices.count) return null;
  return {
    type: "digest", since, until: now.toISOString(), notices,
    fixed: fixed.slice(0, LISTED), fixedTotal: fixed.length, affected, affectedList,
    upgradesDone: done.slice(0, LISTED).map(item), upgradesDoneTotal: done.length,
    upgradesPending: pending.slice(0, LISTED).map(item), upgradesPendingTotal: pending.length,
    heldNotices: r.heldNotices,
  };
}

async function read(store: Store, now: Date, earliest: string, inputs: DigestInputs): Promise<Reading> {
  const [stored, findings, subscriptions, notices, changes, approvals, heldCount, oldestHeld] = await Promise.all([
    store.listRetirements(), store.currentResources(), store.listSubscriptions(), store.listNotices({ status: ["applied"], updatedSince: earliest, limit: 1000 }),
    store.resourceChangesSince(earliest, now.toISOString()), inputs.approvals ? inputs.approvals.list({ limit: 1000 }) : Promise.resolve([]),
    store.countNotices(["triage"]), store.listNotices({ status: ["triage"], limit: 1, oldestFirst: true }),
  ]);
  return {
    index: new InventoryIndex(findings, subscriptions, stored, now, `digest:${now.toISOString()}`), retirements: effectiveRetirements(stored),
    // When it was applied (an applied notice is not updated again), not when its mail arrived: one polled or accepted
    // from review after the digest that covered its arrival went out would otherwise be in no digest at all. Read by
    // that time too: the newest ids are the latest mails, and one accepted late has an old id.
    notices: notices.map((n) => ({ at: n.updatedAt, retirementIds: n.retirementIds })), changes, approvals,
    subscriptionNames: new Map(subscriptions.map((s) => [s.subscriptionId.toLowerCase(), s.displayName])),
    heldNotices: { count: heldCount, oldestReceivedAt: oldestHeld[0]?.receivedAt ?? null },
  };
}

/**
 * The digest each subscribed conversation gets for the schedule's `slot` (pure reading; nothing is sent). Its
 * window ends at the slot, not at the run, and starts where the conversation's last digest sent ended (else 7
 * days before): consecutive digests leave no gap and overlap nowhere, however late each was sent and by which
 * replica. Null for a conversation a later slot's digest has reached already.
 */
export async function dueDigests(store: Store, slot: Date, inputs: DigestInputs): Promise<Array<{ conversation: ConversationRecord; key: string; view: DigestView | null; alreadySent: boolean }>> {
  const key = digestKey(slot, inputs.timeZone);
  const until = slot.toISOString();
  // Read once for all conversations: a round over a thousand channels is not a thousand reads.
  const [conversations, coverage, statuses] = await Promise.all([store.listSubscribedConversations(), store.sentCoverage("digest:", until), store.postStatuses(key)]);
  const fallback = new Date(slot.getTime() - 7 * DAY_MS).toISOString();
  const since = new Map<string, string | null>();
  for (const c of conversations) {
    const sent = coverage.get(c.key);
    since.set(c.key, sent?.coveredPast ? null : sent?.from ?? fallback);
  }
  const earliest = [...since.values()].reduce<string>((a, b) => (b !== null && b < a ? b : a), fallback);
  const reading = await read(store, slot, earliest, inputs);
  return conversations.map((c) => {
    const from = since.get(c.key)!;
    return { conversation: c, key, view: from === null ? null : buildDigest(c, from, slot, reading), alreadySent: statuses.get(c.key) === "sent" };
  });
}

/**
 * Posts the weekly digest for the schedule's `slot` to every subscribed conversation, in its languages. Keyed by
 * the slot's local date, so each (conversation, week slot) is posted once across replicas and restarts; each post
 * records the slot as its window's end, where the next one starts. A snooze does not hold it back: snoozes pause
 * reminders, and the digest is the one quiet summary left.
 */
export async function postDigest(store: Store, poster: Poster, slot: Date, inputs: DigestInputs): Promise<number> {
  const due = await dueDigests(store, slot, inputs);
  const views = new Map(due.map((d) => [d.conversation.key, d.view]));
  const result = await poster.post(digestKey(slot, inputs.timeZone), (c) => views.get(c.key) ?? null, { takeover: inputs.takeover ?? false, coversUntil: slot.toISOString() });
  return result.sent;
}
