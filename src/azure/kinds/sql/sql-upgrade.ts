import { sqlKind } from "./sql-kind.ts";

/**
 * A logical server or managed instance is raised with a PATCH of `properties.minimalTlsVersion` = `1.2`
 * through the generic `@azure/arm-resources` client (api-version 2021-11-01). Once a version is enforced it
 * cannot go back to "None", and clients below it fail with error 47072 (catalog: sql-tls10-11).
 */
export const sqlUpgrade = sqlKind.upgrade;
