import type { SimKind } from "../../simulator/sim-kind.ts";
import { providerRoutes, restJson } from "../../simulator/provider-routes.ts";
import { CONFIGURATIONS_FORBIDDEN, serverParameterRoutes, serverProperties, type ServerParameterSim } from "../../simulator/server-parameter-routes.ts";
import type { SimResource } from "../../simulator/sim-state.ts";

const TYPE = "Microsoft.DBforMySQL/flexibleServers";
const ALLOWED = ["TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3"];
/** Tenant data keeps the parameter as `tls_version` (absent = the default). */
const PARAM = "tls_version";
const FORBIDDEN_FLAG = CONFIGURATIONS_FORBIDDEN;
const parameter: ServerParameterSim = {
  type: TYPE, parameter: PARAM, defaultValue: "TLSv1.2", allowedValues: ALLOWED, dataType: "Set",
  accepts: (value) => value.split(",").every((v) => ALLOWED.includes(v)),
};

function serverJson(r: SimResource): Record<string, unknown> {
  return restJson(r, TYPE, { version: "8.0.21", state: "Ready", fullyQualifiedDomainName: `${r.name}.mysql.database.azure.com`, ...serverProperties(r, parameter) }, { sku: r.sku ?? { name: "Standard_B1ms", tier: "Burstable" } });
}

export const mySqlSim: SimKind = {
  json: serverJson,
  routes: [...providerRoutes({ type: TYPE, json: serverJson, patch: () => null }), ...serverParameterRoutes(parameter)],
  samples: [
    { name: "mysql-sample-10", properties: { [PARAM]: "TLSv1" }, expect: { effectiveTls: "1.0", reason: "configured" } },
    { name: "mysql-sample-all", properties: { [PARAM]: "TLSv1,TLSv1.1,TLSv1.2" }, expect: { effectiveTls: "1.0", reason: "configured" } },
    { name: "mysql-sample-11only", properties: { [PARAM]: "TLSv1.1" }, expect: { effectiveTls: "1.1", reason: "configured" } },
    { name: "mysql-sample-11", properties: { [PARAM]: "TLSv1.1,TLSv1.2,TLSv1.3" }, expect: { effectiveTls: "1.1", reason: "configured" } },
    { name: "mysql-sample-12", properties: { [PARAM]: "TLSv1.2" }, expect: { effectiveTls: "1.2", reason: "configured" } },
    { name: "mysql-sample-13", properties: { [PARAM]: "TLSv1.3" }, expect: { effectiveTls: "1.3", reason: "configured" } },
    { name: "mysql-sample-default", properties: {}, expect: { effectiveTls: "1.2", reason: "configured" } },
    { name: "mysql-sample-empty", properties: { [PARAM]: "" }, expect: { effectiveTls: "1.2", reason: "unsetDefault12" } },
    { name: "mysql-sample-noread", properties: { [FORBIDDEN_FLAG]: true }, expect: { effectiveTls: "unknown", reason: "unreadable" } },
    { name: "mysql-sample-odd", properties: { [PARAM]: "TLSv1.2 " }, expect: { effectiveTls: "unknown", reason: "unrecognisedValue" } },
  ],
};
