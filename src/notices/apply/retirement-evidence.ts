import type { CatalogRetirement } from "../../catalog/catalog-types.ts";
import type { RetirementRecord } from "../../store/store.ts";
import type { ParsedNotice } from "../notice.ts";
import type { NoticePlan, PlannedChange } from "./plan-retirement.ts";

export type EvidenceKind = "mail" | "serviceHealth" | "advisor";

/**
 * One source that spoke of a retirement, kept on the retirement (`data.evidence`) so a retirement known from
 * a mail, a Service Health advisory and Advisor recommendations is one retirement with all its evidence.
 */
export interface RetirementEvidence {
  readonly kind: EvidenceKind;
  /** `notice:<id>`. */
  readonly ref: string;
  readonly trackingId: string | null;
  /** The date that source gave (for Advisor: its retirement date, which never sets the deadline). */
  readonly date: string | null;
  /** Advisor: its feature name, the key that replaces an earlier reading of the same recommendations. */
  readonly feature?: string;
  /** Advisor: the impacted resources it lists. */
  readonly resourceIds?: readonly string[];
  readonly at: string;
}

export function evidenceOf(r: Pick<RetirementRecord, "data">): RetirementEvidence[] {
  const e = r.data["evidence"];
  return Array.isArray(e) ? (e as RetirementEvidence[]) : [];
}

/** Adds one piece of evidence; a newer reading of the same Advisor retirement replaces the older one. */
export function withEvidence(data: Readonly<Record<string, unknown>>, entry: RetirementEvidence): Record<string, unknown> {
  const kept = evidenceOf({ data }).filter((e) => e.ref !== entry.ref && !(entry.kind === "advisor" && e.kind === "advisor" && e.feature === entry.feature));
  return { ...data, evidence: [...kept, entry] };
}

export function evidenceKindOf(n: Pick<ParsedNotice, "messageId">): EvidenceKind {
  return n.messageId?.startsWith("service-health:") ? "serviceHealth" : n.messageId?.startsWith("advisor:") ? "advisor" : "mail";
}

/** The retirements a notice is about: its Tracking ID first (catalog, then those stored), else the services it names. */
export function retirementIdsFor(n: Pick<ParsedNotice, "trackingId" | "services">, stored: readonly RetirementRecord[], catalog: readonly CatalogRetirement[], trackingIds: readonly string[] = n.trackingId ? [n.trackingId] : []): string[] {
  const byTracking = trackingIds.flatMap((t) => [
    ...catalog.filter((c) => c.trackingIds.includes(t)).map((c) => c.id),
    ...stored.filter((r) => (r.data["trackingIds"] as string[] | undefined)?.includes(t)).map((r) => r.id),
  ]);
  return [...new Set(byTracking.length > 0 ? byTracking : n.services)];
}

export interface AdvisorEvidenceInput {
  readonly featureName: string;
  readonly retirementDate: string | null;
  readonly trackingIds: readonly string[];
  readonly resourceIds: readonly string[];
}

/**
 * What Advisor's retirement recommendations may do: attach their impacted resources to the retirement they
 * are about — joined by Tracking ID, else by the catalog service of the impacted resource types — and nothing
 * more. A recommendation never moves a deadline, not even from a trusted source: its date is recorded beside
 * the deadline, and a differing one is called out (reason `advisorDateDiffers`) for a person to check.
 */
export function planAdvisorEvidence(notice: ParsedNotice, advisor: AdvisorEvidenceInput, noticeRef: string, stored: readonly RetirementRecord[], catalog: readonly CatalogRetirement[], now: string): NoticePlan {
  if (!notice.isTls) return { status: "ignored", reason: "notTls", changes: [] };
  const ids = retirementIdsFor(notice, stored, catalog, advisor.trackingIds);
  if (ids.length === 0) return { status: "triage", reason: "advisorUnmatched", changes: [] };
  const storedById = new Map(stored.map((r) => [r.id, r]));
  const changes: PlannedChange[] = [];
  let differs = false;
  for (const id of ids) {
    const current = storedById.get(id) ?? null;
    const cat = catalog.find((c) => c.id === id) ?? null;
    const base: RetirementRecord | null = current ?? (cat ? {
      id, service: cat.id, resourceTypes: cat.resourceTypes, deadline: cat.deadline, source: "catalog",
      data: { trackingIds: cat.trackingIds, ...(cat.checklist.length ? { checklist: cat.checklist.map((key) => ({ key, done: false, doneBy: null, doneAt: null })) } : {}) },
      updatedAt: now,
    } : null);
    if (!base) continue;
    if (advisor.retirementDate && advisor.retirementDate !== base.deadline) differs = true;
    const trackingIds = [...new Set([...((base.data["trackingIds"] as string[] | undefined) ?? []), ...advisor.trackingIds])];
    const data = withEvidence({ ...base.data, trackingIds }, {
      kind: "advisor", ref: noticeRef, trackingId: advisor.trackingIds[0] ?? null, date: advisor.retirementDate,
      feature: advisor.featureName, resourceIds: advisor.resourceIds, at: now,
    });
    changes.push({ kind: "evidence", before: current, after: { ...base, data, updatedAt: now } });
  }
  if (changes.length === 0) return { status: "triage", reason: "advisorUnmatched", changes: [] };
  return { status: "applied", reason: differs ? "advisorDateDiffers" : "advisorEvidence", changes };
}
