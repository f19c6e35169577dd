import type { ApplicableRetirement } from "../domain/evaluate-finding.ts";
import type { CatalogRetirement } from "./catalog-types.ts";
import { RETIREMENTS } from "./lookup.ts";

/** A stored retirement whose deadline may override the catalog's (from a trusted notice). */
export interface DeadlineOverride {
  readonly id: string;
  readonly deadline: string;
  readonly source: string;
}

/**
 * Which retirement, and which deadline, applies to an ARM type: the catalog's, unless a stored
 * retirement with the same id came from a trusted notice.
 */
export function deadlineBook(overrides: readonly DeadlineOverride[], catalog: readonly CatalogRetirement[] = RETIREMENTS): (type: string) => ApplicableRetirement | null {
  const override = new Map(overrides.filter((o) => o.source !== "catalog").map((o) => [o.id, o.deadline]));
  const byType = new Map<string, ApplicableRetirement>();
  for (const r of catalog) {
    for (const t of r.resourceTypes) byType.set(t.toLowerCase(), { id: r.id, deadline: override.get(r.id) ?? r.deadline });
  }
  return (type) => byType.get(type.toLowerCase()) ?? null;
}
