import type { FindingStatus } from "./resource.ts";
import { isAtLeast, type EffectiveTls } from "./tls-version.ts";

/**
 * compliant: accepts nothing below 1.2; unknown: no evidence either way (never reported compliant);
 * at-risk: still accepts 1.0/1.1 before the deadline (or with no deadline known); overdue: after it.
 * A deadline `YYYY-MM-DD` means the retirement takes effect at the start of that day, UTC.
 */
export function findingStatus(effective: EffectiveTls, deadline: string | null, now: Date): FindingStatus {
  if (effective === "unknown") return "unknown";
  if (isAtLeast(effective, "1.2")) return "compliant";
  if (deadline === null) return "at-risk";
  return now.getTime() >= Date.parse(`${deadline}T00:00:00Z`) ? "overdue" : "at-risk";
}

/** Whole days from `now` until the deadline's start (negative once it has passed). */
export function daysUntil(deadline: string, now: Date): number {
  const ms = Date.parse(`${deadline}T00:00:00Z`) - now.getTime();
  return Math.ceil(ms / 86_400_000);
}

/** Order for lists: the most urgent first. */
export const STATUS_SEVERITY: Record<FindingStatus, number> = { overdue: 0, "at-risk": 1, unknown: 2, compliant: 3 };
