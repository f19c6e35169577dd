import { armError, json, page } from "../../simulator/sim-http.ts";
import type { SimKind } from "../../simulator/sim-kind.ts";
import { restJson } from "../../simulator/provider-routes.ts";
import type { Route } from "../../simulator/routes/sim-context.ts";
import { isResponse, readableSubscription, writableSubscription } from "../../simulator/routes/subscription-access.ts";
import type { SimResource, SimSubscription } from "../../simulator/sim-state.ts";
import { AFD_SKUS } from "./frontdoor-definition.ts";

const PROFILES = "Microsoft.Cdn/profiles";
const DOMAINS = "Microsoft.Cdn/profiles/customDomains";
const SETTABLE = new Set(["TLS10", "TLS12"]);
const DOMAIN = /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\/providers\/Microsoft\.Cdn\/profiles\/([^/]+)\/customDomains\/([^/]+)$/i;

/** A custom domain as api-version 2024-02-01 returns it; tenant data holds `tlsSettings` under properties. */
function domainJson(r: SimResource): Record<string, unknown> {
  const host = r.name.split("/").pop() ?? r.name;
  return restJson(r, DOMAINS, { hostName: `${host}.contoso.example`, domainValidationState: "Approved", deploymentStatus: "NotStarted", ...r.properties });
}

/** Profiles: those in the tenant, and those its custom domains name (a domain cannot exist without one). */
function profilesOf(sub: SimSubscription): Array<{ resourceGroup: string; name: string; location: string; sku: Record<string, unknown> | undefined }> {
  const seen = new Map<string, { resourceGroup: string; name: string; location: string; sku: Record<string, unknown> | undefined }>();
  for (const r of sub.resources) {
    const type = r.type.toLowerCase();
    const isProfile = type === PROFILES.toLowerCase();
    const name = isProfile ? r.name : type === DOMAINS.toLowerCase() ? r.name.split("/")[0]! : null;
    const key = `${r.resourceGroup}/${name}`.toLowerCase();
    if (name && (isProfile || !seen.has(key))) seen.set(key, { resourceGroup: r.resourceGroup, name, location: "global", sku: isProfile ? r.sku : undefined });
  }
  return [...seen.values()];
}

const routes: Route[] = [
  {
    method: "GET",
    pattern: /^\/subscriptions\/([^/]+)\/providers\/Microsoft\.Cdn\/profiles$/i,
    handler: (ctx, req, [s]) => {
      const sub = readableSubscription(ctx, s!, `${PROFILES}/read`);
      if (isResponse(sub)) return sub;
      const value = profilesOf(sub).map((p) => ({
        id: `/subscriptions/${sub.subscriptionId}/resourceGroups/${p.resourceGroup}/providers/${PROFILES}/${p.name}`, name: p.name, type: PROFILES, location: p.location,
        // The same collection lists classic CDN profiles (`Standard_Microsoft`, …), whose custom domains live
        // under their endpoints; a tenant's profile without a sku is a Front Door Standard one.
        sku: p.sku ?? { name: "Standard_AzureFrontDoor" }, ...(AFD_SKUS.has(String(p.sku?.["name"] ?? "Standard_AzureFrontDoor").toLowerCase()) ? { kind: "frontdoor" } : {}),
        properties: { provisioningState: "Succeeded", resourceState: "Active" },
      }));
      return json(200, page(value, req, ctx.baseUrl, ctx.pageSize));
    },
  },
  {
    method: "GET",
    pattern: /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\/providers\/Microsoft\.Cdn\/profiles\/([^/]+)\/customDomains$/i,
    handler: (ctx, req, [s, rg, profile]) => {
      const sub = readableSubscription(ctx, s!, `${DOMAINS}/read`);
      if (isResponse(sub)) return sub;
      const domains = ctx.state.resourcesOfType(sub, DOMAINS, rg).filter((r) => r.name.toLowerCase().startsWith(`${profile!.toLowerCase()}/`));
      return json(200, page(domains.map(domainJson), req, ctx.baseUrl, ctx.pageSize));
    },
  },
  {
    method: "GET",
    pattern: DOMAIN,
    handler: (ctx, _req, [s, rg, profile, domain]) => {
      const sub = readableSubscription(ctx, s!, `${DOMAINS}/read`);
      if (isResponse(sub)) return sub;
      const r = ctx.state.find(sub, DOMAINS, rg!, `${profile}/${domain}`);
      return r ? json(200, domainJson(r)) : armError(404, "NotFound", `Custom domain '${domain}' was not found in profile '${profile}'.`);
    },
  },
  {
    method: "PATCH",
    pattern: DOMAIN,
    handler: (ctx, req, [s, rg, profile, domain]) => {
      const sub = writableSubscription(ctx, s!, `${DOMAINS}/write`);
      if (isResponse(sub)) return sub;
      const r = ctx.state.find(sub, DOMAINS, rg!, `${profile}/${domain}`);
      if (!r) return armError(404, "NotFound", `Custom domain '${domain}' was not found in profile '${profile}'.`);
      const tls = ((req.body ?? {}) as { properties?: { tlsSettings?: Record<string, unknown> } }).properties?.tlsSettings;
      if (tls) {
        if (typeof tls["certificateType"] !== "string") return armError(400, "BadRequest", "tlsSettings.certificateType is required.");
        if (!SETTABLE.has(String(tls["minimumTlsVersion"]))) return armError(400, "BadRequest", `Invalid minimumTlsVersion '${String(tls["minimumTlsVersion"])}'.`);
        r.properties["tlsSettings"] = { ...tls };
      }
      ctx.state.touch(r);
      return json(200, domainJson(r));
    },
  },
];

const tls = (minimumTlsVersion?: unknown) => ({ tlsSettings: { certificateType: "ManagedCertificate", ...(minimumTlsVersion !== undefined ? { minimumTlsVersion } : {}) } });

export const frontDoorSim: SimKind = {
  routes,
  json: domainJson,
  samples: [
    { name: "afd-sample/www", properties: tls("TLS10"), expect: { effectiveTls: "1.0", reason: "configured" } },
    { name: "afd-sample/shop", properties: tls("TLS12"), expect: { effectiveTls: "1.2", reason: "configured" } },
    { name: "afd-sample/api", properties: tls(), expect: { effectiveTls: "1.2", reason: "unsetDefault12" } },
    { name: "afd-sample/old", properties: tls("1.0"), expect: { effectiveTls: "unknown", reason: "unrecognisedValue" } },
  ],
};
