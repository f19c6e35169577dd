import type { ResourceKindId } from "../../domain/resource.ts";
import { iotHubKind } from "./iothub/iothub-kind.ts";
import { redisKind } from "./redis/redis-kind.ts";
import type { ResourceKind } from "./resource-kind.ts";

/** Every scannable kind; a test checks this equals the folders under src/azure/kinds/. */
export const RESOURCE_KINDS: ReadonlyMap<ResourceKindId, ResourceKind> = new Map<ResourceKindId, ResourceKind>([
  ["redis", redisKind],
  ["iothub", iotHubKind],
]);

export function kindForType(type: string): ResourceKind | null {
  for (const k of RESOURCE_KINDS.values()) if (k.armType.toLowerCase() === type.toLowerCase()) return k;
  return null;
}
