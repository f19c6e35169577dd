import type { ArmClients } from "../azure/arm-clients.ts";
import type { ResourceKind } from "../azure/kinds/resource-kind.ts";
import { actorKey, type Approval } from "../domain/approval.ts";
import { evaluateFinding } from "../domain/evaluate-finding.ts";
import type { Finding, ObservedResource, ResourceKindId } from "../domain/resource.ts";
import { configuredVersion, isAtLeast, parseTlsVersion, type ParsedTls } from "../domain/tls-version.ts";
import { kindDefinition } from "../azure/kinds/registry.ts";
import type { Store } from "../store/store.ts";
import type { ApprovalStore } from "./approval-store.ts";
import { armFailureOf, isPreconditionFailed } from "./arm-failure.ts";
import { LeaseLost, StoppedWaiting, type HeldLease } from "./approval-lease.ts";

export { LeaseLost, StoppedWaiting } from "./approval-lease.ts";

/**
 * Points where a test holds an execution to force an interleaving with another replica: right before
 * the write is sent, and right after Azure accepted it (before its operation is stored).
 */
export interface UpgradeHooks {
  readonly beforeWrite?: (approval: Approval) => Promise<void>;
  readonly afterWrite?: (approval: Approval) => Promise<void>;
}

export interface ApplyDeps {
  readonly approvals: ApprovalStore;
  readonly store: Store;
  readonly clients: () => ArmClients;
  readonly kinds: ReadonlyMap<ResourceKindId, ResourceKind>;
  readonly now: () => Date;
  /** The approval moved (applying → succeeded | failed): update its card. */
  readonly onChange: (a: Approval) => Promise<void>;
  /** The inventory changed (a re-read resource was recorded). */
  readonly onRecorded: () => void;
  /**
   * The lease this execution holds on the approval: confirmed right before the write, kept while Azure
   * applies it; its signal is aborted when the process stops or the lease is lost (then waiting ends, the
   * approval stays `applying`, and the execution holding the lease next settles it).
   */
  readonly lease: HeldLease;
  readonly hooks?: UpgradeHooks;
}

const stopped = (deps: ApplyDeps, err?: unknown) => deps.lease.signal.aborted || err instanceof StoppedWaiting || (err as { name?: string } | undefined)?.name === "AbortError";
/** Why waiting ended: the lease lost, or a shutdown. */
const stopReason = (deps: ApplyDeps, err: unknown, what: string) => {
  if (err instanceof StoppedWaiting) return err;
  const reason: unknown = deps.lease.signal.reason;
  return reason instanceof LeaseLost ? reason : new StoppedWaiting(what, { cause: err });
};

const SYSTEM = actorKey({ platform: "cli", id: "tlsbot" });
/** How often a resumed upgrade re-reads a resource Azure is still updating, unless configured: the Azure SDK's poll interval. */
const DEFAULT_POLL_MS = 2000;
/** ARM provisioning states that end an operation; any other (Updating, Scaling, …) means one is still running. */
const SETTLED_STATES = new Set(["succeeded", "failed", "canceled", "disabled"]);

const provisioningState = (o: ObservedResource) => (typeof o.extra["provisioningState"] === "string" ? o.extra["provisioningState"] : null);
const stillUpdating = (o: ObservedResource) => {
  const state = provisioningState(o);
  return state !== null && !SETTLED_STATES.has(state.toLowerCase());
};

/** Whether what ARM says now already meets the target: then nothing is written. */
export function alreadyAtTarget(observed: ObservedResource, target: Approval["target"]): boolean {
  const configured = configuredVersion(parseAsKind(observed));
  return configured !== null && isAtLeast(configured, target);
}

/** The setting read as its kind spells it (every resource here came from a registered kind). */
export function parseAsKind(observed: ObservedResource): ParsedTls {
  return kindDefinition(observed.kind)?.tls.parse(observed.rawTls) ?? parseTlsVersion(observed.rawTls);
}

/**
 * Records what ARM says after the change as a one-resource scan, so lists and the next questions show
 * it at once and subscribed channels get the "fixed" difference through the same path as any scan.
 */
export async function recordReRead(deps: Pick<ApplyDeps, "store" | "now" | "onRecorded">, observed: ObservedResource, before: Finding | null): Promise<Finding> {
  const merged: ObservedResource = { ...observed, createdAt: observed.createdAt ?? before?.createdAt ?? null };
  const now = deps.now();
  const retirement = before?.retirementId && before.deadline ? { id: before.retirementId, deadline: before.deadline } : null;
  const rule = kindDefinition(observed.kind)?.tls;
  if (!rule) throw new Error(`no registered kind '${observed.kind}'`);
  const finding = evaluateFinding(merged, retirement, now, rule);
  const scanId = await deps.store.beginScan("arm", now.toISOString());
  await deps.store.completeScan(scanId, [finding], [], { subscriptionIds: [], types: [] }, deps.now().toISOString());
  deps.onRecorded();
  return finding;
}

/**
 * The write and what follows it. `applying` is already claimed in the database (one per resource), so
 * however many confirmations raced, only one call reaches this point for a resource.
 */
export async function applyUpgrade(deps: ApplyDeps, approval: Approval, observed: ObservedResource): Promise<Approval> {
  const kind = deps.kinds.get(approval.kind as ResourceKindId);
  if (!kind) return finish(deps, approval, "failed", { code: "KindUnknown", message: approval.kind });
  const before = await deps.store.getResource(approval.resourceId);
  await deps.hooks?.beforeWrite?.(approval);
  // The fence: an execution that no longer holds the lease (it stalled past it and another took over)
  // sends nothing, and audits nothing. From here the lease is renewed while Azure applies the change.
  await deps.lease.confirm();
  await deps.store.appendAudit({ at: deps.now().toISOString(), actor: approval.approvedBy.at(-1) ?? SYSTEM, action: "approval.applyStarted", target: approval.resourceId, detail: { approvalId: approval.id, before: observed.rawTls, target: approval.target, channel: approval.conversationId } });
  try {
    await kind.upgrade.apply(deps.clients(), observed, approval.target, async (operation) => {
      await deps.hooks?.afterWrite?.(approval);
      const stored = await deps.approvals.setOperation(approval.id, operation, deps.now().toISOString(), deps.lease.owner);
      if (!stored) throw new LeaseLost(`lease on approval ${approval.id} lost while its write was sent`);
    }, deps.lease.signal);
  } catch (err) {
    if (stopped(deps, err)) throw stopReason(deps, err, "stopped while Azure applies the change; the next start resumes it");
    // The answer was lost after the write left: Azure may well have applied it. What ARM says now decides,
    // as after a restart — never a second write, and never "failed" for a change that went through.
    if (writeMayHaveArrived(err)) {
      const settled = await settledAtTarget(deps, kind, approval).catch(() => null);
      if (settled) return settle(deps, approval, kind, before, observed.rawTls);
    }
    const failure = armFailureOf(err);
    return finish(deps, approval, "failed", { ...failure, note: isPreconditionFailed(failure) ? "changedDuringWrite" : null, before: observed.rawTls });
  }
  return settle(deps, approval, kind, before, observed.rawTls);
}

/** A restarted process finishes what a previous one started: resume polling, or write if nothing was sent. */
export async function resumeUpgrade(deps: ApplyDeps, approval: Approval): Promise<Approval> {
  const kind = deps.kinds.get(approval.kind as ResourceKindId);
  if (!kind) return finish(deps, approval, "failed", { code: "KindUnknown", message: approval.kind });
  const before = await deps.store.getResource(approval.resourceId);
  try {
    if (approval.operation) {
      await kind.upgrade.resume(deps.clients(), approval.resourceId, approval.operation, deps.lease.signal);
      return await settle(deps, approval, kind, before, before?.rawTls ?? null);
    }
    // Claimed but no operation recorded: the process died before or while sending the write. What ARM
    // says now decides: already at the target means the write went through; otherwise it never arrived.
    const observed = await kind.upgrade.read(deps.clients(), approval.resourceId);
    if (!observed) return await finish(deps, approval, "failed", { code: "ResourceNotFound", message: approval.resourceId, note: "resourceGone" });
    if (!alreadyAtTarget(observed, approval.target)) return await applyUpgrade(deps, approval, observed);
    // The write arrived, but Azure reports the new value while it is still applying it (a Redis failover
    // takes minutes and can fail): wait for the outcome as the lost poller would have, never write again.
    const outcome = await untilSettled(deps, kind, approval.resourceId, observed);
    if (!outcome) return await finish(deps, approval, "failed", { code: "ResourceNotFound", message: approval.resourceId, note: "resourceGone" });
    if (provisioningState(outcome)?.toLowerCase() === "failed" || !alreadyAtTarget(outcome, approval.target)) {
      return await finish(deps, approval, "failed", { code: "ProvisioningFailed", message: `Azure reports provisioningState ${provisioningState(outcome) ?? "unknown"} with minimum TLS ${outcome.rawTls ?? "unset"}`, before: before?.rawTls ?? null });
    }
    return await settle(deps, approval, kind, before, before?.rawTls ?? null);
  } catch (err) {
    if (stopped(deps, err)) throw stopReason(deps, err, "stopped while resuming");
    return finish(deps, approval, "failed", { ...armFailureOf(err) });
  }
}

/** Re-reads the resource until Azure no longer reports an operation running on it; null when it is gone. */
async function untilSettled(deps: ApplyDeps, kind: ResourceKind, resourceId: string, observed: ObservedResource): Promise<ObservedResource | null> {
  const interval = deps.clients().connection.pollIntervalMs ?? DEFAULT_POLL_MS;
  let current: ObservedResource | null = observed;
  while (current && stillUpdating(current)) {
    if (deps.lease.signal.aborted) throw stopReason(deps, null, "stopped while waiting for Azure");
    await new Promise((resolve) => setTimeout(resolve, interval));
    current = await kind.upgrade.read(deps.clients(), resourceId);
  }
  return current;
}

/** A transport failure after the request was sent (connection reset, body cut off): the outcome is unknown. */
function writeMayHaveArrived(err: unknown): boolean {
  const e = (err && typeof err === "object" ? err : {}) as { code?: unknown; message?: unknown };
  const message = typeof e.message === "string" ? e.message : "";
  return (e.code === "PARSE_ERROR" && /^Error reading response/i.test(message)) || e.code === "ECONNRESET" || /socket hang up/i.test(message);
}

/** Re-reads the resource; true when it is at the target and Azure finished applying it without failure. */
async function settledAtTarget(deps: ApplyDeps, kind: ResourceKind, approval: Approval): Promise<boolean> {
  const current = await kind.upgrade.read(deps.clients(), approval.resourceId);
  if (!current || !alreadyAtTarget(current, approval.target)) return false;
  const outcome = await untilSettled(deps, kind, approval.resourceId, current);
  return outcome !== null && alreadyAtTarget(outcome, approval.target) && provisioningState(outcome)?.toLowerCase() !== "failed";
}

async function settle(deps: ApplyDeps, approval: Approval, kind: ResourceKind, before: Finding | null, beforeTls: string | null): Promise<Approval> {
  let after: ObservedResource | null = null;
  try {
    after = await kind.upgrade.read(deps.clients(), approval.resourceId);
  } catch {
    // The write succeeded; a failed re-read only delays the inventory until the next scan.
  }
  if (after) await recordReRead(deps, after, before);
  return finish(deps, approval, "succeeded", { before: beforeTls, after: after?.rawTls ?? approval.target });
}

async function finish(deps: ApplyDeps, approval: Approval, to: "succeeded" | "failed", result: Record<string, unknown>): Promise<Approval> {
  const at = deps.now().toISOString();
  // Recorded only while this execution holds the lease: one outcome, one audit entry, one card update.
  const moved = await deps.approvals.move(approval.id, ["applying"], to, { result, operation: null }, at, { owner: deps.lease.owner });
  if (!moved) return (await deps.approvals.get(approval.id)) ?? approval;
  await deps.store.appendAudit({ at, actor: SYSTEM, action: to === "succeeded" ? "approval.applied" : "approval.failed", target: approval.resourceId, detail: { approvalId: approval.id, channel: approval.conversationId, approvedBy: approval.approvedBy, ...result } });
  await deps.onChange(moved).catch(() => {});
  return moved;
}
