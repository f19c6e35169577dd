import { createHash } from "node:crypto";
import type { ArmClients } from "../../../azure/arm-clients.ts";
import { mapBounded } from "../../../azure/scan/bounded-map.ts";
import { queryAllPages } from "../../../azure/scan/scan-graph.ts";
import { azureFeedSource } from "../azure-feed-source.ts";
import type { MailSource } from "../mail-source.ts";
import { advisorRetirements, recommendationFrom, RETIREMENT_CATEGORY, RETIREMENT_SUBCATEGORY, type AdvisorRecommendation, type AdvisorRetirement } from "./advisor-retirement.ts";
import { ADVISOR_PREFIX } from "../source-kinds.ts";

const QUERY = "advisorresources | where type =~ 'microsoft.advisor/recommendations'"
  + ` | where properties.category =~ '${RETIREMENT_CATEGORY}'`
  + ` | where properties.extendedProperties.recommendationSubCategory =~ '${RETIREMENT_SUBCATEGORY}'`
  + " | project id, subscriptionId, properties | order by id asc";

const str = (v: unknown) => (typeof v === "string" ? v : "");

/** Tenant-wide in one Resource Graph query (paged), for every subscription at once. */
async function fromResourceGraph(clients: ArmClients, subs: string[], signal: AbortSignal): Promise<AdvisorRecommendation[]> {
  const rows = await queryAllPages(clients, subs, QUERY, { signal });
  return rows.map((r) => recommendationFrom(str(r["id"]), str(r["subscriptionId"]), r["properties"]));
}

/**
 * Per subscription through Advisor's own API, when Resource Graph is unavailable. The service filters by
 * category; the subcategory is filtered here. A subscription that fails is skipped (its earlier evidence
 * stays); only when every one fails is the poll a failure.
 */
async function fromArm(clients: ArmClients, subs: string[], signal: AbortSignal): Promise<AdvisorRecommendation[]> {
  const failures: string[] = [];
  const perSub = await mapBounded(subs, 4, async (s) => {
    try {
      const out: AdvisorRecommendation[] = [];
      for await (const rec of clients.advisor(s).recommendations.list({ filter: `Category eq '${RETIREMENT_CATEGORY}'`, abortSignal: signal })) {
        // The SDK flattens `properties`: its fields sit on the item itself.
        out.push(recommendationFrom(rec.id ?? "", s, rec));
      }
      return out;
    } catch (err) {
      failures.push(`${s}: ${(err as Error).message}`);
      return [];
    }
  });
  if (subs.length > 0 && failures.length === subs.length) throw new Error(failures.join("; "));
  return perSub.flat();
}

/**
 * Azure Advisor's service-retirement recommendations (category HighAvailability, subcategory
 * ServiceUpgradeAndRetirement): which resources each retirement impacts. Resource Graph's `advisorresources`
 * table first, the per-subscription `Microsoft.Advisor/recommendations` list as the fallback. One stored
 * notice per retirement and state of its recommendations: a new impacted resource or a new date is a new
 * notice, the same recommendations polled again a duplicate. Reader on the subscriptions is enough.
 */
export function advisorSource(clients: ArmClients, configuredSubscriptions?: readonly string[]): MailSource {
  return azureFeedSource<AdvisorRetirement>({
    name: "advisor",
    async read(c, subs, signal) {
      let recs: AdvisorRecommendation[];
      try {
        recs = await fromResourceGraph(c, subs, signal);
      } catch (err) {
        if (signal.aborted) throw err;
        recs = await fromArm(c, subs, signal);
      }
      return advisorRetirements(recs);
    },
    message(a) {
      const state = createHash("sha256").update(JSON.stringify([a.retirementDate, a.trackingIds, a.resourceIds])).digest("hex").slice(0, 16);
      return { source: `${ADVISOR_PREFIX}${a.featureName}`, messageKey: `advisor:${a.key}:${state}`, receivedAt: a.lastUpdated ?? null };
    },
  }, clients, configuredSubscriptions);
}
