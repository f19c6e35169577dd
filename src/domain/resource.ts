import type { EffectiveTls, TlsVersion } from "./tls-version.ts";

/**
 * A resource kind tlsbot can scan: the id of a folder under src/azure/kinds/, listed in its registry.
 * A string here because the domain does not know the kinds; the registry is their one list.
 */
export type ResourceKindId = string;

export type FindingStatus = "compliant" | "at-risk" | "overdue" | "unknown";

/** What a scan observed about one resource, before any rule is applied. */
export interface ObservedResource {
  /** The ARM id as Azure returned it; compare with `resourceKey()` because ARM ids are case-insensitive. */
  readonly id: string;
  readonly kind: ResourceKindId;
  /** ARM type as the catalog spells it, e.g. `Microsoft.Cache/redis`. */
  readonly type: string;
  readonly name: string;
  readonly subscriptionId: string;
  readonly resourceGroup: string;
  readonly location: string;
  /** The raw min-TLS property value, as returned (null when absent). */
  readonly rawTls: string | null;
  /** ISO 8601 creation time when ARM told us (`$expand=createdTime` or `systemData.createdAt`). */
  readonly createdAt: string | null;
  readonly tags: Readonly<Record<string, string>>;
  /** Extra facts a kind wants to keep (sku, provisioning state, etag), never used for status. */
  readonly extra: Readonly<Record<string, unknown>>;
}

/** A resource after the domain rules: what the bot reports. */
export interface Finding extends ObservedResource {
  readonly configuredTls: TlsVersion | null;
  readonly effectiveTls: EffectiveTls;
  readonly status: FindingStatus;
  /** `YYYY-MM-DD` of the retirement that applies, or null when no retirement covers this type. */
  readonly deadline: string | null;
  readonly retirementId: string | null;
  /** Why the effective version is what it is, as a locale key (e.g. `reason.redisDefaultBefore2020`). */
  readonly reason: string;
}

/** ARM ids are case-insensitive; this is the key every store and comparison uses. */
export function resourceKey(id: string): string {
  return id.trim().toLowerCase().replace(/\/+$/, "");
}

export interface ParsedArmId {
  readonly subscriptionId: string;
  readonly resourceGroup: string;
  readonly provider: string;
  readonly type: string;
  readonly name: string;
}

/**
 * Parses `/subscriptions/{s}/resourceGroups/{rg}/providers/{ns}/{type}/{name}` case-insensitively, child
 * resources included (`…/Microsoft.Web/sites/{site}/slots/{slot}` → type `Microsoft.Web/sites/slots`,
 * name `{site}/{slot}`, as ARM names them).
 */
export function parseArmId(id: string): ParsedArmId | null {
  const m = /^\/subscriptions\/([^/]+)\/resourcegroups\/([^/]+)\/providers\/([^/]+)\/((?:[^/]+\/[^/]+)(?:\/[^/]+\/[^/]+)*)$/i.exec(
    id.trim().replace(/\/+$/, ""),
  );
  if (!m) return null;
  const [, subscriptionId, resourceGroup, provider, rest] = m as unknown as [string, string, string, string, string];
  const parts = rest.split("/");
  const types = parts.filter((_, i) => i % 2 === 0);
  const names = parts.filter((_, i) => i % 2 === 1);
  return { subscriptionId, resourceGroup, provider, type: [provider, ...types].join("/"), name: names.join("/") };
}
