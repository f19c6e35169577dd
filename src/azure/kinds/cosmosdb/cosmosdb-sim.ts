import type { SimKind } from "../../simulator/sim-kind.ts";
import { providerRoutes, restJson, settableProperty } from "../../simulator/provider-routes.ts";
import type { SimResource } from "../../simulator/sim-state.ts";

const TYPE = "Microsoft.DocumentDB/databaseAccounts";

/** A database account as api-version 2024-05-15 returns it. */
function accountJson(r: SimResource): Record<string, unknown> {
  return restJson(r, TYPE, {
    documentEndpoint: `https://${r.name}.documents.azure.com:443/`, databaseAccountOfferType: "Standard", consistencyPolicy: { defaultConsistencyLevel: "Session" }, ...r.properties,
  }, { kind: "GlobalDocumentDB" });
}

export const cosmosDbSim: SimKind = {
  json: accountJson,
  routes: providerRoutes({
    type: TYPE, json: accountJson,
    patch: settableProperty("minimalTlsVersion", ["Tls", "Tls11", "Tls12"], (v) => ({ code: "BadRequest", message: `Invalid minimalTlsVersion '${v}'. Allowed values: Tls, Tls11, Tls12.` })),
  }),
  samples: [
    { name: "cosmos-sample-10", properties: { minimalTlsVersion: "Tls" }, expect: { effectiveTls: "1.0", reason: "configured" } },
    { name: "cosmos-sample-11", properties: { minimalTlsVersion: "Tls11" }, expect: { effectiveTls: "1.1", reason: "configured" } },
    { name: "cosmos-sample-12", properties: { minimalTlsVersion: "Tls12" }, expect: { effectiveTls: "1.2", reason: "configured" } },
    { name: "cosmos-sample-unset", properties: {}, expect: { effectiveTls: "1.0", reason: "unsetAccepts10" } },
    { name: "cosmos-sample-dotted", properties: { minimalTlsVersion: "1.2" }, expect: { effectiveTls: "unknown", reason: "unrecognisedValue" } },
  ],
};
