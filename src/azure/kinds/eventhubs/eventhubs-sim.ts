import type { SimKind } from "../../simulator/sim-kind.ts";
import { providerRoutes, restJson, settableProperty } from "../../simulator/provider-routes.ts";
import type { SimResource } from "../../simulator/sim-state.ts";

const TYPE = "Microsoft.EventHub/namespaces";

/** A namespace as api-version 2024-01-01 returns it. */
function namespaceJson(r: SimResource): Record<string, unknown> {
  return restJson(r, TYPE, { eventHubsEndpoint: `https://${r.name}.eventhubs.windows.net:443/`, status: "Active", ...r.properties },
    { sku: r.sku ?? { name: "Standard", tier: "Standard" } });
}

export const eventHubsSim: SimKind = {
  json: namespaceJson,
  routes: providerRoutes({
    type: TYPE, json: namespaceJson,
    // Not in the namespace schema before this api-version (azure-rest-api-specs, stable/2021-11-01 has none).
    introducedIn: { minimumTlsVersion: "2022-01-01-preview" },
    patch: settableProperty("minimumTlsVersion", ["1.0", "1.1", "1.2"], (v) => ({ code: "BadRequest", message: `The value '${v}' is not valid for minimumTlsVersion.` })),
  }),
  samples: [
    { name: "eh-sample-10", properties: { minimumTlsVersion: "1.0" }, expect: { effectiveTls: "1.0", reason: "configured" } },
    { name: "eh-sample-11", properties: { minimumTlsVersion: "1.1" }, expect: { effectiveTls: "1.1", reason: "configured" } },
    { name: "eh-sample-12", properties: { minimumTlsVersion: "1.2" }, expect: { effectiveTls: "1.2", reason: "configured" } },
    { name: "eh-sample-13", properties: { minimumTlsVersion: "1.3" }, expect: { effectiveTls: "1.3", reason: "configured" } },
    { name: "eh-sample-unset", properties: {}, expect: { effectiveTls: "1.0", reason: "unsetAccepts10" } },
    { name: "eh-sample-tls12", properties: { minimumTlsVersion: "TLS1_2" }, expect: { effectiveTls: "unknown", reason: "unrecognisedValue" } },
  ],
};
