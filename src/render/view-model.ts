import type { Comparison, DueWindow, ResourceFilter } from "../conversation/intent.ts";
import type { ApprovalState, Refusal } from "../domain/approval.ts";
import type { LowestSetting } from "../domain/lowest-setting.ts";
import type { FindingStatus, ResourceKindId } from "../domain/resource.ts";
import type { EffectiveTls, TlsVersion } from "../domain/tls-version.ts";

/**
 * Platform-free answers. Renderers turn them into an Adaptive Card, Block Kit or text; nothing here knows
 * a platform, and nothing in a renderer decides what to answer.
 */
export interface ResourceRow {
  readonly id: string;
  readonly name: string;
  readonly kind: ResourceKindId;
  readonly type: string;
  readonly subscriptionId: string;
  readonly subscriptionName: string;
  readonly resourceGroup: string;
  readonly location: string;
  readonly effectiveTls: EffectiveTls;
  readonly configuredTls: TlsVersion | null;
  /** The setting as Azure reported it, shown beside the kind's setting names on the detail card. */
  readonly rawTls?: string | null;
  readonly status: FindingStatus;
  readonly deadline: string | null;
  readonly daysLeft: number | null;
  /** Locale key under `scan:reason.` */
  readonly reason: string;
}

/**
 * Where a post's resources lie, for a conversation that follows part of the tenant: the subscriptions it follows that
 * hold them, and the resource groups it follows that hold the rest. The post's "ask … for the whole list" names them, so
 * the question lists in any conversation what the post counted, and no more.
 */
export interface AffectedScope {
  readonly subscriptions: ReadonlyArray<{ readonly id: string; readonly name: string }>;
  readonly resourceGroups: readonly string[];
}

/** Resources of a retirement's types that keep another retirement's deadline: how many, and whose. */
export interface GovernedElsewhere {
  readonly retirementId: string;
  readonly deadline: string;
  readonly count: number;
}

/**
 * The list a post offers with its "ask …": resources with `statuses`, of `kinds` (none: any kind), in `scope` (null:
 * anywhere), and how many it held when the post was made.
 */
export interface WholeList {
  readonly statuses: readonly FindingStatus[];
  readonly kinds: readonly ResourceKindId[];
  readonly scope: AffectedScope | null;
  readonly total: number;
}

export interface RetirementSummary {
  readonly id: string;
  readonly deadline: string;
  readonly daysLeft: number;
  readonly source: string;
  readonly resourceTypes: readonly string[];
  readonly affected: number;
  /** Resources of its types still needing action that another retirement governs (counted there, not in `affected`). */
  readonly governedElsewhere: readonly GovernedElsewhere[];
  /** Whether tlsbot scans resources of this retirement (Storage, SQL, … are tracked but not scanned yet). */
  readonly scanned: boolean;
  readonly trackingIds: readonly string[];
  readonly checklist: ReadonlyArray<{ key: string; done: boolean }>;
  /** What spoke of this retirement besides the catalog, so a reader can judge the deadline. */
  readonly evidence: RetirementEvidenceSummary;
}

export interface RetirementEvidenceSummary {
  readonly mails: number;
  readonly advisories: number;
  /** Azure Advisor's latest reading: its impacted resources and its date, which never sets the deadline. */
  readonly advisor: { readonly resources: number; readonly date: string | null } | null;
}

/**
 * A notice the reader held for a person (`notices:reason.*` says why): what it read, so a reviewer can judge it
 * without opening the mail.
 */
export interface HeldNoticeSummary {
  readonly id: number;
  readonly subject: string;
  readonly receivedAt: string;
  /** `mail`, `serviceHealth` or `advisor`. */
  readonly source: "mail" | "serviceHealth" | "advisor";
  /** The mail's sender as received (a forwarder's, for a forwarded mail). */
  readonly from: string | null;
  /** Locale key under `notices:reason.` (`untrusted` reasons as `untrusted.<key>`). */
  readonly reason: string;
  readonly isTls: boolean;
  /** The day the reader would use, if it found one. */
  readonly deadline: string | null;
  /** Several days it could not choose between. */
  readonly candidates: readonly string[];
  /** Catalog retirement ids of the services it names. */
  readonly services: readonly string[];
  readonly trackingId: string | null;
  /** The words the date (else the TLS verdict) was read from, as written. */
  readonly evidence: string | null;
}

/** Card actions carry what is needed to answer them again (stateless paging). */
export interface ViewAction {
  readonly verb: "page" | "resource" | "help" | "approveUpgrade" | "confirmUpgrade" | "cancelUpgrade" | "tickChecklist" | "reviewNotice" | "acceptNotice" | "dismissNotice";
  /** Locale key under `chat:action.` */
  readonly label: string;
  readonly data: Readonly<Record<string, unknown>>;
}

export interface OverviewCounts {
  readonly id: string;
  readonly name: string;
  readonly counts: Readonly<Record<FindingStatus, number>>;
}

/** A subscription the latest scan could not read: its name and the scan's error code (`scan:errorCode.*`). */
export interface UnreadSubscription {
  readonly name: string;
  readonly code: string;
}

export type View =
  | {
    readonly type: "resourceList";
    readonly filter: ResourceFilter;
    /** Display names of the subscriptions and resource groups the filter names (the filter holds ids). */
    readonly scopeNames: readonly string[];
    readonly rows: readonly ResourceRow[];
    readonly total: number;
    readonly offset: number;
    /** Matching resources whose TLS version is unknown, left out of a version comparison. */
    readonly unknownTls: number;
    readonly actions: readonly ViewAction[];
  }
  /** "more" past the end of a list: nothing further to show; `total` is how many the list holds. */
  | { readonly type: "listEnd"; readonly filter: ResourceFilter; readonly scopeNames: readonly string[]; readonly total: number }
  | {
    readonly type: "resourceDetail"; readonly row: ResourceRow; readonly createdAt: string | null;
    /** Which of several TLS settings gives the minimum (an Application Gateway's SSL profile), when the kind says. */
    readonly lowestSetting?: LowestSetting | null;
    /** The retirement that gives the deadline when only a notice announced it (`tracking-<id>`), named with its deadline. */
    readonly governedBy?: { readonly retirementId: string; readonly deadline: string };
    readonly sideEffects: readonly string[]; readonly reversible: boolean | null; readonly actions: readonly ViewAction[] }
  /** `kindsWithout`: kinds the question named that have no TLS retirement (PostgreSQL flexible servers). */
  | { readonly type: "retirements"; readonly items: readonly RetirementSummary[]; readonly kindsWithout?: readonly string[] }
  /**
   * Counts per status over the whole inventory and per subscription, the worst subscription first. `scopeNames`: the
   * subscriptions and resource groups asked about, as their names are written (empty: everything); `resourceGroups`:
   * the one subscription asked about, counted per resource group, the worst first; `unmatched`: a name the question asked
   * about that nothing in the inventory has (the counts are then everything's).
   */
  | {
    readonly type: "overview"; readonly total: number; readonly counts: Readonly<Record<FindingStatus, number>>; readonly subscriptions: readonly OverviewCounts[]; readonly unreadable: readonly UnreadSubscription[];
    readonly scopeNames: readonly string[]; readonly resourceGroups?: readonly OverviewCounts[]; readonly unmatched?: string;
  }
  | { readonly type: "help"; readonly reason: "asked" | "empty" | "notUnderstood" | "tooLong" | "noMore" | "welcome" | "greeting" | "thanks" | "notInventory" }
  | { readonly type: "language"; readonly lang: "ja" | "en" }
  | { readonly type: "scan"; readonly total: number; readonly needsAction: number; readonly errors: number; readonly added: number; readonly changed: number; readonly removed: number }
  | { readonly type: "error"; readonly code: string; readonly params: Readonly<Record<string, string | number>> }
  /** This conversation's proactive posts: what it follows and in which language(s). */
  | { readonly type: "subscription"; readonly active: boolean; readonly scopeNames: readonly string[]; readonly langs: "ja" | "en" | "ja+en";
      /** Reminder snoozes still running: one retirement's or all (null), until a date (YYYY-MM-DD, reader's zone). */
      readonly snoozes: ReadonlyArray<{ readonly retirementId: string | null; readonly until: string }> }
  /** Posted to channels: a retirement notice that created or moved a deadline. */
  | {
    readonly type: "noticeBroadcast";
    readonly retirementId: string;
    readonly change: "created" | "postponed" | "advanced" | "confirmed";
    readonly deadline: string;
    readonly previousDeadline: string | null;
    readonly daysLeft: number;
    readonly trackingId: string | null;
    readonly subject: string;
    /** The sentence the date came from, quoted as written. */
    readonly evidence: string | null;
    readonly affected: readonly ResourceRow[];
    readonly affectedTotal: number;
    /** The kinds of every affected resource, shown or not: what to ask for to see them all. */
    readonly affectedKinds: readonly ResourceKindId[];
    /** Null when the conversation follows everything. */
    readonly affectedScope: AffectedScope | null;
    /** Resources of its types (in the conversation's scope) that keep another retirement's deadline, per retirement. */
    readonly governedElsewhere?: readonly GovernedElsewhere[];
  }
  /** Posted to channels after a scan: what newly needs action and what was fixed. */
  /** `since`: asked for ("what changed"), the scan's whole difference, also what needs no action (new compliant resources, TLS changes). */
  | {
    readonly type: "findingsBroadcast"; readonly added: readonly ResourceRow[]; readonly fixed: readonly ResourceRow[]; readonly addedTotal: number; readonly fixedTotal: number;
    /**
     * No question lists only what newly needs action: the list offered for the new ones left out holds them among
     * everything that needs action where they are (in the conversation's part of the tenant, for a post), of their
     * kinds. Null when every new one is shown.
     */
    readonly addedList: WholeList | null;
    readonly since?: { readonly added: number; readonly changed: number; readonly removed: number; readonly at: string };
  }
  /** Posted once to a channel that was reminded after a deadline, when nothing in its scope is left. */
  | { readonly type: "reminderDone"; readonly retirementId: string; readonly deadline: string }
  /** Posted to channels weekly (Monday 09:00 by default): what happened since the last digest and what is left. */
  | DigestView
  /** Posted to channels as a deadline approaches (90/30/14/7/3/1/0 days). */
  | {
    readonly type: "reminder"; readonly retirementId: string; readonly deadline: string; readonly daysLeft: number; readonly affected: readonly ResourceRow[]; readonly affectedTotal: number;
    /** The kinds of every affected resource, shown or not: what to ask for to see them all. */
    readonly affectedKinds: readonly ResourceKindId[];
    /** Null when the conversation follows everything. */
    readonly affectedScope: AffectedScope | null;
    /** An agent retirement's open checklist items (locale keys under `catalog:checklist.`), each with a button to tick it. */
    readonly openItems?: readonly string[];
  }
  /** An agent retirement's checklist: every item, done or open; open ones can be ticked from the card. */
  | {
    readonly type: "checklist"; readonly retirementId: string; readonly deadline: string; readonly daysLeft: number;
    readonly items: ReadonlyArray<{ readonly key: string; readonly done: boolean; readonly doneBy: string | null; readonly doneAt: string | null }>;
    /** The item this answer just marked done, if any. */
    readonly ticked: string | null;
  }
  /**
   * The upgrade dialog: what will change and what cannot be taken back, an acknowledgement and the
   * resource's name to type. `token` is single use and bound to this approver, conversation and version.
   */
  | {
    readonly type: "approvalDialog";
    readonly approvalId: string;
    readonly token: string;
    readonly step: "confirm" | "second";
    readonly row: ResourceRow;
    readonly target: TlsVersion;
    readonly reversible: boolean | null;
    /** Locale keys under `catalog:sideEffects.` */
    readonly sideEffects: readonly string[];
    /** Locale keys under `approvals:evidence.` with their parameters. */
    readonly evidence: ReadonlyArray<{ readonly key: string; readonly params?: Readonly<Record<string, string | number>> }>;
    readonly needsSecond: boolean;
    readonly dryRun: boolean;
    readonly expiresAt: string;
    /** Why the dialog is shown again (`approvals:problem.`): a missing acknowledgement, a wrong name, a changed resource. */
    readonly problem: "ackMissing" | "nameMismatch" | "changed" | null;
    readonly requestedBy: string | null;
  }
  /** Where an approval stands; the card is updated in place as the operation moves. */
  | {
    readonly type: "approvalStatus";
    readonly approvalId: string;
    readonly resourceId: string;
    readonly resourceName: string;
    readonly state: ApprovalState;
    readonly target: TlsVersion;
    readonly dryRun: boolean;
    /** Locale key under `approvals:note.`, e.g. alreadyCompliant. */
    readonly note: string | null;
    readonly error: { readonly code: string; readonly message: string } | null;
    readonly approvedBy: readonly string[];
    /** Display names by actor key (cards only). */
    readonly names?: Readonly<Record<string, string>>;
    /** The configured value before and after, when the change was applied. */
    readonly change?: { readonly before: string | null; readonly after: string | null };
  }
  | { readonly type: "approvalRefused"; readonly reason: Refusal; readonly resourceName: string | null }
  /** Pending and in-flight approvals, newest first. */
  | { readonly type: "approvalList"; readonly items: ReadonlyArray<{ readonly approvalId: string; readonly resourceName: string; readonly state: ApprovalState; readonly requestedBy: string; readonly updatedAt: string }> }
  /** Notices held for review, oldest first (the first `items` of `total`). */
  | { readonly type: "noticeQueue"; readonly items: readonly HeldNoticeSummary[]; readonly total: number }
  /** One held notice with its decisions; `posted`: sent to a channel when it was held, not asked for. */
  | { readonly type: "heldNotice"; readonly notice: HeldNoticeSummary; readonly posted: boolean; readonly actions: readonly ViewAction[] }
  /**
   * What a reviewer's decision did: the retirements it created or moved, or why the notice is still held; `notHeld`:
   * someone had already decided it (`status` is what it is now).
   */
  | {
    readonly type: "noticeDecision"; readonly noticeId: number; readonly decision: "accepted" | "dismissed" | "notHeld";
    readonly status: string; readonly reason: string | null;
    readonly retirements: ReadonlyArray<{ readonly id: string; readonly deadline: string; readonly daysLeft: number }>;
  }
  /**
   * A held notice's posted card once the notice is decided (replaced in place): what was decided, by whom and when
   * (`decision` null: it left review some other way), and the retirements it moved.
   */
  | {
    readonly type: "heldNoticeDecided"; readonly notice: HeldNoticeSummary; readonly status: string; readonly reason: string | null;
    readonly decision: "accepted" | "dismissed" | null; readonly by: string | null; readonly byName: string | null; readonly at: string | null;
    readonly retirements: ReadonlyArray<{ readonly id: string; readonly deadline: string; readonly daysLeft: number }>;
  }
  /** The audit trail of one resource, newest first. */
  | { readonly type: "auditTrail"; readonly resourceName: string; readonly entries: ReadonlyArray<{ readonly at: string; readonly actor: string; readonly action: string; readonly detail: string }> };

export type { Comparison, DueWindow };


export interface DigestView {
  readonly type: "digest";
  /** The window this digest covers (ISO instants): from where the conversation's last digest ended, until this one's slot. */
  readonly since: string;
  readonly until: string;
  /** Retirements a notice created or moved in the window, with the deadline in force now. */
  readonly notices: ReadonlyArray<{ readonly retirementId: string; readonly deadline: string; readonly daysLeft: number }>;
  readonly fixed: readonly ResourceRow[];
  readonly fixedTotal: number;
  /** Per retirement, earliest deadline first: resources in scope still at risk, overdue or unknown. */
  readonly affected: ReadonlyArray<{ readonly retirementId: string; readonly deadline: string; readonly daysLeft: number; readonly atRisk: number; readonly overdue: number; readonly unknown: number }>;
  /**
   * The list that holds what `affected` counts, for the digest to say what to ask, and how many more it holds (not
   * covered by any retirement, so with no deadline); null when nothing in scope needs action, counted or not.
   */
  readonly affectedList: (WholeList & { readonly uncovered: number }) | null;
  readonly upgradesDone: ReadonlyArray<{ readonly resourceName: string; readonly state: ApprovalState }>;
  readonly upgradesDoneTotal: number;
  readonly upgradesPending: ReadonlyArray<{ readonly resourceName: string; readonly state: ApprovalState }>;
  readonly upgradesPendingTotal: number;
  /**
   * Notices held for a person, however old (they concern every conversation, as a notice does): a held notice nobody
   * decides is a deadline that never moves, so each digest says how many wait and since when.
   */
  readonly heldNotices: { readonly count: number; readonly oldestReceivedAt: string | null };
}
