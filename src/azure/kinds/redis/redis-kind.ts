import type { RedisResource } from "@azure/arm-rediscache";
import type { ObservedResource } from "../../../domain/resource.ts";
import { parseTlsVersion } from "../../../domain/tls-version.ts";
import type { GraphRow, ResourceKind } from "../resource-kind.ts";
import { redisUpgrade } from "./redis-upgrade.ts";
import { isoOrNull, rawTlsOf, scopeFromId, str, tagsOf } from "../observed-fields.ts";

export const REDIS_TYPE = "Microsoft.Cache/redis";

function observe(fields: {
  id: string; name: string; location: string; rawTls: string | null; createdAt: string | null;
  tags: Record<string, string>; extra: Record<string, unknown>;
}): ObservedResource | null {
  const scope = scopeFromId(fields.id);
  if (!scope) return null;
  return {
    id: fields.id, kind: "redis", type: REDIS_TYPE, name: fields.name,
    // From the id, not Resource Graph's columns: Graph lower-cases resourceGroup, and a finding must not
    // change when only the scan source does.
    subscriptionId: scope.subscriptionId,
    resourceGroup: scope.resourceGroup,
    location: fields.location, rawTls: fields.rawTls, createdAt: fields.createdAt, tags: fields.tags, extra: fields.extra,
  };
}

export const redisKind: ResourceKind = {
  id: "redis",
  armType: REDIS_TYPE,

  async listInSubscription(clients, subscriptionId, signal) {
    const out: ObservedResource[] = [];
    // The SDK follows nextLink itself; every page is a GET.
    for await (const cache of clients.redis(subscriptionId).redis.listBySubscription({ abortSignal: signal })) {
      const observed = fromSdk(cache);
      if (observed) out.push(observed);
    }
    return out;
  },

  fromGraphRow(row: GraphRow) {
    const id = str(row.id);
    if (!id) return null;
    const props = (row.properties ?? {}) as Record<string, unknown>;
    const systemData = (row.systemData ?? {}) as Record<string, unknown>;
    return observe({
      id, name: str(row.name) ?? id.split("/").pop() ?? id, location: str(row.location) ?? "",
      rawTls: rawTlsOf(props["minimumTlsVersion"]), createdAt: isoOrNull(systemData["createdAt"]), tags: tagsOf(row.tags),
      extra: { sku: (props["sku"] as { name?: string } | undefined)?.name ?? null, provisioningState: props["provisioningState"] ?? null },
    });
  },

  // Only a cache without an explicit minimum needs its age: before 2020-01-13 it still accepts 1.0.
  needsCreatedTime: (r) => parseTlsVersion(r.rawTls).kind === "unset" && r.createdAt === null,
  upgrade: redisUpgrade(fromSdk),
};

export function fromSdk(cache: RedisResource): ObservedResource | null {
  if (!cache.id) return null;
  return observe({
    id: cache.id, name: cache.name ?? cache.id, location: cache.location, rawTls: rawTlsOf(cache.minimumTlsVersion),
    createdAt: null, tags: tagsOf(cache.tags),
    extra: { sku: cache.sku?.name ?? null, provisioningState: cache.provisioningState ?? null },
  });
}
