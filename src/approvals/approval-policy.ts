import type { ApproverEntry } from "./approvers.ts";

/** Who may approve what, and how: read from config once, passed to the workflow. */
export interface ApprovalPolicy {
  readonly approvers: readonly ApproverEntry[];
  /** ARM id prefixes (or `*`) where a second, different approver must confirm. */
  readonly twoPersonScopes: readonly string[];
  /** ARM id prefixes (or `*`) where every step runs except the write to Azure. */
  readonly dryRunScopes: readonly string[];
  /** How long a dialog's token stays valid (default 24 h). */
  readonly ttlMs: number;
}

export const DENY_ALL: ApprovalPolicy = { approvers: [], twoPersonScopes: [], dryRunScopes: [], ttlMs: 24 * 3600_000 };
