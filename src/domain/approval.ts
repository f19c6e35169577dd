import type { TlsVersion } from "./tls-version.ts";

/**
 * An upgrade request's life. `requested` waits for the requester's confirmation, `awaitingSecond` for a
 * second approver (two-person rule), `applying` has written (or is writing) to Azure; the rest are final.
 */
export type ApprovalState = "requested" | "awaitingSecond" | "applying" | "succeeded" | "failed" | "cancelled" | "expired";

export const FINAL_STATES: readonly ApprovalState[] = ["succeeded", "failed", "cancelled", "expired"];

/** Who acts: a platform identity that cannot be renamed (Teams AAD object id, Slack user id, `web:local`). */
export interface Actor {
  readonly platform: "teams" | "slack" | "web" | "cli";
  readonly id: string;
  /** What the platform calls the person: shown on cards, never used to decide anything. */
  readonly name?: string;
}

export const actorKey = (a: Actor): string => `${a.platform}:${a.id}`;

/**
 * The name as cards show it (an approver's, a reviewer's): at most 80 UTF-16 units, no half character and no NUL. A cut
 * through an emoji (or a platform's malformed text) leaves a lone surrogate, which PostgreSQL's jsonb refuses as it
 * refuses \u0000: the request or decision the name is stored with would fail.
 */
export function shownName(a: Actor): string | undefined {
  const name = a.name?.slice(0, 80).replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "").replaceAll("\u0000", "");
  return name || undefined;
}

export interface Approval {
  readonly id: string;
  readonly resourceId: string;
  readonly resourceName: string;
  readonly kind: string;
  readonly target: TlsVersion;
  /** The configured TLS value when the dialog was shown: a different one at apply time means "ask again". */
  readonly seenTls: string | null;
  readonly state: ApprovalState;
  readonly requestedBy: string;
  readonly approvedBy: readonly string[];
  /** Display names by actor key, for cards only. */
  readonly actorNames: Readonly<Record<string, string>>;
  readonly conversationId: string;
  readonly needsSecond: boolean;
  readonly dryRun: boolean;
  readonly expiresAt: string;
  /** Where the card the user acts on lives, so it can be updated in place as the operation moves. */
  readonly message: Readonly<Record<string, unknown>> | null;
  /** The SDK poller's serialised state while applying: a restarted process resumes from it. */
  readonly operation: string | null;
  readonly result: Readonly<Record<string, unknown>> | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** Why a step was refused; each is a locale key under `approvals:refused.` and an audit reason. */
export type Refusal =
  | "notApprover"
  | "outOfScope"
  | "ackMissing"
  | "nameMismatch"
  | "tokenInvalid"
  | "tokenUsed"
  /** The token was revoked unused: its request changed or moved on after its dialog was shown. */
  | "superseded"
  | "expired"
  | "payloadMismatch"
  | "selfSecond"
  | "otherConversation"
  | "notPending"
  | "inFlight"
  | "resourceGone";

const NEXT: Readonly<Record<ApprovalState, readonly ApprovalState[]>> = {
  requested: ["awaitingSecond", "applying", "cancelled", "expired", "requested", "succeeded"],
  awaitingSecond: ["applying", "cancelled", "expired", "succeeded", "requested"],
  applying: ["succeeded", "failed"],
  succeeded: [],
  failed: [],
  cancelled: [],
  expired: [],
};

/** The state machine: every write of a state goes through this check (and the SQL repeats it as a guard). */
export function canMove(from: ApprovalState, to: ApprovalState): boolean {
  return NEXT[from].includes(to);
}

/** The states from which `to` may be reached, for conditional SQL updates. */
export function statesBefore(to: ApprovalState): ApprovalState[] {
  return (Object.keys(NEXT) as ApprovalState[]).filter((s) => NEXT[s].includes(to));
}
