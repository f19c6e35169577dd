import type { Finding } from "../domain/resource.ts";

export interface SubscriptionRecord {
  readonly subscriptionId: string;
  readonly displayName: string;
  readonly state: string;
}

export type ScanSource = "arm" | "graph";

export interface ScanError {
  readonly subscriptionId: string;
  readonly code: string;
  readonly message: string;
}

export interface ScanRecord {
  readonly id: number;
  readonly source: ScanSource;
  readonly startedAt: string;
  readonly finishedAt: string | null;
  readonly status: "running" | "completed" | "failed";
  readonly resourceCount: number;
  readonly errors: readonly ScanError[];
}

/** What changed in the current inventory when a scan completed. */
export interface SnapshotDiff {
  readonly added: readonly string[];
  readonly changed: readonly string[];
  readonly removed: readonly string[];
}

export interface ResourceChange {
  readonly resourceId: string;
  readonly scanId: number;
  readonly changedAt: string;
  readonly change: "added" | "changed" | "removed";
  readonly before: Finding | null;
  readonly after: Finding | null;
}

export interface RetirementRecord {
  readonly id: string;
  readonly service: string;
  readonly resourceTypes: readonly string[];
  readonly deadline: string;
  /** Where the deadline came from: `catalog` or a notice id. */
  readonly source: string;
  readonly data: Readonly<Record<string, unknown>>;
  readonly updatedAt: string;
}

export interface AuditEntry {
  readonly at: string;
  readonly actor: string;
  readonly action: string;
  readonly target: string | null;
  readonly detail: Readonly<Record<string, unknown>>;
}

export interface StoredAuditEntry extends AuditEntry {
  readonly seq: number;
}

export type NoticeStatus = "pending" | "applied" | "triage" | "ignored" | "failed";

export interface NoticeRecord {
  readonly id: number;
  readonly messageKey: string;
  readonly source: string;
  readonly receivedAt: string;
  readonly status: NoticeStatus;
  /** Locale key (under `notices:reason.`) for why the notice has its status. */
  readonly reason: string | null;
  readonly attempts: number;
  readonly lastError: string | null;
  readonly parsed: Readonly<Record<string, unknown>> | null;
  readonly retirementIds: readonly string[];
  readonly updatedAt: string;
}

export interface NoticeUpdate {
  readonly status: NoticeStatus;
  readonly reason?: string | null;
  readonly parsed?: Readonly<Record<string, unknown>> | null;
  readonly retirementIds?: readonly string[];
  /** Set on failure: recorded, and the attempt counted. */
  readonly error?: string;
  /** Drop the raw bytes once they are no longer needed for a retry. */
  readonly dropRaw?: boolean;
  readonly at: string;
}

export interface RetirementChange {
  readonly retirementId: string;
  readonly at: string;
  readonly noticeId: number | null;
  /** created | postponed | advanced | confirmed | checklist */
  readonly change: string;
  readonly before: RetirementRecord | null;
  readonly after: RetirementRecord | null;
}

export type { ChannelLangs, ConversationRecord } from "../domain/conversation.ts";
import type { ChannelLangs, ConversationRecord } from "../domain/conversation.ts";

export interface ResourceQuery {
  readonly subscriptionIds?: readonly string[];
  readonly types?: readonly string[];
}

/**
 * The one persistence port. A single SQL implementation runs on PGlite (embedded) and on PostgreSQL.
 * Resource ids are matched case-insensitively (`resourceKey`).
 */
/** Where a conversation's last list stood: the filter is the engine's, kept as JSON. */
export interface ListCursor {
  readonly filter: Readonly<Record<string, unknown>>;
  readonly offset: number;
}

export interface Store {
  readonly backend: "pglite" | "postgres";
  close(): Promise<void>;

  upsertSubscriptions(subs: readonly SubscriptionRecord[], seenAt: string): Promise<void>;
  listSubscriptions(): Promise<SubscriptionRecord[]>;
  /** The subscriptions the current inventory has resources in (as listed when last seen). */
  inventorySubscriptions(): Promise<SubscriptionRecord[]>;

  /** Records a scan as running; the current inventory is untouched until `completeScan`. */
  beginScan(source: ScanSource, startedAt: string): Promise<number>;
  /**
   * Replaces the current inventory for the scanned scope in one transaction and records each change.
   * `scope.subscriptionIds` limits removal to what was scanned; subscriptions listed in `errors` keep
   * their previous resources (a failed subscription is not an empty one).
   */
  completeScan(
    scanId: number,
    findings: readonly Finding[],
    errors: readonly ScanError[],
    scope: { subscriptionIds: readonly string[]; types: readonly string[] },
    finishedAt: string,
  ): Promise<SnapshotDiff>;
  failScan(scanId: number, errors: readonly ScanError[], finishedAt: string): Promise<void>;
  /**
   * Marks failed ("interrupted") the scans left running by a process that died — on PostgreSQL, where
   * other replicas go on (PGlite does it when its data directory is opened). Returns how many.
   */
  reapInterruptedScans(): Promise<number>;
  getScan(scanId: number): Promise<ScanRecord | null>;
  latestCompletedScan(): Promise<ScanRecord | null>;

  currentResources(query?: ResourceQuery): Promise<Finding[]>;
  getResource(id: string): Promise<Finding | null>;
  resourceHistory(id: string): Promise<ResourceChange[]>;
  /** Every change one scan made to the inventory (what its diff said), in order. */
  scanChanges(scanId: number): Promise<ResourceChange[]>;
  /** Every change recorded at or after `since` and before `until`, in order (the weekly digest's "fixed"). */
  resourceChangesSince(since: string, until: string): Promise<ResourceChange[]>;

  upsertRetirement(r: RetirementRecord): Promise<void>;
  listRetirements(): Promise<RetirementRecord[]>;

  getRetirement(id: string): Promise<RetirementRecord | null>;
  /**
   * Inside `transaction()`: the retirement with its row locked until the transaction ends, so a
   * read-modify-write (two operators ticking one checklist) queues up instead of losing a write. `seed`
   * is stored first when there is no row yet (a catalog retirement no notice has stored), so two first
   * writers queue up too. Null when there is neither.
   */
  lockRetirement(id: string, seed: RetirementRecord | null): Promise<RetirementRecord | null>;
  appendRetirementChange(change: RetirementChange): Promise<void>;
  retirementHistory(id: string): Promise<RetirementChange[]>;

  /**
   * Records a message once per key, with its raw bytes so that processing can be retried. Returns the
   * existing record (created = false) when the key was seen before.
   */
  recordNotice(n: { messageKey: string; source: string; receivedAt: string; raw: Uint8Array | null }): Promise<{ notice: NoticeRecord; created: boolean }>;
  updateNotice(id: number, update: NoticeUpdate): Promise<NoticeRecord>;
  getNotice(id: number): Promise<NoticeRecord | null>;
  /**
   * Inside `transaction()`: the notice with its row locked until the transaction ends, so two people accepting or
   * dismissing the same held notice at once (on two replicas) queue up, and the second sees the first's decision.
   */
  lockNotice(id: number): Promise<NoticeRecord | null>;
  noticeRaw(id: number): Promise<Uint8Array | null>;
  /**
   * Newest first, or oldest first with `oldestFirst` (the review queue: who has waited longest); `updatedSince` (an
   * instant): only notices processed or decided at or after it.
   */
  listNotices(query?: { status?: readonly NoticeStatus[]; limit?: number; messageKey?: string; updatedSince?: string; oldestFirst?: boolean }): Promise<NoticeRecord[]>;
  /** How many notices have one of these statuses. */
  countNotices(status: readonly NoticeStatus[]): Promise<number>;
  /** Applies `fn` in one transaction with a store bound to it (a notice and its retirements change together). */
  transaction<T>(fn: (store: Store) => Promise<T>): Promise<T>;

  getCursor(source: string): Promise<string | null>;
  setCursor(source: string, cursor: string, at: string): Promise<void>;

  /** The language a user chose in chat (「日本語で」 / "english please"), or null. */
  getUserLang(actor: string): Promise<"ja" | "en" | null>;
  setUserLang(actor: string, lang: "ja" | "en", at: string): Promise<void>;

  /**
   * The last list a conversation was shown (its filter, as JSON) and the offset of the page shown, so a
   * typed "more" continues it on any replica. A cursor last set before `notBefore` counts as gone.
   */
  getListCursor(conversationKey: string, notBefore: string): Promise<ListCursor | null>;
  setListCursor(conversationKey: string, cursor: ListCursor, at: string): Promise<void>;
  /**
   * "more" in one statement: moves the cursor on by `by` and returns it moved (null: no cursor set since
   * `notBefore`). Two "more" at once move it twice, as they would one after the other.
   */
  advanceListCursor(conversationKey: string, by: number, notBefore: string, at: string): Promise<ListCursor | null>;
  /** Deletes cursors last set before `before`; returns how many. */
  expireListCursors(before: string): Promise<number>;

  /** Records where a conversation is (installation, first message); keeps its subscriptions and languages. */
  upsertConversation(c: Omit<ConversationRecord, "langs" | "scopes"> & { langs?: ChannelLangs; scopes?: readonly string[] }): Promise<ConversationRecord>;
  getConversation(key: string): Promise<ConversationRecord | null>;
  updateConversationSettings(key: string, settings: { langs?: ChannelLangs; scopes?: readonly string[]; snoozes?: Readonly<Record<string, string>> }, at: string): Promise<ConversationRecord>;
  /**
   * Sets (`until`) or ends (null) one snooze — `scope` a retirement id or "*" — or ends them all, in one
   * statement: two snoozes set at once (two people, two replicas) both stay. Expired ones are dropped.
   */
  updateSnooze(key: string, change: { readonly scope: string; readonly until: string | null } | { readonly clearAll: true }, at: string): Promise<ConversationRecord>;
  /** Conversations that follow at least one scope. */
  listSubscribedConversations(): Promise<ConversationRecord[]>;
  /**
   * Claims a post (conversation, key) before sending it: false when it was already sent or is being sent,
   * so the same thing is never posted twice — across restarts and replicas. With `leaseMs`, a post left
   * "sending" that long (database clock) by a replica that died is claimed again. `coversUntil`: the end of
   * what the post reports on (a digest's slot), kept with it for `sentCoverage`.
   */
  claimPost(conversationKey: string, postKey: string, at: string, opts?: { leaseMs?: number; coversUntil?: string }): Promise<boolean>;
  completePost(conversationKey: string, postKey: string, result: { activityId?: string | null; error?: string }, at: string): Promise<void>;
  /** Whether a post whose key starts with `keyPrefix` was sent to the conversation. */
  hasSentPost(conversationKey: string, keyPrefix: string): Promise<boolean>;
  /**
   * The held cards to replace: where the post `heldPrefix` + id of a notice that left review (applied or ignored) at or
   * after `decidedSince` was delivered, with the platform's id of the message (a Teams activity id, a Slack ts), and its
   * replacement (`replacedPrefix` + id) is neither sent nor tried `maxAttempts` times. Oldest notice first. Read from the
   * posts, not from a window of notices, so a card another replica delivered after the decision, or one whose
   * replacement failed, is still found; posts delivered without an id cannot be replaced and are left out.
   */
  listHeldPostsToReplace(query: { readonly decidedSince: string; readonly heldPrefix: string; readonly replacedPrefix: string; readonly maxAttempts: number }): Promise<Array<{ readonly noticeId: number; readonly conversationKey: string; readonly activityId: string }>>;
  /** Where one post stands for a conversation: null when it was never claimed. */
  postStatus(conversationKey: string, postKey: string): Promise<"sending" | "sent" | "failed" | null>;
  /** Where one post stands in every conversation it was claimed for, by conversation key: one read for a whole round. */
  postStatuses(postKey: string): Promise<ReadonlyMap<string, "sending" | "sent" | "failed">>;
  /** `lastSentPostAt` for every conversation at once, by conversation key (none sent: absent): one read for a whole round. */
  lastSentPosts(keyPrefix: string): Promise<ReadonlyMap<string, string>>;
  /** When the newest post whose key starts with `keyPrefix` was sent to the conversation, or null. */
  lastSentPostAt(conversationKey: string, keyPrefix: string): Promise<string | null>;
  /**
   * Where the posts under `keyPrefix` sent to each conversation end, seen from one that would end at `until`, by
   * conversation key (none sent: absent): `from` is the latest end before `until` (null when none), where that post's
   * window starts; `coveredPast` says one sent already ends after `until` (a later one went out first). A post claimed
   * without `coversUntil` ends when it was sent. One read for every conversation of a round.
   */
  sentCoverage(keyPrefix: string, until: string): Promise<ReadonlyMap<string, { readonly from: string | null; readonly coveredPast: boolean }>>;

  /**
   * True for the first claimant of a scheduled job's slot: each slot runs once across replicas. With
   * `leaseMs`, a slot claimed that long ago (database clock) and never completed — its replica died — is
   * claimed again. `state` tells a completed slot from one another replica is still running.
   */
  claimJobRun(key: string, at: string, opts?: { leaseMs?: number }): Promise<boolean>;
  jobRunState(key: string): Promise<"running" | "completed" | null>;
  completeJobRun(key: string, at: string): Promise<void>;

  /** Append-only: there is no update or delete, and the SQL role forbids them where the backend allows. */
  appendAudit(entry: AuditEntry): Promise<number>;
  /** Newest first; `target` narrows to one resource (ids compared case-insensitively). */
  listAudit(limit?: number, filter?: { readonly target?: string }): Promise<StoredAuditEntry[]>;
}
