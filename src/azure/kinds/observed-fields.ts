import { parseArmId } from "../../domain/resource.ts";

/** Reads a string field leniently: ARM payloads are validated only for the fields tlsbot uses. */
export function str(value: unknown): string | null {
  return typeof value === "string" ? value : null;
}

export function tagsOf(value: unknown): Record<string, string> {
  if (!value || typeof value !== "object") return {};
  return Object.fromEntries(Object.entries(value).filter((e): e is [string, string] => typeof e[1] === "string"));
}

export function isoOrNull(value: unknown): string | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (typeof value === "string" && !Number.isNaN(Date.parse(value))) return new Date(value).toISOString();
  return null;
}

/** Subscription and resource group come from the id when a payload lacks them (ARM list responses do). */
export function scopeFromId(id: string): { subscriptionId: string; resourceGroup: string } | null {
  const parsed = parseArmId(id);
  return parsed ? { subscriptionId: parsed.subscriptionId, resourceGroup: parsed.resourceGroup } : null;
}

/**
 * The raw TLS property: a string as-is; other JSON values kept as text with their type, so a number 1.2
 * is reported as unrecognised (`number:1.2`) rather than read as the string "1.2".
 */
export function rawTlsOf(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  return typeof value === "string" ? value : `${typeof value}:${JSON.stringify(value)}`;
}
