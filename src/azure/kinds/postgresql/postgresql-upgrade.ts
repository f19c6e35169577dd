import type { ServerParameterParts } from "../server-parameter.ts";

/**
 * PostgreSQL flexible server: a PATCH of the `ssl_min_protocol_version` server parameter
 * (`configurations/ssl_min_protocol_version`) through the generic `@azure/arm-resources` client
 * (api-version 2024-08-01). A single value, not a list: TLSv1.3 is kept when it is already the minimum,
 * though an upgrade is only offered below 1.2.
 */
export const postgreSqlParameter: ServerParameterParts = {
  parameter: "ssl_min_protocol_version",
  apiVersion: "2024-08-01",
  raisedValue: (current) => (current?.toLowerCase() === "tlsv1.3" ? "TLSv1.3" : "TLSv1.2"),
  extra: (props) => ({ version: props["version"] ?? null }),
};
