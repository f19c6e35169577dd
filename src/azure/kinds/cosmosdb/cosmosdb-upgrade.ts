import { cosmosDbKind } from "./cosmosdb-kind.ts";

/**
 * An account is raised with a PATCH of `properties.minimalTlsVersion` = `Tls12` through the generic
 * `@azure/arm-resources` client (api-version 2024-05-15); the poller follows the service's asynchronous answer.
 */
export const cosmosDbUpgrade = cosmosDbKind.upgrade;
