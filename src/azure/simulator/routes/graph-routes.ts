import { graphRow } from "../sim-state.ts";
import { advisorRows } from "../advisor-rows.ts";
import { serviceHealthRows } from "../service-health-rows.ts";
import { InvalidQueryError, parseGraphQuery, runGraphQuery, type Row } from "../graph-query.ts";
import { armError, json, type SimResponse } from "../sim-http.ts";
import type { Route, SimContext } from "./sim-context.ts";

const MAX_TOP = 1000;
/** Per simulator: the rows of the last few queries answered, for their continuation pages. */
const lastResults = new WeakMap<SimContext, Map<string, Row[]>>();
const REMEMBERED_RESULTS = 4;

function hhmmss(ms: number): string {
  const s = Math.max(0, Math.ceil(ms / 1000));
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${pad(Math.floor(s / 3600))}:${pad(Math.floor((s % 3600) / 60))}:${pad(s % 60)}`;
}

/** Resource Graph's per-user quota: a fixed window; every answer says what is left and when it resets. */
function takeQuota(ctx: SimContext): { ok: boolean; headers: Record<string, string> } {
  const q = ctx.graph;
  const now = Date.now();
  if (now - q.windowStart >= q.windowMs) {
    q.windowStart = now;
    q.used = 0;
  }
  const resetMs = q.windowStart + q.windowMs - now;
  const ok = q.used < q.quotaPerWindow;
  if (ok) q.used += 1;
  const headers = { "x-ms-user-quota-remaining": String(q.quotaPerWindow - q.used), "x-ms-user-quota-resets-after": hhmmss(resetMs) };
  return ok ? { ok, headers } : { ok, headers: { ...headers, "retry-after": String(Math.ceil(resetMs / 1000)) } };
}

function invalidQuery(message: string): SimResponse {
  return json(400, {
    error: { code: "BadRequest", message: "Please provide below info when asking for support: timestamp, correlationId.", details: [{ code: "InvalidQuery", message: `Query is invalid. ${message}` }] },
  });
}

interface QueryBody {
  subscriptions?: unknown;
  query?: unknown;
  options?: { $top?: unknown; $skip?: unknown; $skipToken?: unknown; resultFormat?: unknown };
}

function tableRows(ctx: SimContext, table: string, subscriptions: readonly string[]): Row[] | null {
  const name = table.toLowerCase();
  const kindTable = ctx.kindGraphTables.has(name);
  if (name !== "resources" && name !== "servicehealthresources" && name !== "advisorresources" && !kindTable) return null;
  const wanted = new Set(subscriptions.map((s) => s.toLowerCase()));
  // Subscriptions the identity cannot read are left out silently, as Resource Graph does.
  const readable = ctx.state.subscriptions.filter((s) => wanted.has(s.subscriptionId.toLowerCase()) && s.access === "ok");
  if (name === "advisorresources") return readable.flatMap((s) => advisorRows(ctx.state.tenantId, s));
  if (kindTable) return readable.flatMap((s) => s.resources.flatMap((r): Row[] => { const row = ctx.kindGraphRow(name, r); return row ? [row] : []; }));
  return name === "resources"
    ? readable.flatMap((s) => s.resources.map((r) => graphRow(ctx.state.tenantId, r, ctx.kindJson)))
    : readable.flatMap((s) => serviceHealthRows(ctx.state.tenantId, s));
}

export const graphRoutes: Route[] = [
  {
    method: "POST",
    pattern: /^\/providers\/Microsoft\.ResourceGraph\/resources$/i,
    handler: (ctx, req) => {
      if (!ctx.graph.available) {
        return armError(404, "NoRegisteredProviderFound", "No registered resource provider found for location 'global' and API version for type 'resources'.");
      }
      const quota = takeQuota(ctx);
      if (!quota.ok) return armError(429, "RateLimiting", "Please provide below info when asking for support: the user quota is exhausted.", quota.headers);
      const body = (req.body ?? {}) as QueryBody;
      if (typeof body.query !== "string") return invalidQuery("The query is missing.");
      const subscriptions = Array.isArray(body.subscriptions) ? body.subscriptions.filter((s): s is string => typeof s === "string") : [];
      let rows: Row[];
      const key = `${body.query}|${subscriptions.join(",")}`;
      const remembered = lastResults.get(ctx) ?? new Map<string, Row[]>();
      lastResults.set(ctx, remembered);
      const snapshot = remembered.get(key);
      const continuing = typeof body.options?.$skipToken === "string" && body.options.$skipToken !== "";
      if (continuing && snapshot) {
        // Later pages come from the result the first page computed, as Resource Graph pages one result set
        // (and a fleet's 50 pages would otherwise each rebuild and sort every row).
        rows = snapshot;
      } else {
        try {
          const q = parseGraphQuery(body.query);
          const all = tableRows(ctx, q.table, subscriptions);
          if (!all) return invalidQuery(`Table '${q.table}' is not available in the simulator.`);
          rows = runGraphQuery(q, all);
        } catch (err) {
          if (err instanceof InvalidQueryError) return invalidQuery(err.message);
          throw err;
        }
        remembered.delete(key);
        remembered.set(key, rows);
        for (const old of remembered.keys()) if (remembered.size > REMEMBERED_RESULTS) remembered.delete(old);
      }
      const top = Math.min(MAX_TOP, Number(body.options?.$top ?? 100) || 100);
      let offset = Number(body.options?.$skip ?? 0) || 0;
      const token = body.options?.$skipToken;
      if (typeof token === "string" && token) {
        const decoded = Number(Buffer.from(token, "base64url").toString("utf8").replace(/^offset:/, ""));
        if (!Number.isInteger(decoded) || decoded < 0) return invalidQuery("The $skipToken is invalid.");
        offset = decoded;
      }
      const data = rows.slice(offset, offset + top);
      const next = offset + top < rows.length ? Buffer.from(`offset:${offset + top}`).toString("base64url") : undefined;
      return json(200, {
        totalRecords: rows.length, count: data.length, resultTruncated: "false", facets: [], data,
        ...(next ? { $skipToken: next } : {}),
      }, quota.headers);
    },
  },
];
