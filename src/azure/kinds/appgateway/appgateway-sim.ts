import { armError, header, json } from "../../simulator/sim-http.ts";
import type { SimKind } from "../../simulator/sim-kind.ts";
import { providerRoutes, restJson } from "../../simulator/provider-routes.ts";
import type { Route } from "../../simulator/routes/sim-context.ts";
import { isResponse, writableSubscription } from "../../simulator/routes/subscription-access.ts";
import type { SimResource } from "../../simulator/sim-state.ts";

const TYPE = "Microsoft.Network/applicationGateways";
const POLICY_TYPES = new Set(["Predefined", "Custom", "CustomV2"]);

/** A gateway as api-version 2023-09-01 returns it, etag included (a PUT sends it back as If-Match). */
function gatewayJson(r: SimResource): Record<string, unknown> {
  return restJson(r, TYPE, {
    sku: { name: "WAF_v2", tier: "WAF_v2", capacity: 2 }, operationalState: "Running", frontendIPConfigurations: [], httpListeners: [], ...r.properties,
  }, { etag: r.etag });
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
    const policy = props["sslPolicy"] as Record<string, unknown> | undefined;
    if (policy && !POLICY_TYPES.has(String(policy["policyType"]))) return armError(400, "InvalidSslPolicy", `Invalid policyType '${String(policy["policyType"])}'.`);
    const { provisioningState: _p, operationalState: _o, sku: _s, frontendIPConfigurations: _f, httpListeners: _h, ...kept } = props;
    r.properties = kept;
    ctx.state.touch(r);
    return json(200, gatewayJson(r));
  },
};

const predefined = (policyName: string) => ({ sslPolicy: { policyType: "Predefined", policyName } });
const custom = (policyType: string, minProtocolVersion: string) => ({ sslPolicy: { policyType, minProtocolVersion } });

export const appGatewaySim: SimKind = {
  json: gatewayJson,
  routes: [...providerRoutes({ type: TYPE, json: gatewayJson, patch: () => armError(400, "InvalidRequest", "Only tags can be patched on an application gateway.") }), put],
  samples: [
    { name: "agw-sample-2015", properties: predefined("AppGwSslPolicy20150501"), expect: { effectiveTls: "1.0", reason: "configured" } },
    { name: "agw-sample-2017", properties: predefined("AppGwSslPolicy20170401"), expect: { effectiveTls: "1.1", reason: "configured" } },
    { name: "agw-sample-2017s", properties: predefined("AppGwSslPolicy20170401S"), expect: { effectiveTls: "1.2", reason: "configured" } },
    { name: "agw-sample-2022", properties: predefined("AppGwSslPolicy20220101"), expect: { effectiveTls: "1.2", reason: "configured" } },
    { name: "agw-sample-2022s", properties: predefined("AppGwSslPolicy20220101S"), expect: { effectiveTls: "1.2", reason: "configured" } },
    { name: "agw-sample-custom10", properties: custom("Custom", "TLSv1_0"), expect: { effectiveTls: "1.0", reason: "configured" } },
    { name: "agw-sample-custom11", properties: custom("Custom", "TLSv1_1"), expect: { effectiveTls: "1.1", reason: "configured" } },
    { name: "agw-sample-v2-12", properties: custom("CustomV2", "TLSv1_2"), expect: { effectiveTls: "1.2", reason: "configured" } },
    { name: "agw-sample-v2-13", properties: custom("CustomV2", "TLSv1_3"), expect: { effectiveTls: "1.3", reason: "configured" } },
    { name: "agw-sample-nopolicy", properties: {}, expect: { effectiveTls: "unknown", reason: "unsetUnknown" } },
    { name: "agw-sample-oddname", properties: predefined("AppGwSslPolicy20990101"), expect: { effectiveTls: "unknown", reason: "unrecognisedValue" } },
  ],
};
