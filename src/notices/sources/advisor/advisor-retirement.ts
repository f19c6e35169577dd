import { retirementForType } from "../../../catalog/lookup.ts";
import type { ParsedNotice } from "../../notice.ts";
import { noticeFromMail, type ParseOptions } from "../../parse-notice.ts";
import { ADVISOR_PREFIX } from "../source-kinds.ts";


export const RETIREMENT_CATEGORY = "HighAvailability";
export const RETIREMENT_SUBCATEGORY = "ServiceUpgradeAndRetirement";

/** One Advisor recommendation, the same whether it came from Resource Graph or from the ARM list. */
export interface AdvisorRecommendation {
  readonly id: string;
  readonly subscriptionId: string;
  readonly recommendationTypeId: string;
  readonly category: string;
  readonly subCategory: string;
  /** ARM type of the impacted resource (`impactedField`). */
  readonly impactedType: string;
  readonly resourceId: string;
  readonly featureName: string;
  /** `YYYY-MM-DD` or null. */
  readonly retirementDate: string | null;
  readonly trackingIds: readonly string[];
  readonly problem: string;
  readonly solution: string;
  readonly lastUpdated: string | null;
}

/** The recommendations Advisor gives for one retirement (one feature name), as tlsbot stores it. */
export interface AdvisorRetirement {
  readonly key: string;
  readonly featureName: string;
  readonly retirementDate: string | null;
  readonly trackingIds: readonly string[];
  readonly impactedTypes: readonly string[];
  readonly problem: string;
  readonly solution: string;
  readonly lastUpdated: string | null;
  readonly subscriptionIds: readonly string[];
  readonly resourceIds: readonly string[];
  readonly recommendationIds: readonly string[];
}

type Row = Record<string, unknown>;
const str = (v: unknown) => (typeof v === "string" ? v : v instanceof Date ? v.toISOString() : typeof v === "number" ? String(v) : "");
const obj = (v: unknown): Row => (v && typeof v === "object" && !Array.isArray(v) ? (v as Row) : {});

function isoDay(v: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(v.trim()) ?? /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(v.trim());
  if (!m) return null;
  const [y, mo, d] = m[0].includes("/") ? [m[3], m[1], m[2]] : [m[1], m[2], m[3]];
  const day = `${y}-${String(mo).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
  return Number.isNaN(Date.parse(`${day}T00:00:00Z`)) ? null : day;
}

// The Service Health shape, letters, digits and `_` around one dash (see the notice reader).
const TRACKING_ID = /^[A-Z0-9_]{3,5}-[A-Z0-9_]{2,4}$/;

/**
 * A recommendation's `properties` (Resource Graph row or ARM list item) in one shape. Advisor writes
 * `extendedProperties` values as strings; Tracking IDs, where a recommendation names them, are a list or a
 * comma-separated string. Anything not of the Tracking ID shape is dropped rather than trusted.
 */
export function recommendationFrom(id: string, subscriptionId: string, properties: unknown): AdvisorRecommendation {
  const p = obj(properties);
  const ext = obj(p["extendedProperties"]);
  // Advisor's retirement metadata lists them under sourceProperties.serviceRetirement.serviceHealth.
  const fromMetadata = obj(obj(obj(p["sourceProperties"])["serviceRetirement"])["serviceHealth"])["trackingIds"];
  const rawIds = ext["trackingIds"] ?? ext["trackingId"];
  const trackingIds = [
    ...(Array.isArray(rawIds) ? rawIds.map(str) : str(rawIds).split(/[,;\s]+/)),
    ...(Array.isArray(fromMetadata) ? fromMetadata.map(str) : []),
  ].map((t) => t.trim().toUpperCase()).filter((t) => TRACKING_ID.test(t));
  const resourceId = str(obj(p["resourceMetadata"])["resourceId"]) || id.split(/\/providers\/Microsoft\.Advisor\/recommendations\//i)[0] || "";
  const short = obj(p["shortDescription"]);
  return {
    id, subscriptionId: subscriptionId || (/^\/subscriptions\/([^/]+)/i.exec(id)?.[1] ?? ""),
    recommendationTypeId: str(p["recommendationTypeId"]).toLowerCase(),
    category: str(p["category"]), subCategory: str(ext["recommendationSubCategory"]),
    impactedType: str(p["impactedField"]), resourceId,
    featureName: str(ext["retirementFeatureName"]).trim(),
    retirementDate: isoDay(str(ext["retirementDate"])),
    trackingIds: [...new Set(trackingIds)],
    problem: str(short["problem"]), solution: str(short["solution"]),
    lastUpdated: str(p["lastUpdated"]) || null,
  };
}

/** A retirement recommendation, as opposed to the upgrades that share its subcategory but retire nothing. */
export function isRetirementRecommendation(r: AdvisorRecommendation): boolean {
  return r.category.toLowerCase() === RETIREMENT_CATEGORY.toLowerCase() && r.subCategory.toLowerCase() === RETIREMENT_SUBCATEGORY.toLowerCase() && r.featureName !== "";
}

/**
 * Advisor gives one recommendation per impacted resource: group them by retirement (feature name and date),
 * so a retirement with 200 impacted caches is one piece of evidence listing 200 resources.
 */
export function advisorRetirements(recs: readonly AdvisorRecommendation[]): AdvisorRetirement[] {
  const groups = new Map<string, AdvisorRecommendation[]>();
  for (const r of recs.filter(isRetirementRecommendation)) {
    const key = `${r.featureName.toLowerCase().replace(/\s+/g, " ")}|${r.retirementDate ?? ""}`;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  const uniq = (xs: readonly string[]) => [...new Set(xs.filter(Boolean))].sort();
  return [...groups.entries()].map(([key, rs]) => {
    const first = rs[0] as AdvisorRecommendation;
    return {
      key,
      featureName: first.featureName,
      retirementDate: first.retirementDate,
      trackingIds: uniq(rs.flatMap((r) => r.trackingIds)),
      impactedTypes: uniq(rs.map((r) => r.impactedType)),
      problem: first.problem, solution: first.solution,
      lastUpdated: rs.map((r) => r.lastUpdated).filter((x): x is string => x !== null).sort().at(-1) ?? null,
      subscriptionIds: uniq(rs.map((r) => r.subscriptionId)),
      resourceIds: uniq(rs.map((r) => r.resourceId)),
      recommendationIds: uniq(rs.map((r) => r.id)),
    };
  }).sort((a, b) => a.key.localeCompare(b.key));
}

/**
 * A recommendation group read as a notice: its words go through the same reader as a mail (is it about TLS?),
 * while the Tracking IDs, impacted resources and the services they belong to come from Advisor's fields.
 * The retirement date is kept as Advisor's claim; it never moves a deadline (see `planAdvisorEvidence`).
 */
export function noticeFromAdvisorRetirement(a: AdvisorRetirement, opts: ParseOptions = {}): ParsedNotice {
  const body = [a.problem, a.solution, a.retirementDate ? `Retirement date: ${a.retirementDate}` : ""].filter(Boolean).join("\n\n");
  const base = noticeFromMail({
    headers: new Map(), messageId: `${ADVISOR_PREFIX}${a.key}`, subject: `Retirement: ${a.featureName}`, from: null, fromName: "Azure Advisor",
    date: a.lastUpdated, body, pasted: false, warnings: [],
  }, opts);
  const byType = a.impactedTypes.map((t) => retirementForType(t)?.id).filter((x): x is string => Boolean(x));
  const services = byType.length > 0 ? [...new Set(byType)] : base.services;
  return {
    ...base,
    isRetirement: true,
    services,
    trackingId: a.trackingIds[0] ?? null,
    deadline: a.retirementDate,
    subscriptionIds: a.subscriptionIds,
    resourceIds: a.resourceIds,
    trust: { trusted: true, authenticated: true, reason: "advisor" },
    fieldConfidence: { ...base.fieldConfidence, trackingId: a.trackingIds.length ? 1 : 0, services: byType.length ? 1 : base.fieldConfidence.services },
  };
}
