import type { SimSubscription } from "./sim-state.ts";
import type { TenantAdvisorRecommendation } from "./tenant.ts";

/** `…/providers/Microsoft.Cdn/profiles/p/customDomains/d` → `Microsoft.Cdn/profiles/customDomains`. */
function typeOf(rid: string): string {
  const [ns, ...rest] = (/\/providers\/(.+)$/i.exec(rid)?.[1] ?? "").split("/");
  return [ns, ...rest.filter((_, i) => i % 2 === 0)].join("/");
}

/**
 * One recommendation in ARM's REST shape (`Microsoft.Advisor/recommendations`, api-version 2020-01-01): the
 * resource it is about in `impactedField`/`impactedValue` and `resourceMetadata`, the retirement in
 * `extendedProperties` — whose values Advisor writes as strings, so Tracking IDs are one comma-separated string.
 */
export function advisorRecommendationJson(r: TenantAdvisorRecommendation): Record<string, unknown> {
  return {
    id: `${r.resourceId}/providers/Microsoft.Advisor/recommendations/${r.name}`,
    name: r.name,
    type: "Microsoft.Advisor/recommendations",
    properties: {
      category: r.category, impact: r.impact,
      impactedField: typeOf(r.resourceId), impactedValue: r.resourceId.split("/").pop() ?? "",
      lastUpdated: r.lastUpdated, recommendationTypeId: r.recommendationTypeId, risk: "Warning",
      shortDescription: { problem: r.problem, solution: r.solution },
      extendedProperties: {
        recommendationSubCategory: r.subCategory,
        ...(r.retirementFeatureName ? { retirementFeatureName: r.retirementFeatureName } : {}),
        ...(r.retirementDate ? { retirementDate: r.retirementDate } : {}),
        ...(r.trackingIds.length ? { trackingIds: r.trackingIds.join(",") } : {}),
        maturityLevel: "GA",
      },
      resourceMetadata: { resourceId: r.resourceId, source: `${r.resourceId}/providers/Microsoft.Advisor/recommendations/${r.name}` },
      suppressionIds: [],
    },
  };
}

/** The `advisorresources` rows of one subscription (Resource Graph's lower-case type, plus its table columns). */
export function advisorRows(tenantId: string, sub: SimSubscription): Record<string, unknown>[] {
  return sub.advisorRecommendations.map((r) => ({
    ...advisorRecommendationJson(r),
    type: "microsoft.advisor/recommendations", tenantId, subscriptionId: sub.subscriptionId, kind: "", location: "global",
    resourceGroup: (/\/resourceGroups\/([^/]+)/i.exec(r.resourceId)?.[1] ?? "").toLowerCase(),
  }));
}
