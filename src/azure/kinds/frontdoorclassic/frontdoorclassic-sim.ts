import { armError, json, newOperationId, page } from "../../simulator/sim-http.ts";
import type { SimKind } from "../../simulator/sim-kind.ts";
import { restJson } from "../../simulator/provider-routes.ts";
import type { Route } from "../../simulator/routes/sim-context.ts";
import { isResponse, readableSubscription, writableSubscription } from "../../simulator/routes/subscription-access.ts";
import type { SimResource, SimSubscription } from "../../simulator/sim-state.ts";

const FRONT_DOORS = "Microsoft.Network/frontDoors";
const ENDPOINTS = "Microsoft.Network/frontDoors/frontendEndpoints";
const MINIMUMS = new Set(["1.0", "1.2"]);
const SOURCES = new Set(["FrontDoor", "AzureKeyVault"]);
const BASE = String.raw`^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\/providers\/Microsoft\.Network\/frontDoors\/([^/]+)\/frontendEndpoints`;
const ENDPOINT = new RegExp(`${BASE}\\/([^/]+)$`, "i");

/**
 * A frontend endpoint as api-version 2021-06-01 returns it. Tenant data holds `hostName` and
 * `customHttpsConfiguration` under properties; without a hostName it is the Front Door's default host.
 */
function endpointJson(r: SimResource): Record<string, unknown> {
  const frontDoor = r.name.split("/")[0]!;
  const https = r.properties["customHttpsConfiguration"];
  return restJson(r, ENDPOINTS, {
    hostName: `${frontDoor}.azurefd.net`, sessionAffinityEnabledState: "Disabled", resourceState: "Enabled",
    customHttpsProvisioningState: https ? "Enabled" : "Disabled", customHttpsProvisioningSubstate: https ? "CertificateDeployed" : "None",
    ...r.properties,
  });
}

const endpointsOf = (ctx: { state: { resourcesOfType(sub: SimSubscription, type: string, rg?: string): SimResource[] } }, sub: SimSubscription, rg: string, frontDoor: string) =>
  ctx.state.resourcesOfType(sub, ENDPOINTS, rg).filter((r) => r.name.toLowerCase().startsWith(`${frontDoor.toLowerCase()}/`));

/** Front Doors: those in the tenant and those its frontend endpoints name (an endpoint cannot exist without one). */
function frontDoorsOf(sub: SimSubscription): Array<{ resourceGroup: string; name: string }> {
  const seen = new Map<string, { resourceGroup: string; name: string }>();
  for (const r of sub.resources) {
    const type = r.type.toLowerCase();
    const name = type === FRONT_DOORS.toLowerCase() ? r.name : type === ENDPOINTS.toLowerCase() ? r.name.split("/")[0]! : null;
    if (name) seen.set(`${r.resourceGroup}/${name}`.toLowerCase(), { resourceGroup: r.resourceGroup, name });
  }
  return [...seen.values()];
}

/** What `enableHttps` accepts: a known certificate source with its parameters, SNI, and "1.0" or "1.2". */
function invalidHttps(body: Record<string, unknown>): string | null {
  if (!SOURCES.has(String(body["certificateSource"]))) return `Invalid certificateSource '${String(body["certificateSource"])}'.`;
  if (body["protocolType"] !== "ServerNameIndication") return `Invalid protocolType '${String(body["protocolType"])}'.`;
  if (!MINIMUMS.has(String(body["minimumTlsVersion"]))) return `Invalid minimumTlsVersion '${String(body["minimumTlsVersion"])}'.`;
  const fd = body["frontDoorCertificateSourceParameters"] as { certificateType?: unknown } | undefined;
  const kv = body["keyVaultCertificateSourceParameters"] as { vault?: { id?: unknown }; secretName?: unknown } | undefined;
  if (body["certificateSource"] === "FrontDoor" && fd?.certificateType !== "Dedicated") return "frontDoorCertificateSourceParameters.certificateType must be 'Dedicated'.";
  if (body["certificateSource"] === "AzureKeyVault" && (typeof kv?.vault?.id !== "string" || typeof kv.secretName !== "string")) return "keyVaultCertificateSourceParameters needs vault.id and secretName.";
  return null;
}

const notFound = (frontDoor?: string, endpoint?: string) => armError(404, "NotFound", `Frontend endpoint '${endpoint}' was not found in Front Door '${frontDoor}'.`);

const routes: Route[] = [
  {
    method: "GET",
    pattern: /^\/subscriptions\/([^/]+)\/providers\/Microsoft\.Network\/frontDoors$/i,
    handler: (ctx, req, [s]) => {
      const sub = readableSubscription(ctx, s!, `${FRONT_DOORS}/read`);
      if (isResponse(sub)) return sub;
      const value = frontDoorsOf(sub).map((fd) => ({
        id: `/subscriptions/${sub.subscriptionId}/resourceGroups/${fd.resourceGroup}/providers/${FRONT_DOORS}/${fd.name}`, name: fd.name, type: FRONT_DOORS, location: "Global",
        properties: {
          provisioningState: "Succeeded", resourceState: "Enabled", cname: `${fd.name}.azurefd.net`, enabledState: "Enabled",
          frontendEndpoints: endpointsOf(ctx, sub, fd.resourceGroup, fd.name).map(endpointJson),
        },
      }));
      return json(200, page(value, req, ctx.baseUrl, ctx.pageSize));
    },
  },
  {
    method: "GET",
    pattern: new RegExp(`${BASE}$`, "i"),
    handler: (ctx, req, [s, rg, frontDoor]) => {
      const sub = readableSubscription(ctx, s!, `${ENDPOINTS}/read`);
      if (isResponse(sub)) return sub;
      return json(200, page(endpointsOf(ctx, sub, rg!, frontDoor!).map(endpointJson), req, ctx.baseUrl, ctx.pageSize));
    },
  },
  {
    method: "GET",
    pattern: ENDPOINT,
    handler: (ctx, _req, [s, rg, frontDoor, endpoint]) => {
      const sub = readableSubscription(ctx, s!, `${ENDPOINTS}/read`);
      if (isResponse(sub)) return sub;
      const r = ctx.state.find(sub, ENDPOINTS, rg!, `${frontDoor}/${endpoint}`);
      return r ? json(200, endpointJson(r)) : notFound(frontDoor, endpoint);
    },
  },
  {
    // A long-running action: 202 with Azure-AsyncOperation; the new settings apply when it completes.
    method: "POST",
    pattern: new RegExp(`${BASE}\\/([^/]+)\\/enableHttps$`, "i"),
    handler: (ctx, req, [s, rg, frontDoor, endpoint]) => {
      const sub = writableSubscription(ctx, s!, `${ENDPOINTS}/enableHttps/action`);
      if (isResponse(sub)) return sub;
      const r = ctx.state.find(sub, ENDPOINTS, rg!, `${frontDoor}/${endpoint}`);
      if (!r) return notFound(frontDoor, endpoint);
      const body = (req.body && typeof req.body === "object" ? req.body : {}) as Record<string, unknown>;
      const invalid = invalidHttps(body);
      if (invalid) return armError(400, "BadRequest", invalid);
      r.properties["customHttpsProvisioningState"] = "Enabling";
      ctx.state.touch(r);
      const id = newOperationId();
      ctx.operations.set(id, {
        pollsLeft: ctx.asyncPollsBeforeDone, done: false, finalBody: null,
        complete: () => {
          delete r.properties["customHttpsProvisioningState"];
          r.properties["customHttpsConfiguration"] = { ...body };
          ctx.state.touch(r);
          return {};
        },
      });
      const base = req.path.replace(/\/enableHttps$/i, "");
      return json(202, {}, { "azure-asyncoperation": `${ctx.baseUrl}${base}/operationResults/${id}?api-version=${req.query.get("api-version")}` });
    },
  },
  {
    method: "GET",
    pattern: new RegExp(`${BASE}\\/[^/]+\\/operationResults\\/([^/]+)$`, "i"),
    handler: (ctx, _req, params) => {
      const id = params[params.length - 1]!;
      const op = ctx.operations.get(id);
      if (!op) return armError(404, "OperationNotFound", `Operation '${id}' was not found.`);
      if (!op.done && op.pollsLeft > 0) {
        op.pollsLeft -= 1;
        return json(200, { status: "InProgress" });
      }
      if (!op.done) {
        op.finalBody = op.complete();
        op.done = true;
      }
      return json(200, { status: "Succeeded" });
    },
  },
];

const https = (minimumTlsVersion: unknown, host: string) => ({
  hostName: host,
  customHttpsConfiguration: { certificateSource: "FrontDoor", protocolType: "ServerNameIndication", minimumTlsVersion, frontDoorCertificateSourceParameters: { certificateType: "Dedicated" } },
});

export const frontDoorClassicSim: SimKind = {
  routes,
  json: endpointJson,
  samples: [
    { name: "fdc-sample/shop", properties: https("1.0", "shop.contoso.example"), expect: { effectiveTls: "1.0", reason: "configured" } },
    { name: "fdc-sample/www", properties: https("1.2", "www.contoso.example"), expect: { effectiveTls: "1.2", reason: "configured" } },
    // The default *.azurefd.net host: no HTTPS settings to read.
    { name: "fdc-sample/default", properties: {}, expect: { effectiveTls: "unknown", reason: "unsetUnknown" } },
    // A custom domain without HTTPS enabled.
    { name: "fdc-sample/plain", properties: { hostName: "plain.contoso.example" }, expect: { effectiveTls: "unknown", reason: "unsetUnknown" } },
    // HTTPS enabled but the API leaves the settings out (azure-rest-api-specs#32842).
    { name: "fdc-sample/nulled", properties: { hostName: "api.contoso.example", customHttpsProvisioningState: "Enabled", customHttpsConfiguration: null }, expect: { effectiveTls: "unknown", reason: "unsetUnknown" } },
    { name: "fdc-sample/odd", properties: https("TLS12", "odd.contoso.example"), expect: { effectiveTls: "unknown", reason: "unrecognisedValue" } },
  ],
};
