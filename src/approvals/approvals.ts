import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import type { ArmClients } from "../azure/arm-clients.ts";
import type { ResourceKind } from "../azure/kinds/resource-kind.ts";
import type { DeviceTlsReader } from "../azure/logs/device-tls-reader.ts";
import { upgradeFactsFor, upgradeFactsForType } from "../catalog/lookup.ts";
import { actorKey, FINAL_STATES, shownName, type Actor, type Approval, type Refusal } from "../domain/approval.ts";
import type { ResourceKindId } from "../domain/resource.ts";
import { configuredVersion, parseTlsVersion, UPGRADE_TARGET, type TlsVersion } from "../domain/tls-version.ts";
import type { ResourceRow, View } from "../render/view-model.ts";
import type { Store } from "../store/store.ts";
import { InFlightError, type ApprovalStore, type Lease } from "./approval-store.ts";
import { keepLease } from "./approval-lease.ts";
import type { ApprovalPolicy } from "./approval-policy.ts";
import { newToken, hashToken } from "./approval-token.ts";
import { alreadyAtTarget, applyUpgrade, parseAsKind, recordReRead, resumeUpgrade, StoppedWaiting, LeaseLost, type ApplyDeps, type UpgradeHooks } from "./apply-upgrade.ts";
import { anyScopeCovers, authorise } from "./approvers.ts";
import { statusView } from "./approval-views.ts";

export interface ApprovalsDeps {
  readonly approvals: ApprovalStore;
  readonly store: Store;
  /** Azure access; null when this process has none (then nothing can be applied, and the user is told). */
  readonly clients: (() => ArmClients) | null;
  readonly kinds: ReadonlyMap<ResourceKindId, ResourceKind>;
  readonly policy: ApprovalPolicy;
  readonly now: () => Date;
  /** An approval moved: update its card where it was shown (set by `serve`). */
  readonly onChange?: (a: Approval) => Promise<void>;
  readonly onRecorded?: () => void;
  readonly onError?: (err: unknown) => void;
  /** Devices per TLS version of an IoT hub (Log Analytics), when a workspace is configured. */
  readonly deviceTls?: DeviceTlsReader;
  /**
   * How long an execution holds an applying approval's write without renewing (database clock; renewed
   * every third of it). Another replica takes a write over only once its lease expired. Default 30 s.
   */
  readonly leaseMs?: number;
  /** Names this process in lease owners (diagnostics only; every execution's owner is unique anyway). */
  readonly replicaId?: string;
  /** Test barriers around the write (see `UpgradeHooks`). */
  readonly hooks?: UpgradeHooks;
}

export const DEFAULT_APPROVAL_LEASE_MS = 30_000;

/** What the user sent with a confirmation; every field is untrusted input. */
export interface ConfirmInput {
  readonly approvalId: unknown;
  readonly token: unknown;
  readonly resourceId: unknown;
  readonly target: unknown;
  readonly ack: unknown;
  readonly typedName: unknown;
}

export interface Where {
  readonly actor: Actor;
  readonly conversationId: string;
  /** Where the card acted on lives, opaque to the workflow (a Teams activity id, a Slack channel+ts). */
  readonly replyTarget?: string | null;
  readonly lang: "ja" | "en";
}

export const TARGET: TlsVersion = UPGRADE_TARGET;

/** The display name the platform gave, for cards; bounded, and absent when there is none. */
const nameOf = (w: { actor: Actor }): Record<string, string> => {
  const name = shownName(w.actor);
  return name ? { [actorKey(w.actor)]: name } : {};
};
const seenVersion = (a: Approval): TlsVersion | null => {
  const seen = parseTlsVersion(a.seenTls);
  return seen.kind === "version" ? seen.version : null;
};
const str = (v: unknown, max: number) => (typeof v === "string" && v.length > 0 && v.length <= max ? v : null);
/** Adaptive Cards send toggles as "true"/"false" strings, Slack as a selected option: only an explicit yes counts. */
const acknowledged = (v: unknown) => v === true || v === "true";

/**
 * The approval workflow: request → (second approval) → applying → succeeded | failed | cancelled | expired.
 * Every step re-checks authorisation and the token on the server, whatever the card showed.
 */
export function createApprovals(deps: ApprovalsDeps) {
  const running = new Set<Promise<unknown>>();
  const stopping = new AbortController();
  const audit = (actor: string, action: string, target: string | null, detail: Record<string, unknown>) =>
    deps.store.appendAudit({ at: deps.now().toISOString(), actor, action, target, detail });
  const leaseMs = deps.leaseMs ?? DEFAULT_APPROVAL_LEASE_MS;
  const replica = deps.replicaId ?? `${hostname()}:${process.pid}`;
  const newLease = (): Lease => ({ owner: `${replica}/${randomUUID()}`, ms: leaseMs });
  /** Approvals whose write an execution of this process holds (they are not claimed again here). */
  const executing = new Set<string>();
  const background = (p: Promise<unknown>) => {
    // A shutdown ending the wait is expected: the approval stays applying and the next start resumes it.
    const tracked = p.catch((err) => (err instanceof StoppedWaiting ? undefined : deps.onError?.(err))).finally(() => running.delete(tracked));
    running.add(tracked);
  };
  /** Runs an execution that holds `lease` on `approval`, renewing it until the execution ends. */
  const execute = (approval: Approval, lease: Lease, run: (d: ApplyDeps) => Promise<Approval>) => {
    const held = keepLease(deps.approvals, approval.id, lease, stopping.signal);
    executing.add(approval.id);
    const applyDeps: ApplyDeps = {
      approvals: deps.approvals, store: deps.store, clients: deps.clients as () => ArmClients, kinds: deps.kinds, now: deps.now,
      onChange: async (a) => { await deps.onChange?.(a); }, onRecorded: () => deps.onRecorded?.(), lease: held, ...(deps.hooks ? { hooks: deps.hooks } : {}),
    };
    background(run(applyDeps).catch(async (err: unknown) => {
      // A shutdown hands the write over at once rather than after the lease: what was sent has its operation stored.
      if (err instanceof StoppedWaiting && !(err instanceof LeaseLost)) await deps.approvals.releaseLease(approval.id, lease.owner).catch(() => {});
      throw err;
    }).finally(() => {
      held.stop();
      executing.delete(approval.id);
    }));
  };

  async function refuse(where: Where, reason: Refusal, resourceId: string | null, resourceName: string | null, extra: Record<string, unknown> = {}): Promise<View> {
    await audit(actorKey(where.actor), "approval.refused", resourceId, { reason, channel: where.conversationId, ...extra });
    return { type: "approvalRefused", reason, resourceName };
  }

  type Evidence = Extract<View, { type: "approvalDialog" }>["evidence"];
  // What was found for a request is shown again whenever its dialog is (a typo must not re-query Azure).
  const evidenceOf = new Map<string, Evidence>();

  /** What the approver can check before deciding: device TLS versions for a hub, guidance for Redis. */
  async function gatherEvidence(row: ResourceRow): Promise<Evidence> {
    const kind = deps.kinds.get(row.kind);
    if (!kind) return [];
    return kind.evidence(row.id, { ...(deps.deviceTls ? { deviceTls: deps.deviceTls } : {}), ...(deps.onError ? { onError: deps.onError } : {}) });
  }

  function dialog(a: Approval, token: string, step: "confirm" | "second", inventory: ResourceRow, problem: "ackMissing" | "nameMismatch" | "changed" | null): View {
    // A resource with a deadline has a retirement, whatever the catalog says of its kind (a notice may have created one).
    const facts = upgradeFactsFor(inventory.type, inventory.deadline !== null);
    // The setting the request was confirmed against, which a start compares with Azure: after a change the
    // inventory still holds the one before it until the next scan.
    const row = { ...inventory, configuredTls: seenVersion(a) };
    return {
      type: "approvalDialog", approvalId: a.id, token, step, row, target: a.target, reversible: facts.reversible,
      sideEffects: facts.sideEffects, evidence: evidenceOf.get(a.id) ?? [],
      needsSecond: a.needsSecond, dryRun: a.dryRun, expiresAt: a.expiresAt, problem, requestedBy: step === "second" ? a.requestedBy : null,
    };
  }

  /** The first step: an authorised approver asks to upgrade one resource; they get the dialog. */
  async function request(where: Where, row: ResourceRow): Promise<View> {
    const actor = actorKey(where.actor);
    const auth = authorise(deps.policy.approvers, where.actor, row.id);
    if (!auth.ok) return refuse(where, auth.reason, row.id, row.name);
    if (row.status === "compliant") return { type: "approvalStatus", approvalId: "", resourceId: row.id, resourceName: row.name, state: "succeeded", target: TARGET, dryRun: false, note: "alreadyCompliant", error: null, approvedBy: [] };
    // One read of the resource's unfinished requests: one applying answers with its status; open ones may be given back.
    const unfinished = await deps.approvals.list({ resourceId: row.id, states: ["applying", "requested", "awaitingSecond"], limit: 50 });
    const inFlight = unfinished.find((a) => a.state === "applying");
    if (inFlight) return statusView(inFlight);
    const now = deps.now();
    // Asked again in the same conversation while a request is open: that request, not another beside it (each
    // would wait in the approvals list, and confirming one leaves the others to expire). Its requester gets its
    // dialog again; one waiting for a second approver gives another approver that dialog and its requester its
    // status. Another approver asking while the first has not confirmed starts a request of their own, as before:
    // an abandoned dialog must not hold the resource until it expires.
    const open = unfinished
      .filter((a) => a.conversationId === where.conversationId && a.target === TARGET && a.expiresAt > now.toISOString())
      .find((a) => a.state === "awaitingSecond" || a.requestedBy === actor);
    if (open) return open.state === "awaitingSecond" && open.requestedBy === actor ? statusView(open) : reopen(where, open.id, () => row);
    const expiresAt = new Date(now.getTime() + deps.policy.ttlMs).toISOString();
    const { token, hash } = newToken();
    const approval = await deps.approvals.create({
      id: randomUUID(), resourceId: row.id, resourceName: row.name, kind: row.kind, target: TARGET, seenTls: row.configuredTls,
      requestedBy: actor, actorNames: nameOf(where), conversationId: where.conversationId, needsSecond: anyScopeCovers(deps.policy.twoPersonScopes, row.id),
      dryRun: anyScopeCovers(deps.policy.dryRunScopes, row.id), expiresAt, createdAt: now.toISOString(),
    }, { hash, step: "confirm", boundActor: actor, expiresAt });
    const evidence = await gatherEvidence(row);
    if (evidenceOf.size > 1000) evidenceOf.clear();
    evidenceOf.set(approval.id, evidence);
    await audit(actor, "approval.requested", row.id, { approvalId: approval.id, channel: where.conversationId, current: row.configuredTls, effective: row.effectiveTls, target: TARGET, needsSecond: approval.needsSecond, dryRun: approval.dryRun, evidence });
    return dialog(approval, token, "confirm", row, null);
  }

  /** A confirmation (the requester's, or a second approver's): checked in full, then applied once. */
  async function confirm(where: Where, input: ConfirmInput, rowOf: (id: string) => ResourceRow | null): Promise<View> {
    const actor = actorKey(where.actor);
    const approvalId = str(input.approvalId, 64);
    const token = str(input.token, 64);
    const approval = approvalId ? await deps.approvals.get(approvalId) : null;
    if (!approval || !token) return refuse(where, "tokenInvalid", null, null);
    const auth = authorise(deps.policy.approvers, where.actor, approval.resourceId);
    if (!auth.ok) return refuse(where, auth.reason, approval.resourceId, approval.resourceName, { approvalId: approval.id });
    // Cancelling leaves the card's Raise button and its unused token where they were: the token alone
    // would carry the request on to `start`, which moves from whatever state it read.
    if (approval.state === "cancelled" || approval.state === "expired") {
      const refused = await refuse(where, "notPending", approval.resourceId, approval.resourceName, { approvalId: approval.id, state: approval.state });
      return approval.conversationId === where.conversationId ? statusView(approval) : refused;
    }
    const row = rowOf(approval.resourceId);
    if (!row) return refuse(where, "resourceGone", approval.resourceId, approval.resourceName, { approvalId: approval.id });
    const step = approval.state === "awaitingSecond" ? "second" : "confirm";
    // Inputs first, without using the token: a missing tick or a typo only shows the dialog again.
    const typed = typeof input.typedName === "string" ? input.typedName.trim() : null;
    const problem = !acknowledged(input.ack) ? "ackMissing" : typed !== approval.resourceName ? "nameMismatch" : null;
    if (problem) {
      await audit(actor, "approval.refused", approval.resourceId, { approvalId: approval.id, reason: problem, channel: where.conversationId });
      return dialog(approval, token, step, row, problem);
    }
    const used = await deps.approvals.useToken({
      approvalId: approval.id, hash: hashToken(token), actor, conversationId: where.conversationId,
      resourceId: str(input.resourceId, 400) ?? "", target: str(input.target, 8) ?? "", now: deps.now().toISOString(),
    });
    if (!used.ok) {
      const refused = await refuse(where, used.reason, approval.resourceId, approval.resourceName, { approvalId: approval.id });
      // A double click or a platform's retry of the same confirmation shows where things stand, not an error.
      const latest = used.reason === "tokenUsed" ? await deps.approvals.get(approval.id) : null;
      return latest && latest.conversationId === where.conversationId ? statusView(latest) : refused;
    }
    // Moves revoke the tokens shown before them, but a replica still on an earlier version grants without
    // looking at the state and moves without revoking: a spare "second" token it granted would start a request
    // sent back to its requester by a change, with one approver in place of two.
    if ((used.step === "second") !== (approval.state === "awaitingSecond")) {
      return refuse(where, "notPending", approval.resourceId, approval.resourceName, { approvalId: approval.id, state: approval.state, step: used.step });
    }
    await audit(actor, "approval.acknowledged", approval.resourceId, { approvalId: approval.id, step: used.step, channel: where.conversationId, typedName: typed, irreversible: upgradeFactsForType(row.type).reversible === false });
    if (where.replyTarget) await deps.approvals.setMessage(approval.id, { ref: where.replyTarget, lang: where.lang }, deps.now().toISOString());
    const approvedBy = [...approval.approvedBy, actor];
    if (used.step === "confirm" && approval.needsSecond) {
      const second = newToken();
      // The requester's other dialogs of this request (a reopen, another window) are revoked with the move.
      const moved = await deps.approvals.moveAndReissue(approval.id, ["requested"], "awaitingSecond", { approvedBy, actorNames: nameOf(where) }, deps.now().toISOString(),
        { hash: second.hash, step: "second", boundActor: null, expiresAt: approval.expiresAt });
      if (!moved) return refuse(where, "notPending", approval.resourceId, approval.resourceName, { approvalId: approval.id });
      return dialog(moved, second.token, "second", row, null);
    }
    if (used.step === "second") await audit(actor, "approval.approved", approval.resourceId, { approvalId: approval.id, second: true, channel: where.conversationId });
    return start({ ...approval, approvedBy, actorNames: { ...approval.actorNames, ...nameOf(where) } }, where, row);
  }

  /** Re-reads the resource, then claims the single in-flight slot and writes in the background. */
  async function start(approval: Approval, where: Where, row: ResourceRow): Promise<View> {
    const actor = actorKey(where.actor);
    const at = () => deps.now().toISOString();
    // Only an approval still waiting for its confirmation or its second approver may start; any other state
    // (cancelled, expired, already applying or done) is refused here too, whatever a caller checked before.
    if (approval.state !== "requested" && approval.state !== "awaitingSecond") {
      return refuse(where, "notPending", approval.resourceId, approval.resourceName, { approvalId: approval.id, state: approval.state });
    }
    const from = [approval.state];
    if (approval.dryRun) {
      const done = await deps.approvals.move(approval.id, from, "succeeded", { approvedBy: approval.approvedBy, actorNames: approval.actorNames, result: { dryRun: true } }, at());
      await audit(actor, "approval.dryRun", approval.resourceId, { approvalId: approval.id, channel: where.conversationId, target: approval.target });
      return done ? statusView(done) : refuse(where, "notPending", approval.resourceId, approval.resourceName);
    }
    if (!deps.clients) return refuse(where, "notPending", approval.resourceId, approval.resourceName, { why: "no Azure access in this process" });
    const kind = deps.kinds.get(approval.kind as ResourceKindId);
    const observed = kind ? await kind.upgrade.read(deps.clients(), approval.resourceId) : null;
    if (!observed) {
      await deps.approvals.move(approval.id, from, "cancelled", { result: { note: "resourceGone" } }, at());
      return refuse(where, "resourceGone", approval.resourceId, approval.resourceName, { approvalId: approval.id });
    }
    if (alreadyAtTarget(observed, approval.target)) {
      const done = await deps.approvals.move(approval.id, from, "succeeded", { approvedBy: approval.approvedBy, actorNames: approval.actorNames, result: { note: "alreadyCompliant", before: observed.rawTls } }, at());
      await audit(actor, "approval.noChange", approval.resourceId, { approvalId: approval.id, channel: where.conversationId, current: observed.rawTls });
      await recordReRead({ store: deps.store, now: deps.now, onRecorded: () => deps.onRecorded?.() }, observed, await deps.store.getResource(approval.resourceId));
      return done ? statusView(done) : refuse(where, "notPending", approval.resourceId, approval.resourceName);
    }
    const nowTls = configuredVersion(parseAsKind(observed));
    if (nowTls !== approval.seenTls) {
      // Changed since the dialog was shown: show what it is now and ask again, with a new token. Every dialog
      // shown before (a reopen, another window, a second approver's) is revoked in the same step: confirmed,
      // one would apply the upgrade to a state its user never saw.
      const again = newToken();
      const moved = await deps.approvals.moveAndReissue(approval.id, from, "requested", { seenTls: nowTls, approvedBy: [] }, at(),
        { hash: again.hash, step: "confirm", boundActor: approval.requestedBy, expiresAt: approval.expiresAt });
      if (!moved) return refuse(where, "notPending", approval.resourceId, approval.resourceName);
      await audit(actor, "approval.changed", approval.resourceId, { approvalId: approval.id, seen: approval.seenTls, now: nowTls });
      return dialog(moved, again.token, "confirm", row, "changed");
    }
    let applying: Approval | null;
    const lease = newLease();
    try {
      // The state and this execution's lease in one statement: no replica sees it applying and unleased.
      applying = await deps.approvals.move(approval.id, from, "applying", { approvedBy: approval.approvedBy, actorNames: approval.actorNames, lease }, at());
    } catch (err) {
      if (err instanceof InFlightError) return refuse(where, "inFlight", approval.resourceId, approval.resourceName, { approvalId: approval.id });
      throw err;
    }
    if (!applying) return refuse(where, "notPending", approval.resourceId, approval.resourceName, { approvalId: approval.id });
    const claimed = applying;
    execute(claimed, lease, (d) => applyUpgrade(d, claimed, observed));
    return statusView(applying);
  }

  /**
   * Shows an open request's dialog again, with a fresh token, to someone who may act on it now: the
   * requester while it waits for them, any other approver of the resource while it waits for a second.
   * A button that stands for an existing request (Slack's "Review and confirm…") needs no state of its own.
   */
  async function reopen(where: Where, approvalId: unknown, rowOf: (id: string) => ResourceRow | null): Promise<View> {
    const id = str(approvalId, 64);
    const approval = id ? await deps.approvals.get(id) : null;
    if (!approval) return refuse(where, "tokenInvalid", null, null);
    if (approval.state === "applying" || FINAL_STATES.includes(approval.state)) return statusView(approval);
    if (approval.conversationId !== where.conversationId) return refuse(where, "otherConversation", approval.resourceId, approval.resourceName, { approvalId: approval.id });
    const auth = authorise(deps.policy.approvers, where.actor, approval.resourceId);
    if (!auth.ok) return refuse(where, auth.reason, approval.resourceId, approval.resourceName, { approvalId: approval.id });
    const actor = actorKey(where.actor);
    const second = approval.state === "awaitingSecond";
    if (second && approval.requestedBy === actor) return refuse(where, "selfSecond", approval.resourceId, approval.resourceName, { approvalId: approval.id });
    if (!second && approval.requestedBy !== actor) return refuse(where, "notPending", approval.resourceId, approval.resourceName, { approvalId: approval.id });
    if (approval.expiresAt <= deps.now().toISOString()) return refuse(where, "expired", approval.resourceId, approval.resourceName, { approvalId: approval.id });
    const row = rowOf(approval.resourceId);
    if (!row) return refuse(where, "resourceGone", approval.resourceId, approval.resourceName, { approvalId: approval.id });
    const fresh = newToken();
    // Granted only while the request is still as this dialog shows it: a change or a step on another replica
    // in the meantime has revoked the others, and this one would outlive that.
    const granted = await deps.approvals.grantToken(approval.id, { hash: fresh.hash, step: second ? "second" : "confirm", boundActor: second ? null : actor, expiresAt: approval.expiresAt }, approval);
    if (!granted) return refuse(where, "notPending", approval.resourceId, approval.resourceName, { approvalId: approval.id });
    return dialog(approval, fresh.token, second ? "second" : "confirm", row, null);
  }

  async function cancel(where: Where, input: Pick<ConfirmInput, "approvalId" | "token">): Promise<View> {
    const approvalId = str(input.approvalId, 64);
    const token = str(input.token, 64);
    const approval = approvalId ? await deps.approvals.get(approvalId) : null;
    if (!approval || !token) return refuse(where, "tokenInvalid", null, null);
    const actor = actorKey(where.actor);
    // The requester, or any approver of the resource, may call it off before anything is written.
    if (approval.requestedBy !== actor && !authorise(deps.policy.approvers, where.actor, approval.resourceId).ok) return refuse(where, "notApprover", approval.resourceId, approval.resourceName);
    if (approval.conversationId !== where.conversationId) return refuse(where, "otherConversation", approval.resourceId, approval.resourceName);
    // A dialog of this request that could still confirm it, whichever step: the token is left unused, so a
    // repeated press (or a platform's retry) shows the cancelled request, and the card's Raise button, pressed
    // after, is answered by the cancelled state before any token is looked at.
    const standing = await deps.approvals.tokenStanding(approval.id, hashToken(token), deps.now().toISOString());
    if (standing !== "live") {
      const reason = standing === "revoked" ? "superseded" : standing === "expired" ? "expired" : "tokenInvalid";
      return refuse(where, reason, approval.resourceId, approval.resourceName, { approvalId: approval.id, attempt: "cancel" });
    }
    const moved = await deps.approvals.move(approval.id, ["requested", "awaitingSecond"], "cancelled", {}, deps.now().toISOString());
    if (!moved) return statusView((await deps.approvals.get(approval.id)) ?? approval);
    await audit(actor, "approval.cancelled", approval.resourceId, { approvalId: approval.id, channel: where.conversationId });
    return statusView(moved);
  }

  /**
   * At start and then periodically on every replica: expire dialogs past their time, and finish the
   * upgrades left applying whose lease has expired (their execution died or stalled). `takeover` (a
   * process that knows it is the only one, PGlite at start) takes every applying one at once. Returns
   * how many this call took.
   */
  async function resume(opts: { readonly takeover?: boolean } = {}): Promise<number> {
    const now = deps.now();
    for (const a of await deps.approvals.list({ states: ["requested", "awaitingSecond"], limit: 1000 })) {
      if (a.expiresAt <= now.toISOString()) {
        const moved = await deps.approvals.move(a.id, [a.state], "expired", {}, now.toISOString());
        if (moved) await audit("cli:tlsbot", "approval.expired", a.resourceId, { approvalId: a.id });
      }
    }
    if (!deps.clients) return 0;
    let taken = 0;
    for (const a of await deps.approvals.list({ states: ["applying"], limit: 1000 })) {
      if (executing.has(a.id) || stopping.signal.aborted) continue;
      const lease = newLease();
      // The claim returns the row as it is now: an operation stored since the list was read is polled, not written again.
      const claimed = await deps.approvals.claimLease(a.id, lease, opts.takeover ? { takeover: true } : {});
      if (!claimed) continue;
      taken += 1;
      execute(claimed, lease, (d) => resumeUpgrade(d, claimed));
    }
    return taken;
  }

  const open = () => deps.approvals.list({ states: ["requested", "awaitingSecond", "applying"], limit: 200 });

  return {
    request, confirm, cancel, reopen, resume, open, leaseMs,
    get: (id: string) => deps.approvals.get(id),
    isFinal: (a: Approval) => FINAL_STATES.includes(a.state),
    mayAudit: (actor: Actor, resourceId: string) => authorise(deps.policy.approvers, actor, resourceId).ok,
    /**
     * Stops waiting for Azure (writes already sent go on there) and resolves once nothing of this process
     * touches the store any more; what was left applying is resumed by the next start.
     */
    stop: async () => {
      stopping.abort();
      while (running.size > 0) await Promise.all([...running]);
    },
    /** Resolves when every write started by this process has finished (tests, shutdown). */
    idle: async () => {
      while (running.size > 0) await Promise.all([...running]);
    },
  };
}

export type Approvals = ReturnType<typeof createApprovals>;
