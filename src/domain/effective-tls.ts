import type { ObservedResource } from "./resource.ts";
import { UNREADABLE_PREFIX, type EffectiveTls, type ParsedTls, type TlsVersion } from "./tls-version.ts";

export interface EffectiveTlsResult {
  readonly effectiveTls: EffectiveTls;
  /** Locale key under `reason.` explaining the value, so a card can say why. */
  readonly reason: string;
}

/**
 * How one resource kind reads its TLS setting. Each kind defines it in its folder
 * (`src/azure/kinds/<kind>/<kind>-definition.ts`); the domain only applies it, so it imports no kind.
 */
export interface TlsRule {
  /** The raw setting as this service spells it → a version, unset, no minimum, or unrecognised. */
  parse(raw: string | null): ParsedTls;
  /** What "no minimum configured" means for this service (FACTS.md, "Azure TLS catalog"). */
  unset(resource: ObservedResource): EffectiveTlsResult;
  /** The reason for an explicit value, when "configured" says too little (App Service: the lower of two). */
  readonly configuredReason?: string;
}

export function effectiveTls(resource: ObservedResource, rule: TlsRule): EffectiveTlsResult {
  // What the scanner could not read (a 403 on a second call, a malformed Resource Graph row) is unknown
  // whatever the kind's own spellings are.
  if (resource.rawTls?.startsWith(UNREADABLE_PREFIX)) return { effectiveTls: "unknown", reason: "unreadable" };
  const parsed = rule.parse(resource.rawTls);
  if (parsed.kind === "version") return { effectiveTls: parsed.version, reason: rule.configuredReason ?? "configured" };
  if (parsed.kind === "unreadable") return { effectiveTls: "unknown", reason: "unreadable" };
  // "None" / TLSEnforcementDisabled accept every version, 1.0 included.
  if (parsed.kind === "no-minimum") return { effectiveTls: "1.0", reason: "noMinimum" };
  // Never guess from a spelling we do not know: report it for review instead of as compliant.
  if (parsed.kind === "unrecognised") return { effectiveTls: "unknown", reason: "unrecognisedValue" };
  return rule.unset(resource);
}

/**
 * A parser that accepts exactly the values a service documents (compared case-insensitively, as ARM
 * compares enum values) and nothing else: `"1.2 "`, `"TLS1_3"` where the service has no such value, or a
 * number are reported as unrecognised rather than read generously. Blank or absent is `unset`.
 */
export function exactSpellings(spellings: Readonly<Record<string, TlsVersion | "no-minimum">>): (raw: string | null) => ParsedTls {
  const table = new Map(Object.entries(spellings).map(([k, v]) => [k.toLowerCase(), v]));
  return (raw) => {
    if (raw === null || raw === "") return { kind: "unset" };
    if (raw.startsWith(UNREADABLE_PREFIX)) return { kind: "unreadable", raw };
    const hit = table.get(raw.toLowerCase());
    if (hit === undefined) return { kind: "unrecognised", raw };
    return hit === "no-minimum" ? { kind: "no-minimum", raw } : { kind: "version", version: hit };
  };
}

/** The common unset rules, named by what they mean. */
export const unsetMeans = (effective: EffectiveTls, reason: string) => (): EffectiveTlsResult => ({ effectiveTls: effective, reason });
