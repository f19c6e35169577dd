import { json, page } from "../sim-http.ts";
import type { Route } from "./sim-context.ts";

/** GET /subscriptions: every subscription the identity can see (forbidden ones are listed; their resources are not readable). */
export const subscriptionRoutes: Route[] = [
  {
    method: "GET",
    pattern: /^\/subscriptions$/i,
    handler: (ctx, req) => {
      const visible = ctx.state.subscriptions.filter((s) => s.access !== "not-found");
      const items = visible.map((s) => ({
        id: `/subscriptions/${s.subscriptionId}`, subscriptionId: s.subscriptionId, tenantId: ctx.state.tenantId,
        displayName: s.displayName, state: s.state, authorizationSource: "RoleBased",
        subscriptionPolicies: { locationPlacementId: "Internal_2014-09-01", quotaId: "Internal_2014-09-01", spendingLimit: "Off" },
      }));
      return json(200, { ...page(items, req, ctx.baseUrl, ctx.pageSize), count: { type: "Total", value: items.length } });
    },
  },
];
