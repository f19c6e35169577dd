import { exactSpellings, type EffectiveTlsResult } from "../../../domain/effective-tls.ts";
import type { ObservedResource } from "../../../domain/resource.ts";
import type { KindDefinition } from "../kind-definition.ts";

/**
 * New Redis caches began defaulting to TLS 1.2 on 2020-01-13 in public Azure and 2020-03-13 in the
 * sovereign clouds (Microsoft's "Remove TLS 1.0 and 1.1 from use with Azure Cache for Redis", phase 1).
 */
export const REDIS_DEFAULT_12_SINCE = "2020-01-13T00:00:00Z";
export const REDIS_DEFAULT_12_SINCE_SOVEREIGN = "2020-03-13T00:00:00Z";
const SOVEREIGN_LOCATION = /^(usgov|usdod|usnat|ussec|china|germanycentral|germanynortheast)/i;

// FACTS.md [R1]: an unset minimum runs as 1.0 on caches created before 2020 and as 1.2 after.
function redisUnset(resource: ObservedResource): EffectiveTlsResult {
  if (!resource.createdAt) return { effectiveTls: "unknown", reason: "redisDefaultUnknownCreation" };
  const created = Date.parse(resource.createdAt);
  if (Number.isNaN(created)) return { effectiveTls: "unknown", reason: "redisDefaultUnknownCreation" };
  const since = SOVEREIGN_LOCATION.test(resource.location) ? REDIS_DEFAULT_12_SINCE_SOVEREIGN : REDIS_DEFAULT_12_SINCE;
  return created < Date.parse(since)
    ? { effectiveTls: "1.0", reason: "redisDefaultBefore2020" }
    : { effectiveTls: "1.2", reason: "redisDefaultSince2020" };
}

const spellings = { "1.0": "1.0", "1.1": "1.1", "1.2": "1.2" } as const;
const parse = exactSpellings(spellings);

export const redisDefinition: KindDefinition = {
  id: "redis",
  armTypes: ["Microsoft.Cache/redis"],
  names: { en: { one: "Redis cache", other: "Redis caches" }, ja: { one: "Redis キャッシュ", other: "Redis キャッシュ" } },
  synonyms: {
    en: ["cache", "caches", "redis", "redises", "azure cache", "redis cache", "redis caches", "cache for redis", "azure cache for redis", "acr"],
    ja: ["キャッシュ", "きゃっしゅ", "レディス", "れでぃす", "レディスキャッシュ", "リディス", "アジュールキャッシュ"],
  },
  tls: {
    settings: ["minimumTlsVersion"],
    spellings,
    parse,
    upgradeValue: "1.2",
    // "1.0", "1.1", "1.2" only (FACTS.md [R3]; Redis REST `minimumTlsVersion`).
    highestMinimum: "1.2",
    unset: redisUnset,
    // Only a cache without an explicit minimum needs its age.
    needsCreatedTime: (r) => parse(r.rawTls).kind === "unset" && r.createdAt === null,
  },
  retirementId: "redis-tls10-11",
  reading: "list",
  implementation: async () => (await import("./redis-kind.ts")).redisKind,
  simulator: async () => (await import("./redis-sim.ts")).redisSim,
};
