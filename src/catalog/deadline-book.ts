import type { ApplicableRetirement } from "../domain/evaluate-finding.ts";
import type { CatalogRetirement } from "./catalog-types.ts";
import { RETIREMENTS } from "./lookup.ts";

/** A stored retirement whose deadline may override the catalog's (from a trusted notice). */
export interface DeadlineOverride {
  readonly id: string;
  readonly deadline: string;
  readonly source: string;
  /** Set on a stored retirement: what a notice-created one (an id the catalog lacks) applies to. */
  readonly resourceTypes?: readonly string[];
}

/**
 * Which retirement, and which deadline, applies to an ARM type: the catalog's, unless a stored
 * retirement with the same id came from a trusted notice. A type no catalog retirement covers takes the
 * earliest retirement a trusted notice created for it: without it, that notice's resources stayed
 * "at risk" with no deadline after the day passed, and were never reminded of as overdue.
 */
export function deadlineBook(overrides: readonly DeadlineOverride[], catalog: readonly CatalogRetirement[] = RETIREMENTS): (type: string) => ApplicableRetirement | null {
  const override = new Map(overrides.filter((o) => o.source !== "catalog").map((o) => [o.id, o.deadline]));
  const byType = new Map<string, ApplicableRetirement>();
  for (const r of catalog) {
    for (const t of r.resourceTypes) byType.set(t.toLowerCase(), { id: r.id, deadline: override.get(r.id) ?? r.deadline });
  }
  const catalogIds = new Set(catalog.map((c) => c.id));
  const fromNotices = new Map<string, ApplicableRetirement>();
  for (const o of overrides) {
    if (o.source === "catalog" || catalogIds.has(o.id)) continue;
    for (const t of o.resourceTypes ?? []) {
      const key = t.toLowerCase();
      const known = fromNotices.get(key);
      if (!byType.has(key) && (!known || o.deadline < known.deadline || (o.deadline === known.deadline && o.id < known.id))) fromNotices.set(key, { id: o.id, deadline: o.deadline });
    }
  }
  for (const [t, r] of fromNotices) byType.set(t, r);
  return (type) => byType.get(type.toLowerCase()) ?? null;
}
