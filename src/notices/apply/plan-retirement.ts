import type { CatalogRetirement } from "../../catalog/catalog-types.ts";
import type { NoticeStatus, RetirementRecord } from "../../store/store.ts";
import { parseArmId } from "../../domain/resource.ts";
import type { ParsedNotice } from "../notice.ts";
import { evidenceKindOf, retirementIdsFor, withEvidence } from "./retirement-evidence.ts";

/**
 * Below this, a field is a guess: a trusted notice whose TLS verdict or deadline is that unsure goes to
 * triage instead of moving a deadline (0…1, see `FieldConfidence`).
 */
export const CONFIDENCE_THRESHOLD = 0.5;

/** `evidence`: a source's evidence was attached; the deadline is unchanged. */
export type RetirementChangeKind = "created" | "postponed" | "advanced" | "confirmed" | "evidence";

export interface PlannedChange {
  readonly kind: RetirementChangeKind;
  readonly before: RetirementRecord | null;
  readonly after: RetirementRecord;
}

export interface NoticePlan {
  readonly status: Exclude<NoticeStatus, "pending" | "failed">;
  /** Locale key under `notices:reason.` */
  readonly reason: string;
  readonly changes: readonly PlannedChange[];
}

export interface ChecklistItem {
  readonly key: string;
  readonly done: boolean;
  readonly doneBy: string | null;
  readonly doneAt: string | null;
}

/**
 * What a retirement the catalog lacks applies to: the resources the notice lists (structured: a Service Health event's
 * impacted resources, ARM ids in the text) and the types it names where it says TLS ends. Without types, its deadline
 * reached no resource: scans, reminders and posts never named what it retires.
 */
function createdTypes(known: readonly string[], notice: ParsedNotice): string[] {
  const fromIds = notice.resourceIds.flatMap((id) => parseArmId(id)?.type ?? []);
  const types = new Map<string, string>();
  for (const t of [...known, ...notice.resourceTypes, ...fromIds, ...notice.retiringResourceTypes]) if (!types.has(t.toLowerCase())) types.set(t.toLowerCase(), t);
  return [...types.values()];
}

const addsTypes = (c: PlannedChange) => {
  const before = new Set((c.before?.resourceTypes ?? []).map((t) => t.toLowerCase()));
  return c.after.resourceTypes.some((t) => !before.has(t.toLowerCase()));
};

export interface PlanOptions {
  /**
   * `review`: a change that creates a retirement or moves its deadline waits for a person even when the reader is sure
   * of it. On real notices the reader had never seen, about one dated TLS notice in twenty got a wrong day it was sure
   * of (see test/fixtures/notices/real/README.md); an estate that cannot afford that reads every change before it lands.
   */
  readonly deadlineChanges?: "apply" | "review";
}

/**
 * What a parsed notice may do to the retirements. Pure: the caller applies the plan in one transaction.
 * Only a trusted, confident TLS retirement notice with a deadline changes anything; everything else is
 * kept for triage or ignored, never silently applied. Postponing is the dangerous direction (it silences
 * reminders): it takes an authenticated notice (`notice.trust.authenticated`); a sender-only one may create,
 * confirm or bring a deadline forward, and one that would postpone is held for review, changing nothing.
 */
export function planRetirement(notice: ParsedNotice, noticeRef: string, stored: readonly RetirementRecord[], catalog: readonly CatalogRetirement[], now: string, opts: PlanOptions = {}): NoticePlan {
  // An operator who read a held notice and accepted it has answered the reader's doubts about whether it is a TLS
  // retirement; a day the reader could not settle still needs the day from them (`accept-notice --deadline`).
  const vouched = notice.trust.reason === "acceptedByOperator";
  // A trusted sender's mail cut off before its end (a copy still being saved, a partial download) may have lost the
  // sentence that gave another day, or every sentence: nothing read from it is applied, and not set aside as "not a
  // retirement" either. The complete copy is keyed apart (`messageKeyOf`) and is read on its own when it arrives.
  if (!vouched && notice.cutOff && notice.trust.trusted) return { status: "triage", reason: "cutOff", changes: [] };
  // A notice in a language the reader does not know may well be a retirement it cannot see: a person reads it.
  if (notice.language === "unknown" && /\b(?:TLS|SSL)\b/i.test(notice.text)) return { status: "triage", reason: "unsupportedLanguage", changes: [] };
  if (!notice.isTls) return { status: "ignored", reason: notice.isRetirement ? "notTls" : "notRetirement", changes: [] };
  if (!notice.trust.trusted) return { status: "triage", reason: `untrusted.${notice.trust.reason}`, changes: [] };
  // The learned wording model disagrees with the rules' verdict: a person decides whether it is a TLS retirement.
  if (!vouched && notice.tlsSecondOpinion && !notice.tlsSecondOpinion.agrees) return { status: "triage", reason: "wordingDisagrees", changes: [] };
  if (!notice.deadline) return { status: "triage", reason: notice.deadlineCandidates?.length ? "ambiguousDeadline" : "noDeadline", changes: [] };
  if (!vouched && (notice.confidence === "low" || notice.fieldConfidence.isTls < CONFIDENCE_THRESHOLD)) return { status: "triage", reason: "lowConfidence", changes: [] };
  if (notice.fieldConfidence.deadline < CONFIDENCE_THRESHOLD) return { status: "triage", reason: "ambiguousDeadline", changes: [] };

  const storedById = new Map(stored.map((r) => [r.id, r]));
  // Which retirements the notice is about: its Tracking ID first (a notice may name several services in
  // passing), then the services it names.
  const ids = retirementIdsFor(notice, stored, catalog);
  if (ids.length === 0) {
    if (!notice.trackingId) return { status: "triage", reason: "noService", changes: [] };
    ids.push(`tracking-${notice.trackingId}`);
  }

  const changes: PlannedChange[] = [];
  // A Date header in the future is not believed: it would make every genuine notice look older than this
  // one (superseded), so even a notice allowed only to confirm could freeze a deadline.
  const today = now.slice(0, 10);
  const claimedDate = notice.date?.slice(0, 10) ?? today;
  const noticeDate = claimedDate > today ? today : claimedDate;
  let superseded = 0;
  for (const id of ids) {
    const cat = catalog.find((c) => c.id === id) ?? null;
    const current = storedById.get(id) ?? null;
    // An older notice arriving late must not undo what a newer source said: a date the catalog records as
    // since replaced is stale, and so is a notice older than the one that set the current date.
    const currentDeadline = current?.deadline ?? cat?.deadline ?? null;
    const currentSourceDate = (current?.data["sourceDate"] as string | undefined) ?? null;
    const knownStale = !currentSourceDate && (cat?.history.slice(0, -1).some((h) => h.date === notice.deadline) ?? false);
    if (notice.deadline !== currentDeadline && (knownStale || (currentSourceDate !== null && noticeDate < currentSourceDate))) {
      superseded++;
      continue;
    }
    const base: RetirementRecord = current ?? {
      id,
      service: cat?.id ?? notice.subject.slice(0, 120),
      resourceTypes: cat?.resourceTypes ?? [],
      deadline: cat?.deadline ?? (notice.deadline as string),
      source: "catalog",
      data: {
        trackingIds: cat?.trackingIds ?? [],
        ...(cat && cat.checklist.length > 0 ? { checklist: cat.checklist.map((key): ChecklistItem => ({ key, done: false, doneBy: null, doneAt: null })) } : {}),
      },
      updatedAt: now,
    };
    const deadline = notice.deadline as string;
    const kind: RetirementChangeKind = !current && !cat ? "created" : deadline === base.deadline ? "confirmed" : deadline > base.deadline ? "postponed" : "advanced";
    const trackingIds = [...new Set([...((base.data["trackingIds"] as string[] | undefined) ?? []), ...(notice.trackingId ? [notice.trackingId] : [])])];
    const history = [...((base.data["deadlines"] as unknown[] | undefined) ?? [{ deadline: base.deadline, source: base.source }]), { deadline, source: noticeRef, at: now }];
    // A late, older notice that confirms the date keeps the newer one's: lowered, it would let a stale notice dated in
    // between pass as newer than the notice that set the date, and move the deadline back.
    const sourceDate = currentSourceDate !== null && currentSourceDate > noticeDate ? currentSourceDate : noticeDate;
    const after: RetirementRecord = {
      ...base,
      // A retirement the catalog lacks learns its types from every notice about it (the first may have named none).
      resourceTypes: cat ? base.resourceTypes : createdTypes(base.resourceTypes, notice),
      deadline,
      source: noticeRef,
      data: withEvidence(
        { ...base.data, trackingIds, deadlines: history, sourceDate, ...(notice.subscriptionIds.length ? { subscriptionIds: notice.subscriptionIds } : {}), ...(notice.resourceIds.length ? { resourceIds: notice.resourceIds } : {}) },
        { kind: evidenceKindOf(notice), ref: noticeRef, trackingId: notice.trackingId, date: deadline, at: now },
      ),
      updatedAt: now,
    };
    changes.push({ kind: current || cat ? kind : "created", before: current ?? (cat ? base : null), after });
  }
  // A notice sent after the day it gives, where that day would change the deadline, either reports a retirement
  // that already happened or has the wrong day read out of it (an earlier notice's date, a background date):
  // applied, it would make every resource still below 1.2 overdue at once. A person decides.
  if (!vouched && changes.some((c) => c.kind !== "confirmed" && c.after.deadline < noticeDate)) {
    return { status: "triage", reason: "deadlineBeforeNotice", changes: [] };
  }
  if (!notice.trust.authenticated && changes.some((c) => c.kind === "postponed")) {
    return { status: "triage", reason: "untrusted.postponeWithoutAuthentication", changes: [] };
  }
  if (changes.length === 0 && superseded > 0) return { status: "ignored", reason: "superseded", changes };
  // A notice that only confirms the current day changes nothing a person would check; one that creates or moves a
  // deadline waits for them. Accepting it (`vouched`) applies it as read. Types a confirmation adds to a created
  // retirement set a deadline too: for resources of those types, which had another or none.
  if (!vouched && opts.deadlineChanges === "review" && changes.some((c) => c.kind !== "confirmed" || addsTypes(c))) {
    return { status: "triage", reason: "reviewRequired", changes: [] };
  }
  return { status: "applied", reason: changes.some((c) => c.kind === "postponed") ? "postponed" : changes.some((c) => c.kind === "advanced") ? "advanced" : changes.some((c) => c.kind === "created") ? "created" : "confirmed", changes };
}
