import type { ObservedResource, ResourceKindId } from "./resource.ts";
import { parseTlsVersion, type EffectiveTls, type ParsedTls } from "./tls-version.ts";

export interface EffectiveTlsResult {
  readonly effectiveTls: EffectiveTls;
  /** Locale key under `reason.` explaining the value, so a card can say why. */
  readonly reason: string;
}

/**
 * New Redis caches began defaulting to TLS 1.2 on 2020-01-13 in public Azure and 2020-03-13 in the
 * sovereign clouds (Microsoft's "Remove TLS 1.0 and 1.1 from use with Azure Cache for Redis", phase 1).
 */
export const REDIS_DEFAULT_12_SINCE = "2020-01-13T00:00:00Z";
export const REDIS_DEFAULT_12_SINCE_SOVEREIGN = "2020-03-13T00:00:00Z";
const SOVEREIGN_LOCATION = /^(usgov|usdod|usnat|ussec|china|germanycentral|germanynortheast)/i;

type Rule = (parsed: ParsedTls, resource: ObservedResource) => EffectiveTlsResult;

function explicit(parsed: ParsedTls): EffectiveTlsResult | null {
  if (parsed.kind === "version") return { effectiveTls: parsed.version, reason: "configured" };
  // "None" / TLSEnforcementDisabled accept every version, 1.0 included.
  if (parsed.kind === "no-minimum") return { effectiveTls: "1.0", reason: "noMinimum" };
  // Never guess from a spelling we do not know: report it for review instead of as compliant.
  if (parsed.kind === "unrecognised") return { effectiveTls: "unknown", reason: "unrecognisedValue" };
  return null;
}

const redisRule: Rule = (parsed, resource) => {
  const known = explicit(parsed);
  if (known) return known;
  if (!resource.createdAt) return { effectiveTls: "unknown", reason: "redisDefaultUnknownCreation" };
  const created = Date.parse(resource.createdAt);
  if (Number.isNaN(created)) return { effectiveTls: "unknown", reason: "redisDefaultUnknownCreation" };
  const since = SOVEREIGN_LOCATION.test(resource.location) ? REDIS_DEFAULT_12_SINCE_SOVEREIGN : REDIS_DEFAULT_12_SINCE;
  return created < Date.parse(since)
    ? { effectiveTls: "1.0", reason: "redisDefaultBefore2020" }
    : { effectiveTls: "1.2", reason: "redisDefaultSince2020" };
};

// An IoT hub without minTlsVersion accepts TLS 1.0, 1.1 and 1.2.
const iotHubRule: Rule = (parsed) => explicit(parsed) ?? { effectiveTls: "1.0", reason: "iotHubUnsetAccepts10" };

const RULES: Record<ResourceKindId, Rule> = { redis: redisRule, iothub: iotHubRule };

export function effectiveTls(resource: ObservedResource): EffectiveTlsResult {
  return RULES[resource.kind](parseTlsVersion(resource.rawTls), resource);
}
