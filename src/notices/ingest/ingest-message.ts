import { createHash } from "node:crypto";
import { RETIREMENTS } from "../../catalog/lookup.ts";
import { isTlsbotError, TlsbotError } from "../../domain/errors.ts";
import type { NoticeRecord, Store } from "../../store/store.ts";
import { planRetirement, type NoticePlan, type PlanOptions } from "../apply/plan-retirement.ts";
import { planAdvisorEvidence } from "../apply/retirement-evidence.ts";
import { isCalendarDay } from "../extract/find-dates.ts";
import { noticeFromAdvisorRetirement, type AdvisorRetirement } from "../sources/advisor/advisor-retirement.ts";
import { ADVISOR_PREFIX, SERVICE_HEALTH_PREFIX } from "../sources/source-kinds.ts";
import type { ParsedNotice } from "../notice.ts";
import { parseNotice, type ParseOptions } from "../parse-notice.ts";
import { looksCutOff } from "../mime/cut-off-mail.ts";
import { authenticatedSource } from "../sources/authenticated-source.ts";
import { noticeFromAdvisory, type Advisory } from "../sources/service-health/advisory.ts";

export interface IncomingMessage {
  readonly bytes: Uint8Array;
  /** Where it came from: `file:…`, `imap:…`, `graph:…`, `drop:…`. */
  readonly source: string;
  /** A stable id from the source (Graph internetMessageId); otherwise the Message-ID header or a hash. */
  readonly messageKey?: string;
  readonly receivedAt: string;
}

export interface IngestResult {
  readonly notice: NoticeRecord;
  readonly duplicate: boolean;
  readonly parsed: ParsedNotice | null;
}

/**
 * The Message-ID from the header block, without parsing the whole mail (duplicates are skipped before any work). A copy
 * that looks cut off is keyed by its content too: under the bare Message-ID, the complete copy arriving later would be
 * skipped as already seen, and the notice would be known only from its fragment.
 */
export function messageKeyOf(bytes: Uint8Array): string {
  const head = new TextDecoder("utf-8", { fatal: false }).decode(bytes.subarray(0, 64 * 1024)).split(/\r?\n\r?\n/, 1)[0] ?? "";
  const id = /^message-id:\s*(?:\r?\n[ \t]+)?<?([^>\s]+)>?/im.exec(head)?.[1];
  const hash = () => createHash("sha256").update(bytes).digest("hex");
  if (!id) return `sha256:${hash()}`;
  return looksCutOff(bytes) ? `mid:${id}${CUT_OFF_MARK}${hash()}` : `mid:${id}`;
}

const CUT_OFF_MARK = "#cut-off:";

/** What ingesting needs beyond parsing: the clock, and whether a sure notice may move a deadline by itself. */
export type IngestOptions = ParseOptions & { readonly now: () => Date; readonly deadlineChanges?: PlanOptions["deadlineChanges"] };

/**
 * One message end to end: recorded first (raw bytes kept), then parsed and applied in one transaction.
 * A failure is recorded on the notice, which stays retryable; a message seen before is not processed again.
 */
export async function ingestMessage(store: Store, msg: IncomingMessage, opts: IngestOptions): Promise<IngestResult> {
  const messageKey = msg.messageKey ?? messageKeyOf(msg.bytes);
  // A fragment of a mail already read whole adds nothing, and would only wait for a reviewer to dismiss it.
  const cut = messageKey.indexOf(CUT_OFF_MARK);
  const whole = cut < 0 ? undefined : (await store.listNotices({ messageKey: messageKey.slice(0, cut), limit: 1 }))[0];
  if (whole) return { notice: whole, duplicate: true, parsed: null };
  const tooLarge = msg.bytes.byteLength > (opts.maxBytes ?? 10 * 1024 * 1024);
  const { notice, created } = await store.recordNotice({ messageKey, source: msg.source, receivedAt: msg.receivedAt, raw: tooLarge ? null : msg.bytes });
  if (!created && notice.status !== "pending" && notice.status !== "failed") return { notice, duplicate: true, parsed: null };
  return processNotice(store, notice.id, msg.bytes, opts, msg.source);
}

/**
 * Parses and applies a recorded notice (first time or retry). Whether its source is authenticated comes
 * from the stored source, not from the options, which every source shares.
 */
export async function processNotice(store: Store, noticeId: number, bytes: Uint8Array, opts: IngestOptions & { acceptedBy?: string; acceptedByName?: string; heldFor?: string | null; acceptedDeadline?: string }, source?: string): Promise<IngestResult> {
  const at = opts.now().toISOString();
  const parseOpts: ParseOptions = { ...opts, authenticatedSource: authenticatedSource(source) };
  let parsed: ParsedNotice;
  // Advisor recommendations only ever attach evidence: they are planned apart from notices that may move a deadline.
  let advisor: AdvisorRetirement | null = null;
  try {
    if (source?.startsWith(ADVISOR_PREFIX)) {
      advisor = JSON.parse(new TextDecoder().decode(bytes)) as AdvisorRetirement;
      parsed = noticeFromAdvisorRetirement(advisor, parseOpts);
    } else {
      parsed = source?.startsWith(SERVICE_HEALTH_PREFIX)
        ? noticeFromAdvisory(JSON.parse(new TextDecoder().decode(bytes)) as Advisory, parseOpts)
        : await parseNotice(bytes, parseOpts);
    }
  } catch (err) {
    const permanent = isTlsbotError(err) && err.code === "noticeTooLarge";
    const notice = await store.updateNotice(noticeId, {
      status: permanent ? "triage" : "failed", reason: permanent ? "tooLarge" : "parseFailed",
      error: isTlsbotError(err) ? `${err.code} ${JSON.stringify(err.params)}` : (err as Error).message, at,
    });
    return { notice, duplicate: false, parsed: null };
  }
  // An operator who reviewed a triaged notice vouches for its sender — and so may let it postpone a
  // deadline; everything else still has to hold.
  if (opts.acceptedBy) parsed = { ...parsed, trust: { trusted: true, authenticated: true, reason: "acceptedByOperator" }, confidence: parsed.confidence === "low" ? "medium" : parsed.confidence };
  // The day the operator read in the notice themselves (the reader found none, several, or one it was unsure of).
  if (opts.acceptedBy && opts.acceptedDeadline) {
    parsed = { ...parsed, deadline: opts.acceptedDeadline, deadlineCandidates: [], fieldConfidence: { ...parsed.fieldConfidence, deadline: 1 } };
  }
  try {
    const notice = await store.transaction(async (tx) => {
      // An acceptance decides a held notice once: whoever comes second (another replica, a double click) finds it decided.
      if (opts.acceptedBy) {
        const held = await tx.lockNotice(noticeId);
        if (held?.status !== "triage") throw new TlsbotError("noticeNotInTriage", { id: noticeId, status: held?.status ?? "unknown" });
      }
      const stored = await tx.listRetirements();
      const plan: NoticePlan = advisor
        ? planAdvisorEvidence(parsed, advisor, `notice:${noticeId}`, stored, RETIREMENTS, at)
        : planRetirement(parsed, `notice:${noticeId}`, stored, RETIREMENTS, at, { deadlineChanges: opts.deadlineChanges ?? "apply" });
      if (opts.acceptedBy) await tx.appendAudit({ at, actor: opts.acceptedBy, action: "notice.accept", target: `notice:${noticeId}`, detail: { outcome: plan.status, reason: plan.reason, heldFor: opts.heldFor ?? null, ...(opts.acceptedDeadline ? { deadline: opts.acceptedDeadline } : {}), ...(opts.acceptedByName ? { name: opts.acceptedByName } : {}) } });
      for (const change of plan.changes) {
        await tx.upsertRetirement(change.after);
        await tx.appendRetirementChange({ retirementId: change.after.id, at, noticeId, change: change.kind, before: change.before, after: change.after });
      }
      if (plan.changes.length > 0) {
        await tx.appendAudit({ at, actor: "tlsbot", action: "retirement.update", target: `notice:${noticeId}`, detail: { changes: plan.changes.map((c) => ({ id: c.after.id, kind: c.kind, from: c.before?.deadline ?? null, to: c.after.deadline })) } });
      }
      const { text: _text, ...summary } = parsed;
      return tx.updateNotice(noticeId, { status: plan.status, reason: plan.reason, parsed: summary as unknown as Record<string, unknown>, retirementIds: plan.changes.map((c) => c.after.id), dropRaw: plan.status === "applied" || plan.status === "ignored", at });
    });
    return { notice, duplicate: false, parsed };
  } catch (err) {
    if (isTlsbotError(err) && err.code === "noticeNotInTriage") throw err;
    const notice = await store.updateNotice(noticeId, { status: "failed", reason: "applyFailed", error: (err as Error).message, at });
    return { notice, duplicate: false, parsed };
  }
}

/** Retries every notice whose processing failed (raw bytes kept); returns how many now succeeded. */
export async function retryFailedNotices(store: Store, opts: IngestOptions & { maxAttempts?: number }): Promise<number> {
  let ok = 0;
  for (const n of await store.listNotices({ status: ["failed", "pending"], limit: 500 })) {
    if (n.attempts >= (opts.maxAttempts ?? 10)) continue;
    const raw = await store.noticeRaw(n.id);
    if (!raw) continue;
    const r = await processNotice(store, n.id, raw, opts, n.source);
    if (r.notice.status !== "failed") ok++;
  }
  return ok;
}

/**
 * An operator accepts a notice held for review (a pasted text, a forwarded mail they checked, a postponement
 * without authentication evidence): it is applied as if from an authenticated trusted sender, audited under
 * their name with the reason it was held. Their acceptance answers the reader's doubts about whether it is a
 * TLS retirement; `deadline` is the day they read in it where the reader found none it could trust. Only
 * triaged notices can be accepted, and one with no day (none read, none given) or no service changes nothing.
 */
export async function acceptTriagedNotice(store: Store, noticeId: number, actor: string, opts: ParseOptions & { now: () => Date; deadline?: string | undefined; actorName?: string | undefined }): Promise<IngestResult> {
  if (opts.deadline !== undefined && !isCalendarDay(opts.deadline)) throw new TlsbotError("invalidArgument", { option: "--deadline", value: opts.deadline });
  // The mail first, then the status: a dismissal in between (which drops the mail) shows as decided, not as unknown.
  const raw = await store.noticeRaw(noticeId);
  const notice = await store.getNotice(noticeId);
  if (!notice) throw new TlsbotError("noticeUnknown", { id: noticeId });
  if (notice.status !== "triage") throw new TlsbotError("noticeNotInTriage", { id: noticeId, status: notice.status });
  if (!raw) throw new TlsbotError("noticeUnknown", { id: noticeId });
  const { deadline, actorName, ...rest } = opts;
  return processNotice(store, noticeId, raw, { ...rest, acceptedBy: actor, heldFor: notice.reason, ...(deadline ? { acceptedDeadline: deadline } : {}), ...(actorName ? { acceptedByName: actorName } : {}) }, notice.source);
}

/**
 * An operator decides that a notice held for review changes nothing (a look-alike, a duplicate, someone else's
 * service): it is marked ignored with their name in the audit log, its mail is dropped, and no retirement moves.
 * Only a held notice can be dismissed, once.
 */
/** `actorName`: what the chat platform calls the person, shown on the notice's card; the audit's actor is `actor`. */
export async function dismissTriagedNotice(store: Store, noticeId: number, actor: string, now: Date, actorName?: string): Promise<NoticeRecord> {
  const at = now.toISOString();
  return store.transaction(async (tx) => {
    const held = await tx.lockNotice(noticeId);
    if (!held) throw new TlsbotError("noticeUnknown", { id: noticeId });
    if (held.status !== "triage") throw new TlsbotError("noticeNotInTriage", { id: noticeId, status: held.status });
    await tx.appendAudit({ at, actor, action: "notice.dismiss", target: `notice:${noticeId}`, detail: { heldFor: held.reason, ...(actorName ? { name: actorName } : {}) } });
    return tx.updateNotice(noticeId, { status: "ignored", reason: "dismissedByOperator", dropRaw: true, at });
  });
}
