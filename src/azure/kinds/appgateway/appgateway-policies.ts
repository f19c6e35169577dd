import { exactSpellings } from "../../../domain/effective-tls.ts";
import type { LowestSetting } from "../../../domain/lowest-setting.ts";
import { compareTls, isAtLeast, type ParsedTls, type TlsVersion } from "../../../domain/tls-version.ts";

/**
 * Predefined policy names and Custom/CustomV2 `minProtocolVersion` values with the minimum each allows
 * (FACTS.md [G1]): 20150501 → 1.0, 20170401 → 1.1, 20170401S / 20220101 / 20220101S → 1.2.
 */
export const POLICY_SPELLINGS = {
  AppGwSslPolicy20150501: "1.0", AppGwSslPolicy20170401: "1.1", AppGwSslPolicy20170401S: "1.2", AppGwSslPolicy20220101: "1.2", AppGwSslPolicy20220101S: "1.2",
  TLSv1_0: "1.0", TLSv1_1: "1.1", TLSv1_2: "1.2", TLSv1_3: "1.3",
} as const;
const one = exactSpellings(POLICY_SPELLINGS);
/** The policy an upgrade sets: the current predefined policy with a 1.2 minimum. */
export const TARGET_POLICY = "AppGwSslPolicy20220101";
/**
 * The policy an upgrade sets instead on a gateway that keeps an older-generation policy at 1.2 or above:
 * Azure refuses a gateway whose gateway-wide policy and SSL profiles mix the 2022/CustomV2 policies with
 * older ones (ApplicationGatewaySslPolicyMisMatch; Learn, "Application Gateway TLS policy overview").
 */
export const TARGET_POLICY_OLDER = "AppGwSslPolicy20170401S";

/** `policyType=CustomV2;minProtocolVersion=TLSv1_2` / `policyType=Predefined;policyName=…` as the scan records one policy. */
export function composePolicy(sslPolicy: unknown): string | null {
  if (sslPolicy === undefined || sslPolicy === null) return null;
  if (typeof sslPolicy !== "object") return `${typeof sslPolicy}:${JSON.stringify(sslPolicy)}`;
  const p = sslPolicy as Record<string, unknown>;
  const parts = (["policyType", "policyName", "minProtocolVersion"] as const).filter((k) => p[k] !== undefined && p[k] !== null).map((k) => `${k}=${String(p[k])}`);
  return parts.length ? parts.join(";") : null;
}

/** One policy, read as the gateway-wide policy always was. */
export function parsePolicy(raw: string | null): ParsedTls {
  if (raw === null || !raw.includes("=")) return one(raw);
  const fields = new Map(raw.split(";").map((p) => [p.slice(0, p.indexOf("=")), p.slice(p.indexOf("=") + 1)] as const));
  const type = fields.get("policyType")?.toLowerCase();
  // A predefined policy is read by its name; a custom one by its minimum protocol.
  const value = type === "custom" || type === "customv2" ? fields.get("minProtocolVersion") : fields.get("policyName") ?? fields.get("minProtocolVersion");
  const parsed = value === undefined ? null : one(value);
  return parsed && parsed.kind === "version" ? parsed : { kind: "unrecognised", raw };
}

const SEPARATOR = " | ";
const GATEWAY = "sslPolicy";
const NONE = "none";
const PROFILE_LABEL = /^sslProfiles\[(.*)\]$/;
const profileLabel = (name: string) => `sslProfiles[${encodeURIComponent(name)}]`;
const record = (v: unknown): Record<string, unknown> | null => (v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : null);

/**
 * The gateway's TLS policies as the scan records them (`rawTls`). Without SSL profiles, the gateway-wide
 * policy alone, as it always was recorded; with them, every policy labelled:
 * `sslPolicy: policyType=Predefined;policyName=AppGwSslPolicy20220101 | sslProfiles[mtls]: policyType=Custom;minProtocolVersion=TLSv1_0`,
 * `none` for a policy that is not set. Profiles are REST 2023-09-01 `sslProfiles[].properties.sslPolicy`,
 * which Resource Graph rows carry the same way.
 */
export function composePolicies(properties: Readonly<Record<string, unknown>>): string | null {
  const gateway = composePolicy(properties["sslPolicy"]);
  const profiles = properties["sslProfiles"];
  if (profiles === undefined || profiles === null || (Array.isArray(profiles) && profiles.length === 0)) return gateway;
  const segments = [`${GATEWAY}: ${gateway ?? NONE}`];
  if (!Array.isArray(profiles)) segments.push(`sslProfiles: ${typeof profiles}:${JSON.stringify(profiles)}`);
  else {
    profiles.forEach((p, i) => {
      const profile = record(p);
      const name = typeof profile?.["name"] === "string" ? profile["name"] : `#${i}`;
      const policy = profile ? record(profile["properties"])?.["sslPolicy"] : p;
      segments.push(`${profileLabel(name)}: ${composePolicy(policy) ?? NONE}`);
    });
  }
  return segments.join(SEPARATOR);
}

interface PolicyReading {
  readonly setting: "sslPolicy" | "sslProfile";
  readonly name: string | null;
  readonly parsed: ParsedTls;
}

/** The labelled policies of `composePolicies`; null for one unlabelled policy; "malformed" for anything else. */
function splitPolicies(raw: string | null): readonly PolicyReading[] | null | "malformed" {
  if (raw === null || !raw.startsWith(`${GATEWAY}: `)) return null;
  const readings: PolicyReading[] = [];
  for (const [i, segment] of raw.split(SEPARATOR).entries()) {
    const at = segment.indexOf(": ");
    if (at < 0) return "malformed";
    const label = segment.slice(0, at);
    const value = segment.slice(at + 2);
    const parsed: ParsedTls = value === NONE ? { kind: "unset" } : parsePolicy(value);
    const profile = PROFILE_LABEL.exec(label);
    if (i === 0 && label === GATEWAY) readings.push({ setting: "sslPolicy", name: null, parsed });
    else if (i > 0 && profile) readings.push({ setting: "sslProfile", name: decodeURIComponent(profile[1]!), parsed });
    else return "malformed";
  }
  return readings;
}

/**
 * A listener with an SSL profile that has its own policy uses that policy; every other listener uses the
 * gateway-wide one (Learn, "Configure listener-specific SSL policies": a default policy for all listeners
 * unless a listener-specific policy overrides it). So a profile without a policy counts as the gateway's.
 */
const policiesInForce = (readings: readonly PolicyReading[]) => readings.filter((r) => r.setting === "sslPolicy" || r.parsed.kind !== "unset");

function lowestVersion(readings: readonly PolicyReading[]): TlsVersion | null {
  const versions = readings.flatMap((r) => (r.parsed.kind === "version" ? [r.parsed.version] : []));
  return versions.length ? versions.reduce((a, b) => (compareTls(a, b) <= 0 ? a : b)) : null;
}

/**
 * The gateway's minimum: the lowest of its gateway-wide policy and every SSL profile's policy. TLS 1.0 is the
 * lowest there is, so a policy known to allow it decides whatever the others are; otherwise a policy tlsbot
 * cannot read makes the whole unrecognised, and no gateway-wide policy is `unset` (its default is unknown).
 */
export function parsePolicies(raw: string | null): ParsedTls {
  const readings = splitPolicies(raw);
  if (readings === null) return parsePolicy(raw);
  if (readings === "malformed") return { kind: "unrecognised", raw: raw! };
  const inForce = policiesInForce(readings);
  const lowest = lowestVersion(inForce);
  if (lowest === "1.0") return { kind: "version", version: lowest };
  if (inForce.some((r) => r.parsed.kind !== "version" && r.parsed.kind !== "unset")) return { kind: "unrecognised", raw: raw! };
  if (inForce[0]?.parsed.kind !== "version" || lowest === null) return { kind: "unset" };
  return { kind: "version", version: lowest };
}

/** Which policy gives the gateway its minimum, for a gateway with SSL profiles whose minimum is known. */
export function lowestPolicy(raw: string | null): LowestSetting | null {
  const readings = splitPolicies(raw);
  const result = parsePolicies(raw);
  if (readings === null || readings === "malformed" || result.kind !== "version") return null;
  const decisive = policiesInForce(readings).find((r) => r.parsed.kind === "version" && r.parsed.version === result.version);
  return decisive ? { setting: decisive.setting, name: decisive.name, version: result.version } : null;
}

const atOrAbove = (policy: unknown, target: TlsVersion) => {
  const parsed = parsePolicy(composePolicy(policy));
  return parsed.kind === "version" && isAtLeast(parsed.version, target);
};

/** The 2015/2017 predefined policies and Custom, as opposed to the 2022 predefined policies and CustomV2. */
function olderGeneration(policy: unknown): boolean {
  const p = record(policy) ?? {};
  const type = String(p["policyType"] ?? "").toLowerCase();
  if (type === "customv2") return false;
  if (type === "custom") return true;
  return !/^AppGwSslPolicy2022/i.test(String(p["policyName"] ?? ""));
}

/**
 * The gateway's properties with every policy below `target` replaced — the gateway-wide one (also when it is
 * not set, as its default is unknown) and each SSL profile's own — and every other policy left as it is. A
 * profile without a policy of its own follows the gateway-wide one and is left alone. The replacement is of
 * the generation of the policies kept, so the gateway never mixes them.
 */
export function raisePolicies(properties: Readonly<Record<string, unknown>>, target: TlsVersion): Record<string, unknown> {
  const profiles = Array.isArray(properties["sslProfiles"]) ? (properties["sslProfiles"] as unknown[]) : null;
  const ownPolicies = (profiles ?? []).map((p) => record(record(p)?.["properties"])?.["sslPolicy"] ?? null);
  const raiseGateway = !atOrAbove(properties["sslPolicy"], target);
  const raiseProfile = ownPolicies.map((policy) => policy !== null && !atOrAbove(policy, target));
  const kept = [...(raiseGateway ? [] : [properties["sslPolicy"]]), ...ownPolicies.filter((policy, i) => policy !== null && !raiseProfile[i])];
  const replacement = { policyType: "Predefined", policyName: kept.some(olderGeneration) ? TARGET_POLICY_OLDER : TARGET_POLICY };
  const raised = (p: unknown) => ({ ...record(p), properties: { ...record(record(p)?.["properties"]), sslPolicy: replacement } });
  return {
    ...properties,
    ...(raiseGateway ? { sslPolicy: replacement } : {}),
    ...(profiles && raiseProfile.includes(true) ? { sslProfiles: profiles.map((p, i) => (raiseProfile[i] ? raised(p) : p)) } : {}),
  };
}
