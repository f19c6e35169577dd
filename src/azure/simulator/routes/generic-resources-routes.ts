import { genericJson } from "../sim-state.ts";
import { armError, json, page } from "../sim-http.ts";
import type { Route } from "./sim-context.ts";
import { isResponse, readableSubscription } from "./subscription-access.ts";

/** `resourceType eq 'A' or resourceType eq 'B'` — the only $filter form tlsbot sends. */
function typesFromFilter(filter: string | null): string[] | null | "invalid" {
  if (!filter) return null;
  const clauses = filter.split(/\s+or\s+/i);
  const types: string[] = [];
  for (const c of clauses) {
    const m = /^\s*resourceType\s+eq\s+'([^']+)'\s*$/i.exec(c);
    if (!m) return "invalid";
    types.push(m[1]!.toLowerCase());
  }
  return types;
}

export const genericResourceRoutes: Route[] = [
  {
    method: "GET",
    pattern: /^\/subscriptions\/([^/]+)\/resources$/i,
    handler: (ctx, req, [s]) => {
      const sub = readableSubscription(ctx, s!, "Microsoft.Resources/subscriptions/resources/read");
      if (isResponse(sub)) return sub;
      const types = typesFromFilter(req.query.get("$filter"));
      if (types === "invalid") return armError(400, "InvalidFilterInQueryString", `Invalid $filter '${req.query.get("$filter")}' specified in the query string.`);
      const expand = (req.query.get("$expand") ?? "").split(",").map((x) => x.trim().toLowerCase());
      const items = sub.resources
        .filter((r) => types === null || types.includes(r.type.toLowerCase()))
        // ARM's generic list carries a resource's `kind` (an App Service slot's "app", "functionapp,linux").
        .map((r) => {
          const kind = ctx.kindJson(r)?.["kind"];
          return { ...genericJson(r, expand.includes("createdtime")), ...(typeof kind === "string" && kind ? { kind } : {}) };
        });
      return json(200, page(items, req, ctx.baseUrl, ctx.pageSize));
    },
  },
];
