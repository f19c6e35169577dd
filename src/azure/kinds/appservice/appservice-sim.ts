import { armError, json, page, type SimResponse } from "../../simulator/sim-http.ts";
import type { SimKind } from "../../simulator/sim-kind.ts";
import { providerRoutes, restJson } from "../../simulator/provider-routes.ts";
import type { Route, SimContext } from "../../simulator/routes/sim-context.ts";
import { isResponse, readableSubscription, writableSubscription } from "../../simulator/routes/subscription-access.ts";
import { armId, type SimResource, type SimSubscription } from "../../simulator/sim-state.ts";

const SITES = "Microsoft.Web/sites";
const SLOTS = "Microsoft.Web/sites/slots";
const SETTABLE = new Set(["1.0", "1.1", "1.2", "1.3"]);
const BASE = "^/subscriptions/([^/]+)/resourceGroups/([^/]+)/providers/Microsoft\\.Web/sites/([^/]+)";
/** Tenant data marks a site whose config/web the simulated identity may not read (Reader without config access). */
const FORBIDDEN_FLAG = "simConfigWebForbidden";

const siteConfig = (r: SimResource) => (r.properties["siteConfig"] ?? {}) as Record<string, unknown>;

/** A site or slot as api-version 2023-12-01 lists it: `siteConfig` is not filled in on lists. */
function appJson(r: SimResource): Record<string, unknown> {
  const { siteConfig: _c, [FORBIDDEN_FLAG]: _f, ...props } = r.properties;
  const isSlot = r.type.toLowerCase() === SLOTS.toLowerCase();
  return restJson(r, isSlot ? SLOTS : SITES, {
    state: "Running", defaultHostName: `${r.name.replace("/", "-")}.azurewebsites.net`, httpsOnly: true, siteConfig: null, ...props,
  }, { kind: "app" });
}

function configJson(r: SimResource): Record<string, unknown> {
  return { id: `${armId(r)}/config/web`, name: "web", type: "Microsoft.Web/sites/config", location: r.location, properties: { ftpsState: "FtpsOnly", http20Enabled: true, ...siteConfig(r) } };
}

/**
 * The config/web row of Resource Graph's `appserviceresources` table, shaped as public queries of real rows
 * read it: the id ends in `/config/web`, the type is lower-cased without `/web`, the name is the app's (as
 * live config/web reads return it, not the spec example's "web"), and the property keys are PascalCase
 * (Learn's sample projects `properties.MinTlsVersion`). None for a config the identity may not read, so the
 * scanner's fallback (the per-resource GET, answered 403) is what reports it.
 */
function configGraphRow(r: SimResource, tenantId: string): Record<string, unknown> | null {
  if (r.properties[FORBIDDEN_FLAG] === true) return null;
  const isSlot = r.type.toLowerCase() === SLOTS.toLowerCase();
  const { id, location, properties } = configJson(r);
  const pascal = Object.fromEntries(Object.entries(properties as Record<string, unknown>).map(([k, v]) => [k.charAt(0).toUpperCase() + k.slice(1), v]));
  return {
    id, name: r.name, type: isSlot ? "microsoft.web/sites/slots/config" : "microsoft.web/sites/config", tenantId, location,
    resourceGroup: r.resourceGroup.toLowerCase(), subscriptionId: r.subscriptionId, properties: pascal,
  };
}

function appOf(ctx: SimContext, sub: SimSubscription, rg: string, site: string, slot: string | undefined): SimResource | undefined {
  return slot === undefined ? ctx.state.find(sub, SITES, rg, site) : ctx.state.find(sub, SLOTS, rg, `${site}/${slot}`);
}

const notFound = (name: string) => armError(404, "ResourceNotFound", `The Resource 'Microsoft.Web/sites/${name}' was not found.`);

function readConfig(ctx: SimContext, [s, rg, site, slot]: readonly string[]): SimResponse {
  const sub = readableSubscription(ctx, s!, "Microsoft.Web/sites/config/read");
  if (isResponse(sub)) return sub;
  const r = appOf(ctx, sub, rg!, site!, slot);
  if (!r) return notFound(site!);
  if (r.properties[FORBIDDEN_FLAG] === true) {
    return armError(403, "AuthorizationFailed", `The client 'tlsbot' does not have authorization to perform action 'Microsoft.Web/sites/config/read' over scope '${armId(r)}/config/web'.`);
  }
  return json(200, configJson(r));
}

function writeConfig(ctx: SimContext, body: unknown, [s, rg, site, slot]: readonly string[]): SimResponse {
  const sub = writableSubscription(ctx, s!, "Microsoft.Web/sites/config/write");
  if (isResponse(sub)) return sub;
  const r = appOf(ctx, sub, rg!, site!, slot);
  if (!r) return notFound(site!);
  const props = ((body ?? {}) as { properties?: Record<string, unknown> }).properties ?? {};
  const changed: Record<string, unknown> = {};
  for (const key of ["minTlsVersion", "scmMinTlsVersion"]) {
    const v = props[key];
    if (v === undefined) continue;
    if (typeof v !== "string" || !SETTABLE.has(v)) return armError(400, "BadRequest", `'${String(v)}' is not a valid value for ${key}.`);
    changed[key] = v;
  }
  r.properties["siteConfig"] = { ...siteConfig(r), ...changed };
  ctx.state.touch(r);
  return json(200, configJson(r));
}

const routes: Route[] = [
  ...providerRoutes({ type: SITES, json: appJson, patch: () => null }),
  {
    method: "GET",
    pattern: new RegExp(`${BASE}/slots$`, "i"),
    handler: (ctx, req, [s, rg, site]) => {
      const sub = readableSubscription(ctx, s!, "Microsoft.Web/sites/slots/read");
      if (isResponse(sub)) return sub;
      const slots = ctx.state.resourcesOfType(sub, SLOTS, rg).filter((r) => r.name.toLowerCase().startsWith(`${site!.toLowerCase()}/`));
      return json(200, page(slots.map(appJson), req, ctx.baseUrl, ctx.pageSize));
    },
  },
  {
    method: "GET",
    pattern: new RegExp(`${BASE}/slots/([^/]+)$`, "i"),
    handler: (ctx, _req, [s, rg, site, slot]) => {
      const sub = readableSubscription(ctx, s!, "Microsoft.Web/sites/slots/read");
      if (isResponse(sub)) return sub;
      const r = appOf(ctx, sub, rg!, site!, slot);
      return r ? json(200, appJson(r)) : notFound(`${site}/slots/${slot}`);
    },
  },
  { method: "GET", pattern: new RegExp(`${BASE}/config/web$`, "i"), handler: (ctx, _req, p) => readConfig(ctx, [...p, undefined as unknown as string]) },
  { method: "GET", pattern: new RegExp(`${BASE}/slots/([^/]+)/config/web$`, "i"), handler: (ctx, _req, p) => readConfig(ctx, p) },
  { method: "PATCH", pattern: new RegExp(`${BASE}/config/web$`, "i"), handler: (ctx, req, p) => writeConfig(ctx, req.body, [...p, undefined as unknown as string]) },
  { method: "PATCH", pattern: new RegExp(`${BASE}/slots/([^/]+)/config/web$`, "i"), handler: (ctx, req, p) => writeConfig(ctx, req.body, p) },
];

const cfg = (minTlsVersion?: unknown, scmMinTlsVersion?: unknown) => ({ siteConfig: { ...(minTlsVersion !== undefined ? { minTlsVersion } : {}), ...(scmMinTlsVersion !== undefined ? { scmMinTlsVersion } : {}) } });

export const appServiceSim: SimKind = {
  routes,
  json: appJson,
  graphTables: { appserviceresources: configGraphRow },
  samples: [
    { name: "app-sample-scm10", properties: cfg("1.2", "1.0"), expect: { effectiveTls: "1.0", reason: "lowerOfTwoSettings" } },
    { name: "app-sample-site11", properties: cfg("1.1", "1.2"), expect: { effectiveTls: "1.1", reason: "lowerOfTwoSettings" } },
    { name: "app-sample-12", properties: cfg("1.2", "1.2"), expect: { effectiveTls: "1.2", reason: "lowerOfTwoSettings" } },
    { name: "app-sample-13", properties: cfg("1.3", "1.3"), expect: { effectiveTls: "1.3", reason: "lowerOfTwoSettings" } },
    { name: "app-sample-unset", properties: cfg(), expect: { effectiveTls: "1.2", reason: "unsetDefault12" } },
    { name: "app-sample-noconfig", properties: { [FORBIDDEN_FLAG]: true, ...cfg("1.2", "1.2") }, expect: { effectiveTls: "unknown", reason: "unreadable" } },
    { name: "app-sample-bad", properties: cfg("TLS1_2", "1.2"), expect: { effectiveTls: "unknown", reason: "unrecognisedValue" } },
    { name: "app-sample-scm10/staging", type: SLOTS, properties: cfg("1.0", "1.2"), expect: { effectiveTls: "1.0", reason: "lowerOfTwoSettings" } },
  ],
};
