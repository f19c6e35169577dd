import { armError, header, json, type SimResponse } from "../../simulator/sim-http.ts";
import type { SimKind } from "../../simulator/sim-kind.ts";
import { providerRoutes, restJson } from "../../simulator/provider-routes.ts";
import type { Route } from "../../simulator/routes/sim-context.ts";
import { isResponse, writableSubscription } from "../../simulator/routes/subscription-access.ts";
import { armId, type SimResource } from "../../simulator/sim-state.ts";

const TYPE = "Microsoft.Network/applicationGateways";
const POLICY_TYPES = new Set(["Predefined", "Custom", "CustomV2"]);

const record = (v: unknown): Record<string, unknown> | null => (v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : null);
const profilesOf = (props: Record<string, unknown>): Record<string, unknown>[] => (Array.isArray(props["sslProfiles"]) ? props["sslProfiles"].map((p) => record(p) ?? {}) : []);

/**
 * SSL profiles as 2023-09-01 returns them: sub-resources with their id, the gateway's etag, a type and
 * `properties.sslPolicy` (ApplicationGatewaySslProfile). The simulator keeps only `name` and `properties`.
 */
function profileJson(r: SimResource, p: Record<string, unknown>): Record<string, unknown> {
  const name = String(p["name"] ?? "");
  return { id: `${armId(r)}/sslProfiles/${name}`, name, etag: r.etag, type: `${TYPE}/sslProfiles`, properties: { ...record(p["properties"]), provisioningState: "Succeeded" } };
}

/** A gateway as api-version 2023-09-01 returns it, etag included (a PUT sends it back as If-Match). */
function gatewayJson(r: SimResource): Record<string, unknown> {
  return restJson(r, TYPE, {
    sku: { name: "WAF_v2", tier: "WAF_v2", capacity: 2 }, operationalState: "Running", frontendIPConfigurations: [], httpListeners: [], ...r.properties,
    sslProfiles: profilesOf(r.properties).map((p) => profileJson(r, p)),
  }, { etag: r.etag });
}

const newerGeneration = (policy: Record<string, unknown>) => policy["policyType"] === "CustomV2" || /^AppGwSslPolicy2022/i.test(String(policy["policyName"] ?? ""));

/**
 * Azure's refusals of a gateway's policies: an unknown policy type, or the 2022/CustomV2 policies mixed with
 * older ones across the gateway-wide policy and the SSL profiles (Learn, "Application Gateway TLS policy
 * overview"; the error as Terraform users quote it).
 */
function policyProblem(props: Record<string, unknown>): SimResponse | null {
  const policies = [
    { where: "the global sslPolicy", policy: record(props["sslPolicy"]) },
    ...profilesOf(props).map((p) => ({ where: `sslProfile ${String(p["name"] ?? "")}`, policy: record(record(p["properties"])?.["sslPolicy"]) })),
  ].flatMap((p) => (p.policy ? [{ where: p.where, policy: p.policy }] : []));
  const invalid = policies.find((p) => !POLICY_TYPES.has(String(p.policy["policyType"])));
  if (invalid) return armError(400, "InvalidSslPolicy", `Invalid policyType '${String(invalid.policy["policyType"])}'.`);
  const first = policies[0];
  const clash = first && policies.find((p) => newerGeneration(p.policy) !== newerGeneration(first.policy));
  if (!first || !clash) return null;
  return armError(400, "ApplicationGatewaySslPolicyMisMatch", `The newer and older SSL policies can't be used together for SSLPolicy and listener-specific SSLProfile: ${clash.where} conflicts with ${first.where}.`);
}

// Update = PUT of the whole gateway (ARM has no PATCH for its properties); a stale If-Match gets 412.
const put: Route = {
  method: "PUT",
  pattern: /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\/providers\/Microsoft\.Network\/applicationGateways\/([^/]+)$/i,
  handler: (ctx, req, [s, rg, name]) => {
    const sub = writableSubscription(ctx, s!, `${TYPE}/write`);
    if (isResponse(sub)) return sub;
    const r = ctx.state.find(sub, TYPE, rg!, name!);
    if (!r) return armError(400, "InvalidRequest", "The tlsbot simulator does not create application gateways; only updates are simulated.");
    const ifMatch = header(req, "if-match");
    if (ifMatch !== undefined && ifMatch !== "*" && ifMatch !== r.etag) return armError(412, "PreconditionFailed", `The etag ${ifMatch} does not match the gateway's current etag.`);
    const props = ((req.body ?? {}) as { properties?: Record<string, unknown> }).properties;
    if (!props || typeof props !== "object") return armError(400, "InvalidRequestFormat", "The request must carry the gateway's properties.");
    const problem = policyProblem(props);
    if (problem) return problem;
    const { provisioningState: _p, operationalState: _o, sku: _s, frontendIPConfigurations: _f, httpListeners: _h, sslProfiles, ...kept } = props;
    // A PUT replaces the gateway: profiles left out of it are gone, as on Azure.
    const profiles = profilesOf({ sslProfiles }).map((p) => {
      const { provisioningState: _ps, ...properties } = record(p["properties"]) ?? {};
      return { name: p["name"], properties };
    });
    r.properties = profiles.length ? { ...kept, sslProfiles: profiles } : kept;
    ctx.state.touch(r);
    return json(200, gatewayJson(r));
  },
};

const predefined = (policyName: string) => ({ policyType: "Predefined", policyName });
const custom = (policyType: string, minProtocolVersion: string) => ({ policyType, minProtocolVersion });
const profile = (name: string, sslPolicy?: Record<string, unknown>) => ({ name, properties: sslPolicy ? { sslPolicy } : { clientAuthConfiguration: { verifyClientCertIssuerDN: true } } });

export const appGatewaySim: SimKind = {
  json: gatewayJson,
  routes: [...providerRoutes({ type: TYPE, json: gatewayJson, patch: () => armError(400, "InvalidRequest", "Only tags can be patched on an application gateway.") }), put],
  samples: [
    { name: "agw-sample-2015", properties: { sslPolicy: predefined("AppGwSslPolicy20150501") }, expect: { effectiveTls: "1.0", reason: "configured" } },
    { name: "agw-sample-2017", properties: { sslPolicy: predefined("AppGwSslPolicy20170401") }, expect: { effectiveTls: "1.1", reason: "configured" } },
    { name: "agw-sample-2017s", properties: { sslPolicy: predefined("AppGwSslPolicy20170401S") }, expect: { effectiveTls: "1.2", reason: "configured" } },
    { name: "agw-sample-2022", properties: { sslPolicy: predefined("AppGwSslPolicy20220101") }, expect: { effectiveTls: "1.2", reason: "configured" } },
    { name: "agw-sample-2022s", properties: { sslPolicy: predefined("AppGwSslPolicy20220101S") }, expect: { effectiveTls: "1.2", reason: "configured" } },
    { name: "agw-sample-custom10", properties: { sslPolicy: custom("Custom", "TLSv1_0") }, expect: { effectiveTls: "1.0", reason: "configured" } },
    { name: "agw-sample-custom11", properties: { sslPolicy: custom("Custom", "TLSv1_1") }, expect: { effectiveTls: "1.1", reason: "configured" } },
    { name: "agw-sample-v2-12", properties: { sslPolicy: custom("CustomV2", "TLSv1_2") }, expect: { effectiveTls: "1.2", reason: "configured" } },
    { name: "agw-sample-v2-13", properties: { sslPolicy: custom("CustomV2", "TLSv1_3") }, expect: { effectiveTls: "1.3", reason: "configured" } },
    { name: "agw-sample-nopolicy", properties: {}, expect: { effectiveTls: "unknown", reason: "unsetUnknown" } },
    { name: "agw-sample-oddname", properties: { sslPolicy: predefined("AppGwSslPolicy20990101") }, expect: { effectiveTls: "unknown", reason: "unrecognisedValue" } },
    // Compliant gateway-wide, but one listener's SSL profile still accepts TLS 1.0: the gateway does.
    {
      name: "agw-sample-profile10", properties: { sslPolicy: predefined("AppGwSslPolicy20170401S"), sslProfiles: [profile("mtls-partners"), profile("legacy-clients", custom("Custom", "TLSv1_0"))] },
      expect: { effectiveTls: "1.0", reason: "configured" },
    },
    // Every profile at 1.2 or above (one only for client certificates, following the gateway-wide policy).
    {
      name: "agw-sample-profiles12", properties: { sslPolicy: predefined("AppGwSslPolicy20220101"), sslProfiles: [profile("strict", custom("CustomV2", "TLSv1_3")), profile("api", predefined("AppGwSslPolicy20220101S")), profile("mtls")] },
      expect: { effectiveTls: "1.2", reason: "configured" },
    },
  ],
};
