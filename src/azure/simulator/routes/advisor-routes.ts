import { advisorRecommendationJson } from "../advisor-rows.ts";
import { armError, json, page } from "../sim-http.ts";
import type { Route } from "./sim-context.ts";
import { isResponse, readableSubscription } from "./subscription-access.ts";

/** The one `$filter` form tlsbot sends (and Advisor documents): `Category eq 'HighAvailability'`. */
function categoryFilter(filter: string | null): string | null | undefined {
  if (filter === null || filter.trim() === "") return null;
  const m = /^\s*Category\s+eq\s+'([A-Za-z]+)'\s*$/i.exec(filter);
  return m ? (m[1] as string) : undefined;
}

/** GET /subscriptions/{s}/providers/Microsoft.Advisor/recommendations: the subscription's recommendations, paged. */
export const advisorRoutes: Route[] = [
  {
    method: "GET",
    pattern: /^\/subscriptions\/([^/]+)\/providers\/Microsoft\.Advisor\/recommendations$/i,
    handler: (ctx, req, [subscriptionId]) => {
      const sub = readableSubscription(ctx, subscriptionId as string, "Microsoft.Advisor/recommendations/read");
      if (isResponse(sub)) return sub;
      const category = categoryFilter(req.query.get("$filter"));
      if (category === undefined) return armError(400, "InvalidFilter", `The filter '${req.query.get("$filter") ?? ""}' is not supported.`);
      const items = sub.advisorRecommendations
        .filter((r) => category === null || r.category.toLowerCase() === category.toLowerCase())
        .map(advisorRecommendationJson);
      return json(200, page(items, req, ctx.baseUrl, ctx.pageSize));
    },
  },
];
