import type { RedisResource } from "@azure/arm-rediscache";
import { armKind } from "../arm-kind.ts";
import { redisDefinition } from "./redis-definition.ts";
import { redisUpgrade } from "./redis-upgrade.ts";

export const redisKind = armKind<RedisResource>(redisDefinition, {
  list: (clients, subscriptionId, signal) => clients.redis(subscriptionId).redis.listBySubscription({ abortSignal: signal }),
  readSdk: (cache) => ({ rawTls: cache.minimumTlsVersion, extra: { sku: cache.sku?.name ?? null, provisioningState: cache.provisioningState ?? null } }),
  readGraph: (props, row) => ({
    rawTls: props["minimumTlsVersion"],
    createdAt: ((row.systemData ?? {}) as Record<string, unknown>)["createdAt"],
    extra: { sku: (props["sku"] as { name?: string } | undefined)?.name ?? null, provisioningState: props["provisioningState"] ?? null },
  }),
  upgrade: redisUpgrade,
  // Redis keeps no server-side log of client TLS versions: all an approver can do is test clients.
  evidence: async () => [{ key: "redisNoServerLog" }, { key: "redisTestClients" }],
});
