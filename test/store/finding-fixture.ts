import type { Finding } from "../../src/domain/resource.ts";

export const SUB1 = "11111111-1111-4111-a111-111111111111";
export const SUB2 = "22222222-2222-4222-a222-222222222222";
export const REDIS = "Microsoft.Cache/redis";

/** A Redis finding in `sub`; override any field. */
export function finding(name: string, over: Partial<Finding> = {}, sub = SUB1): Finding {
  return {
    id: `/subscriptions/${sub}/resourceGroups/rg-${name.split("-")[0]}/providers/Microsoft.Cache/Redis/${name}`,
    kind: "redis", type: REDIS, name, subscriptionId: sub, resourceGroup: `rg-${name.split("-")[0]}`, location: "japaneast",
    rawTls: "1.0", createdAt: "2019-01-01T00:00:00.000Z", tags: { owner: "ops" }, extra: { sku: "Standard" },
    configuredTls: "1.0", effectiveTls: "1.0", status: "overdue", deadline: "2025-03-01", retirementId: "redis-tls10-11",
    reason: "reason.explicit",
    ...over,
  };
}
