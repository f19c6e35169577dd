import type { ApprovalStore, Lease } from "./approval-store.ts";

/** Thrown when a shutdown ended the waiting: nothing is recorded, so the next start resumes the operation. */
export class StoppedWaiting extends Error {}

/**
 * Thrown when this execution no longer holds the approval's lease (it stalled past it, or lost the store
 * for a whole lease period, and another execution may have taken over): it sends nothing more and
 * records nothing; the execution holding the lease settles the approval.
 */
export class LeaseLost extends StoppedWaiting {}

/** What an execution needs of its lease: its owner id, the fence before the write, and a signal. */
export interface HeldLease extends Lease {
  /** Aborted when the process stops or the lease is lost; ends every wait of the execution. */
  readonly signal: AbortSignal;
  /** Renews the lease now and throws `LeaseLost` when it is not ours any more: the last check before a write. */
  confirm(): Promise<void>;
  stop(): void;
}

/**
 * Keeps an execution's lease alive while it runs: renewed every third of its length on the database's
 * clock. A renewal that finds the lease taken (or the approval settled) ends the execution at once; a
 * store unreachable for a whole lease period ends it too, since another replica may then have taken over.
 */
export function keepLease(approvals: ApprovalStore, approvalId: string, lease: Lease, parent: AbortSignal): HeldLease {
  const ctl = new AbortController();
  const lose = (why: string) => {
    if (!ctl.signal.aborted) ctl.abort(new LeaseLost(`lease on approval ${approvalId} lost: ${why}`));
  };
  const onParent = () => ctl.abort(new StoppedWaiting("stopped"));
  if (parent.aborted) onParent();
  else parent.addEventListener("abort", onParent, { once: true });
  // Measured on this process's monotonic clock from the moment a renewal was sent, so it errs on the early side.
  let confirmedAt = performance.now();
  const renew = async (): Promise<boolean> => {
    const sent = performance.now();
    const held = await approvals.renewLease(approvalId, lease);
    if (held) confirmedAt = sent;
    else lose("another execution holds it, or the approval is settled");
    return held;
  };
  let renewing = false;
  const timer = setInterval(() => {
    if (ctl.signal.aborted) return;
    if (performance.now() - confirmedAt >= lease.ms) return lose("not renewed for a whole lease period");
    if (renewing) return;
    renewing = true;
    // The store unreachable: tried again at the next tick.
    renew().catch(() => {}).finally(() => (renewing = false));
  }, Math.max(20, Math.floor(lease.ms / 3)));
  timer.unref();
  return {
    ...lease,
    signal: ctl.signal,
    async confirm() {
      if (ctl.signal.aborted || !(await renew())) throw ctl.signal.reason instanceof StoppedWaiting ? ctl.signal.reason : new LeaseLost(`lease on approval ${approvalId} lost`);
    },
    stop() {
      clearInterval(timer);
      parent.removeEventListener("abort", onParent);
    },
  };
}
