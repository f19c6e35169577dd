import type { SimKind } from "../../simulator/sim-kind.ts";
import { providerRoutes, restJson, settableProperty } from "../../simulator/provider-routes.ts";
import type { SimResource } from "../../simulator/sim-state.ts";

const SERVERS = "Microsoft.Sql/servers";
const INSTANCES = "Microsoft.Sql/managedInstances";
const isInstance = (r: SimResource) => r.type.toLowerCase() === INSTANCES.toLowerCase();

/** A logical server or managed instance as api-version 2021-11-01 returns it. */
function sqlJson(r: SimResource): Record<string, unknown> {
  return isInstance(r)
    ? restJson(r, INSTANCES, { fullyQualifiedDomainName: `${r.name}.database.windows.net`, state: "Ready", ...r.properties }, { sku: r.sku ?? { name: "GP_Gen5", tier: "GeneralPurpose" } })
    : restJson(r, SERVERS, { fullyQualifiedDomainName: `${r.name}.database.windows.net`, version: "12.0", state: "Ready", publicNetworkAccess: "Enabled", ...r.properties }, { kind: "v12.0" });
}

/** Below 1.2 can no longer be set, nor can a server go back to None (FACTS.md [Q1,Q4]). */
const patch = settableProperty("minimalTlsVersion", ["1.2", "1.3"], (v) => ({ code: "InvalidMinimalTlsVersion", message: `Minimal TLS version '${v}' is not supported. Supported values are 1.2 and 1.3.` }));

export const sqlSim: SimKind = {
  json: sqlJson,
  routes: [...providerRoutes({ type: SERVERS, json: sqlJson, patch }), ...providerRoutes({ type: INSTANCES, json: sqlJson, patch })],
  samples: [
    { name: "sql-sample-10", properties: { minimalTlsVersion: "1.0" }, expect: { effectiveTls: "1.0", reason: "configured" } },
    { name: "sql-sample-11", properties: { minimalTlsVersion: "1.1" }, expect: { effectiveTls: "1.1", reason: "configured" } },
    { name: "sql-sample-12", properties: { minimalTlsVersion: "1.2" }, expect: { effectiveTls: "1.2", reason: "configured" } },
    { name: "sql-sample-13", properties: { minimalTlsVersion: "1.3" }, expect: { effectiveTls: "1.3", reason: "configured" } },
    { name: "sql-sample-none", properties: { minimalTlsVersion: "None" }, expect: { effectiveTls: "1.0", reason: "noMinimum" } },
    { name: "sql-sample-zero", properties: { minimalTlsVersion: "0" }, expect: { effectiveTls: "1.0", reason: "noMinimum" } },
    { name: "sql-sample-unset", properties: {}, expect: { effectiveTls: "1.0", reason: "noMinimum" } },
    { name: "sql-sample-tls12", properties: { minimalTlsVersion: "TLS1_2" }, expect: { effectiveTls: "unknown", reason: "unrecognisedValue" } },
    { name: "sqlmi-sample-11", type: INSTANCES, properties: { minimalTlsVersion: "1.1" }, expect: { effectiveTls: "1.1", reason: "configured" } },
    { name: "sqlmi-sample-12", type: INSTANCES, properties: { minimalTlsVersion: "1.2" }, expect: { effectiveTls: "1.2", reason: "configured" } },
  ],
};
