import type { SimKind } from "../../simulator/sim-kind.ts";
import { providerRoutes, restJson, settableProperty } from "../../simulator/provider-routes.ts";
import type { SimResource } from "../../simulator/sim-state.ts";

const TYPE = "Microsoft.Storage/storageAccounts";
/** Values a PATCH may set: TLS 1.3 cannot be the minimum (FACTS.md [S1]). */

/** A storage account as api-version 2023-05-01 returns it. */
function storageJson(r: SimResource): Record<string, unknown> {
  return restJson(r, TYPE, {
    primaryEndpoints: { blob: `https://${r.name}.blob.core.windows.net/` }, supportsHttpsTrafficOnly: true, allowBlobPublicAccess: false, ...r.properties,
  }, { kind: "StorageV2", sku: r.sku ?? { name: "Standard_LRS", tier: "Standard" } });
}

export const storageSim: SimKind = {
  json: storageJson,
  routes: providerRoutes({
    type: TYPE, json: storageJson,
    patch: settableProperty("minimumTlsVersion", ["TLS1_0", "TLS1_1", "TLS1_2"], (v) => ({ code: "InvalidRequestPropertyValue", message: `The value '${v}' is not allowed for property minimumTlsVersion.` })),
  }),
  samples: [
    { name: "stsample10", properties: { minimumTlsVersion: "TLS1_0" }, expect: { effectiveTls: "1.0", reason: "configured" } },
    { name: "stsample11", properties: { minimumTlsVersion: "TLS1_1" }, expect: { effectiveTls: "1.1", reason: "configured" } },
    { name: "stsample12", properties: { minimumTlsVersion: "TLS1_2" }, expect: { effectiveTls: "1.2", reason: "configured" } },
    { name: "stsample13", properties: { minimumTlsVersion: "TLS1_3" }, expect: { effectiveTls: "1.3", reason: "configured" } },
    { name: "stsampleunset", properties: {}, expect: { effectiveTls: "1.0", reason: "unsetAccepts10" } },
    { name: "stsamplenull", properties: { minimumTlsVersion: null }, expect: { effectiveTls: "1.0", reason: "unsetAccepts10" } },
    { name: "stsamplebare", properties: { minimumTlsVersion: "1.2" }, expect: { effectiveTls: "unknown", reason: "unrecognisedValue" } },
    { name: "stsamplenum", properties: { minimumTlsVersion: 1.2 }, expect: { effectiveTls: "unknown", reason: "unrecognisedValue" } },
  ],
};
