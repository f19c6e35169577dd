import type { Approval, ApprovalState } from "../domain/approval.ts";

export type NewApproval = Omit<Approval, "state" | "approvedBy" | "message" | "operation" | "result" | "updatedAt">;

export interface TokenGrant {
  readonly hash: string;
  readonly step: "confirm" | "second";
  /** The only actor who may use it; null for a second approval (anyone but the requester, checked in code). */
  readonly boundActor: string | null;
  readonly expiresAt: string;
}

export interface TokenUse {
  readonly approvalId: string;
  readonly hash: string;
  readonly actor: string;
  readonly conversationId: string;
  readonly resourceId: string;
  readonly target: string;
  readonly now: string;
}

export type TokenOutcome =
  | { readonly ok: true; readonly step: "confirm" | "second" }
  | { readonly ok: false; readonly reason: "tokenInvalid" | "tokenUsed" | "superseded" | "expired" | "payloadMismatch" | "otherConversation" | "notApprover" | "selfSecond" };

/** Where a token stands for one approval: `unknown` also for a token granted for another one. */
export type TokenStanding = "live" | "used" | "revoked" | "expired" | "unknown";

/** What a dialog showed of its approval; its token is granted only while the approval is still so. */
export interface Shown {
  readonly state: ApprovalState;
  readonly seenTls: string | null;
}

export interface StatePatch {
  readonly approvedBy?: readonly string[];
  readonly actorNames?: Readonly<Record<string, string>>;
  readonly operation?: string | null;
  readonly result?: Readonly<Record<string, unknown>> | null;
  readonly seenTls?: string | null;
  readonly expiresAt?: string;
  /**
   * With a move to `applying`: the execution that claims the write and for how long (database clock).
   * Any move out of `applying` releases the lease.
   */
  readonly lease?: Lease;
}

/** Who executes an applying approval's write, and for how long at a time. */
export interface Lease {
  /** One execution (not one process): two executions in one process never share a lease. */
  readonly owner: string;
  readonly ms: number;
}

/** Persistence of the approval workflow; one SQL implementation serves PGlite and PostgreSQL. */
export interface ApprovalStore {
  create(a: NewApproval, token: TokenGrant): Promise<Approval>;
  get(id: string): Promise<Approval | null>;
  /**
   * Grants a token for the approval's conversation, resource and target while its state and seen TLS are
   * still those the dialog shows; false (nothing granted) once another step moved it on or changed it.
   */
  grantToken(approvalId: string, token: TokenGrant, shown: Shown): Promise<boolean>;
  /**
   * Uses a token once: the first of any number of concurrent uses wins, the others learn why they lost.
   * Nothing is consumed when the token is not this actor's, conversation's, resource's or version's.
   */
  useToken(use: TokenUse): Promise<TokenOutcome>;
  /** Where a token of this approval stands, without using it. */
  tokenStanding(approvalId: string, hash: string, now: string): Promise<TokenStanding>;
  /**
   * Moves the state when it is one of `from` (and, with `owner`, only while that execution holds the
   * lease); null when it was not (someone else moved it first, or took the lease over).
   */
  move(id: string, from: readonly ApprovalState[], to: ApprovalState, patch: StatePatch, at: string, opts?: { readonly owner?: string }): Promise<Approval | null>;
  /**
   * `move` to a state that waits for a person (never `applying`) and, in the same transaction, revokes every
   * unused token of the approval and grants `token`: no dialog shown before the move can act after it, on any
   * replica. null, with nothing revoked or granted, when the state was not one of `from`.
   */
  moveAndReissue(id: string, from: readonly ApprovalState[], to: "requested" | "awaitingSecond", patch: StatePatch, at: string, token: TokenGrant): Promise<Approval | null>;
  /**
   * Takes the write of an `applying` approval whose lease has expired (its execution died or stalled),
   * or any applying one with `takeover` (a process that knows it is alone: PGlite at start). One UPDATE
   * on the database clock: of concurrent claims exactly one wins. Returns the approval as it is now
   * (its stored operation included), or null when it is not applying or the lease is held.
   */
  claimLease(id: string, lease: Lease, opts?: { readonly takeover?: boolean }): Promise<Approval | null>;
  /**
   * Extends the lease while `owner` still holds it, unexpired, on an applying approval; false once it does
   * not (an expired lease is lost even before another execution claims it).
   */
  renewLease(id: string, lease: Lease): Promise<boolean>;
  /** Gives the lease up at once (a shutdown), while `owner` holds it. */
  releaseLease(id: string, owner: string): Promise<void>;
  /** Stores the running operation while `owner` holds the lease; false when it does not any more. */
  setOperation(id: string, operation: string, at: string, owner: string): Promise<boolean>;
  setMessage(id: string, message: Readonly<Record<string, unknown>>, at: string): Promise<void>;
  list(query?: { states?: readonly ApprovalState[]; resourceId?: string; limit?: number }): Promise<Approval[]>;
}

/** Thrown by `move` to `applying` when another approval of the same resource is applying (unique index). */
export class InFlightError extends Error {}
