import type { SimKind } from "../../simulator/sim-kind.ts";
import { providerRoutes, restJson } from "../../simulator/provider-routes.ts";
import { CONFIGURATIONS_FORBIDDEN, serverParameterRoutes, serverProperties, type ServerParameterSim } from "../../simulator/server-parameter-routes.ts";
import type { SimResource } from "../../simulator/sim-state.ts";

const TYPE = "Microsoft.DBforPostgreSQL/flexibleServers";
/** Tenant data keeps the parameter as `ssl_min_protocol_version` (absent = the default). */
const PARAM = "ssl_min_protocol_version";
// Servers configured long ago may report TLSv1/TLSv1.1; Azure accepts only TLSv1.2/TLSv1.3 when setting it.
const parameter: ServerParameterSim = {
  type: TYPE, parameter: PARAM, defaultValue: "TLSv1.2", allowedValues: ["TLSv1.2", "TLSv1.3"], dataType: "Enumeration",
  accepts: (value) => value === "TLSv1.2" || value === "TLSv1.3",
};

function serverJson(r: SimResource): Record<string, unknown> {
  return restJson(r, TYPE, { version: "16", state: "Ready", fullyQualifiedDomainName: `${r.name}.postgres.database.azure.com`, ...serverProperties(r, parameter) }, { sku: r.sku ?? { name: "Standard_B1ms", tier: "Burstable" } });
}

export const postgreSqlSim: SimKind = {
  json: serverJson,
  routes: [...providerRoutes({ type: TYPE, json: serverJson, patch: () => null }), ...serverParameterRoutes(parameter)],
  samples: [
    { name: "pg-sample-10", properties: { [PARAM]: "TLSv1" }, expect: { effectiveTls: "1.0", reason: "configured" } },
    { name: "pg-sample-11", properties: { [PARAM]: "TLSv1.1" }, expect: { effectiveTls: "1.1", reason: "configured" } },
    { name: "pg-sample-12", properties: { [PARAM]: "TLSv1.2" }, expect: { effectiveTls: "1.2", reason: "configured" } },
    { name: "pg-sample-13", properties: { [PARAM]: "TLSv1.3" }, expect: { effectiveTls: "1.3", reason: "configured" } },
    { name: "pg-sample-lower", properties: { [PARAM]: "tlsv1.2" }, expect: { effectiveTls: "1.2", reason: "configured" } },
    { name: "pg-sample-default", properties: {}, expect: { effectiveTls: "1.2", reason: "configured" } },
    { name: "pg-sample-empty", properties: { [PARAM]: "" }, expect: { effectiveTls: "1.2", reason: "unsetDefault12" } },
    { name: "pg-sample-noread", properties: { [CONFIGURATIONS_FORBIDDEN]: true }, expect: { effectiveTls: "unknown", reason: "unreadable" } },
    { name: "pg-sample-odd", properties: { [PARAM]: "TLSv1.2,TLSv1.3" }, expect: { effectiveTls: "unknown", reason: "unrecognisedValue" } },
  ],
};
