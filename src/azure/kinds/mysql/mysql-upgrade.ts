import type { ServerParameterParts } from "../server-parameter.ts";
import { raisedList } from "./mysql-definition.ts";

/**
 * MySQL flexible server: a PATCH of the `tls_version` server parameter (`configurations/tls_version`)
 * through the generic `@azure/arm-resources` client (api-version 2023-12-30), keeping TLS 1.3 when it was
 * allowed. A static parameter: it applies when the server restarts (catalog: mysqlStaticParameter).
 */
export const mySqlParameter: ServerParameterParts = {
  parameter: "tls_version",
  apiVersion: "2023-12-30",
  raisedValue: raisedList,
  extra: (props) => ({ version: props["version"] ?? null }),
};
