/**
 * TLS versions as Azure spells them across resource providers, normalised to one ordered scale.
 * Spellings seen in ARM: "1.2" (Redis, IoT Hub, Service Bus, App Service), "TLS1_2" (Storage,
 * MySQL/PostgreSQL single server), "Tls12"/"Tls" (Cosmos DB), "TLSv1_2" (Application Gateway),
 * "TLSv1.2" (MySQL flexible `tls_version`), "TLS12" (Front Door Std/Prem), "None"/"0" (SQL).
 */
export const TLS_VERSIONS = ["1.0", "1.1", "1.2", "1.3"] as const;
export type TlsVersion = (typeof TLS_VERSIONS)[number];
export type EffectiveTls = TlsVersion | "unknown";

/** The one minimum tlsbot raises a resource to; a command that names no version means it. */
export const UPGRADE_TARGET: TlsVersion = "1.2";

export type ParsedTls =
  | { readonly kind: "version"; readonly version: TlsVersion }
  /** The property is absent, null or blank: what that means depends on the resource kind. */
  | { readonly kind: "unset" }
  /** An explicit "no minimum" (SQL `None`, single-server `TLSEnforcementDisabled`): any version is accepted. */
  | { readonly kind: "no-minimum"; readonly raw: string }
  | { readonly kind: "unrecognised"; readonly raw: string }
  /** The resource was listed but its setting could not be read (e.g. 403 on a second call). */
  | { readonly kind: "unreadable"; readonly raw: string };

/** How a scan records a setting it could not read: `unreadable:<why>` in `rawTls`, reported as unknown. */
export const UNREADABLE_PREFIX = "unreadable:";

const NO_MINIMUM = new Set(["none", "0", "tlsenforcementdisabled", "disabled"]);

export function parseTlsVersion(raw: unknown): ParsedTls {
  if (raw === null || raw === undefined) return { kind: "unset" };
  if (typeof raw === "number") return parseTlsVersion(raw.toFixed(1));
  if (typeof raw !== "string") return { kind: "unrecognised", raw: JSON.stringify(raw) };
  const text = raw.normalize("NFKC").trim();
  if (text === "") return { kind: "unset" };
  // MySQL flexible servers list every allowed version ("TLSv1.2,TLSv1.3"): the minimum is the lowest.
  if (text.includes(",")) {
    const parts = text.split(",").map((p) => parseTlsVersion(p));
    const versions = parts.flatMap((p) => (p.kind === "version" ? [p.version] : []));
    if (versions.length === 0 || versions.length !== parts.length) return { kind: "unrecognised", raw: text };
    return { kind: "version", version: versions.reduce((a, b) => (compareTls(a, b) <= 0 ? a : b)) };
  }
  const lower = text.toLowerCase();
  if (NO_MINIMUM.has(lower)) return { kind: "no-minimum", raw: text };
  // Cosmos DB spells TLS 1.0 as a bare "Tls".
  if (lower === "tls" || lower === "tls1") return { kind: "version", version: "1.0" };
  const match = /^(?:tls)?\s*v?\s*1\s*[._]?\s*([0-3])$/.exec(lower);
  if (!match) return { kind: "unrecognised", raw: text };
  const version = `1.${match[1]}` as TlsVersion;
  return { kind: "version", version };
}

/** Numeric order: 1.0 < 1.1 < 1.2 < 1.3. */
export function compareTls(a: TlsVersion, b: TlsVersion): number {
  return TLS_VERSIONS.indexOf(a) - TLS_VERSIONS.indexOf(b);
}

export function isAtLeast(version: EffectiveTls, minimum: TlsVersion): boolean {
  return version !== "unknown" && compareTls(version, minimum) >= 0;
}

export function isTlsVersion(value: unknown): value is TlsVersion {
  return typeof value === "string" && (TLS_VERSIONS as readonly string[]).includes(value);
}

/** The normalised configured value for reports: a version, or null when absent / no minimum / unreadable. */
export function configuredVersion(parsed: ParsedTls): TlsVersion | null {
  return parsed.kind === "version" ? parsed.version : null;
}
