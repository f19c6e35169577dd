import type { KindDefinition } from "./kind-definition.ts";
import { iotHubDefinition } from "./iothub/iothub-definition.ts";
import { redisDefinition } from "./redis/redis-definition.ts";
import { cosmosDbDefinition } from "./cosmosdb/cosmosdb-definition.ts";
import { appGatewayDefinition } from "./appgateway/appgateway-definition.ts";
import { appServiceDefinition } from "./appservice/appservice-definition.ts";
import { frontDoorDefinition } from "./frontdoor/frontdoor-definition.ts";
import { frontDoorClassicDefinition } from "./frontdoorclassic/frontdoorclassic-definition.ts";
import { mySqlDefinition } from "./mysql/mysql-definition.ts";
import { postgreSqlDefinition } from "./postgresql/postgresql-definition.ts";
import { sqlDefinition } from "./sql/sql-definition.ts";
import { eventHubsDefinition } from "./eventhubs/eventhubs-definition.ts";
import { serviceBusDefinition } from "./servicebus/servicebus-definition.ts";
import { storageDefinition } from "./storage/storage-definition.ts";

/**
 * Every scannable kind, one line each; a test checks this equals the folders under src/azure/kinds/.
 * Pure: the SDK code behind each definition is loaded by `loadResourceKinds`.
 */
export const KIND_DEFINITIONS: readonly KindDefinition[] = [
  redisDefinition,
  iotHubDefinition,
  storageDefinition,
  serviceBusDefinition,
  eventHubsDefinition,
  cosmosDbDefinition,
  sqlDefinition,
  appServiceDefinition,
  appGatewayDefinition,
  mySqlDefinition,
  postgreSqlDefinition,
  frontDoorDefinition,
  frontDoorClassicDefinition,
];

export const KIND_IDS: readonly string[] = KIND_DEFINITIONS.map((d) => d.id);

const byId = new Map(KIND_DEFINITIONS.map((d) => [d.id, d]));

export function kindDefinition(id: string): KindDefinition | undefined {
  return byId.get(id);
}

export function definitionForType(type: string): KindDefinition | undefined {
  const lower = type.toLowerCase();
  return KIND_DEFINITIONS.find((d) => d.armTypes.some((t) => t.toLowerCase() === lower));
}
