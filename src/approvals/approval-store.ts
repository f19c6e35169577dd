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
  | { readonly ok: false; readonly reason: "tokenInvalid" | "tokenUsed" | "expired" | "payloadMismatch" | "otherConversation" | "notApprover" | "selfSecond" };

export interface StatePatch {
  readonly approvedBy?: readonly string[];
  readonly actorNames?: Readonly<Record<string, string>>;
  readonly operation?: string | null;
  readonly result?: Readonly<Record<string, unknown>> | null;
  readonly seenTls?: string | null;
  readonly expiresAt?: string;
}

/** Persistence of the approval workflow; one SQL implementation serves PGlite and PostgreSQL. */
export interface ApprovalStore {
  create(a: NewApproval, token: TokenGrant): Promise<Approval>;
  get(id: string): Promise<Approval | null>;
  grantToken(approvalId: string, conversationId: string, resourceId: string, target: string, token: TokenGrant): Promise<void>;
  /**
   * Uses a token once: the first of any number of concurrent uses wins, the others learn why they lost.
   * Nothing is consumed when the token is not this actor's, conversation's, resource's or version's.
   */
  useToken(use: TokenUse): Promise<TokenOutcome>;
  /** Moves the state when it is one of `from`; null when it was not (someone else moved it first). */
  move(id: string, from: readonly ApprovalState[], to: ApprovalState, patch: StatePatch, at: string): Promise<Approval | null>;
  setOperation(id: string, operation: string, at: string): Promise<void>;
  setMessage(id: string, message: Readonly<Record<string, unknown>>, at: string): Promise<void>;
  list(query?: { states?: readonly ApprovalState[]; resourceId?: string; limit?: number }): Promise<Approval[]>;
}

/** Thrown by `move` to `applying` when another approval of the same resource is applying (unique index). */
export class InFlightError extends Error {}
