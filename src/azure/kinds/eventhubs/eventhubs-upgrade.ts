import { eventHubsKind } from "./eventhubs-kind.ts";

/**
 * A namespace is raised with a PATCH of `properties.minimumTlsVersion` through the generic
 * `@azure/arm-resources` client (api-version 2024-01-01). Old AMQP clients (Proton-J) may then fail to connect.
 */
export const eventHubsUpgrade = eventHubsKind.upgrade;
