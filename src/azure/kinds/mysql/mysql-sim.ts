import { armError, json, type SimResponse } from "../../simulator/sim-http.ts";
import type { SimKind } from "../../simulator/sim-kind.ts";
import { providerRoutes, restJson } from "../../simulator/provider-routes.ts";
import type { Route, SimContext } from "../../simulator/routes/sim-context.ts";
import { isResponse, readableSubscription, writableSubscription } from "../../simulator/routes/subscription-access.ts";
import { armId, type SimResource } from "../../simulator/sim-state.ts";

const TYPE = "Microsoft.DBforMySQL/flexibleServers";
const ALLOWED = ["TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3"];
const CONFIG = /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\/providers\/Microsoft\.DBforMySQL\/flexibleServers\/([^/]+)\/configurations\/tls_version$/i;
/** Tenant data keeps the parameter as `tls_version` (absent = the default); a flag makes it unreadable. */
const PARAM = "tls_version";
const FORBIDDEN_FLAG = "simConfigurationsForbidden";

function serverJson(r: SimResource): Record<string, unknown> {
  const { [PARAM]: _t, [FORBIDDEN_FLAG]: _f, ...props } = r.properties;
  return restJson(r, TYPE, { version: "8.0.21", state: "Ready", fullyQualifiedDomainName: `${r.name}.mysql.database.azure.com`, ...props }, { sku: r.sku ?? { name: "Standard_B1ms", tier: "Burstable" } });
}

function configJson(r: SimResource): Record<string, unknown> {
  const value = r.properties[PARAM];
  return {
    id: `${armId(r)}/configurations/tls_version`, name: PARAM, type: `${TYPE}/configurations`,
    properties: { value: value ?? "TLSv1.2", defaultValue: "TLSv1.2", allowedValues: ALLOWED.join(","), dataType: "Set", source: value === undefined ? "system-default" : "user-override", isConfigPendingRestart: "False" },
  };
}

function serverFor(ctx: SimContext, s: string, rg: string, name: string, write: boolean): SimResource | SimResponse {
  const sub = (write ? writableSubscription : readableSubscription)(ctx, s, `${TYPE}/configurations/${write ? "write" : "read"}`);
  if (isResponse(sub)) return sub;
  return ctx.state.find(sub, TYPE, rg, name) ?? armError(404, "ResourceNotFound", `The Resource '${TYPE}/${name}' under resource group '${rg}' was not found.`);
}

const configRoutes: Route[] = [
  {
    method: "GET", pattern: CONFIG,
    handler: (ctx, _req, [s, rg, name]) => {
      const r = serverFor(ctx, s!, rg!, name!, false);
      if (isResponse(r)) return r;
      if (r.properties[FORBIDDEN_FLAG] === true) return armError(403, "AuthorizationFailed", `The client 'tlsbot' does not have authorization to perform action '${TYPE}/configurations/read' over scope '${armId(r)}'.`);
      return json(200, configJson(r));
    },
  },
  {
    method: "PATCH", pattern: CONFIG,
    handler: (ctx, req, [s, rg, name]) => {
      const r = serverFor(ctx, s!, rg!, name!, true);
      if (isResponse(r)) return r;
      const value = ((req.body ?? {}) as { properties?: { value?: unknown } }).properties?.value;
      if (typeof value !== "string" || value.split(",").some((v) => !ALLOWED.includes(v))) return armError(400, "InvalidParameterValue", `Invalid value '${String(value)}' for tls_version; allowed: ${ALLOWED.join(",")}.`);
      r.properties[PARAM] = value;
      ctx.state.touch(r);
      return json(200, configJson(r));
    },
  },
];

export const mySqlSim: SimKind = {
  json: serverJson,
  routes: [...providerRoutes({ type: TYPE, json: serverJson, patch: () => null }), ...configRoutes],
  samples: [
    { name: "mysql-sample-10", properties: { [PARAM]: "TLSv1" }, expect: { effectiveTls: "1.0", reason: "configured" } },
    { name: "mysql-sample-all", properties: { [PARAM]: "TLSv1,TLSv1.1,TLSv1.2" }, expect: { effectiveTls: "1.0", reason: "configured" } },
    { name: "mysql-sample-11only", properties: { [PARAM]: "TLSv1.1" }, expect: { effectiveTls: "1.1", reason: "configured" } },
    { name: "mysql-sample-11", properties: { [PARAM]: "TLSv1.1,TLSv1.2,TLSv1.3" }, expect: { effectiveTls: "1.1", reason: "configured" } },
    { name: "mysql-sample-12", properties: { [PARAM]: "TLSv1.2" }, expect: { effectiveTls: "1.2", reason: "configured" } },
    { name: "mysql-sample-13", properties: { [PARAM]: "TLSv1.3" }, expect: { effectiveTls: "1.3", reason: "configured" } },
    { name: "mysql-sample-default", properties: {}, expect: { effectiveTls: "1.2", reason: "configured" } },
    { name: "mysql-sample-empty", properties: { [PARAM]: "" }, expect: { effectiveTls: "1.2", reason: "unsetDefault12" } },
    { name: "mysql-sample-noread", properties: { [FORBIDDEN_FLAG]: true }, expect: { effectiveTls: "unknown", reason: "unreadable" } },
    { name: "mysql-sample-odd", properties: { [PARAM]: "TLSv1.2 " }, expect: { effectiveTls: "unknown", reason: "unrecognisedValue" } },
  ],
};
