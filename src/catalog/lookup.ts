import type { CatalogRetirement } from "./catalog-types.ts";
import { RETIREMENTS } from "./retirements.ts";

export type { CatalogRetirement } from "./catalog-types.ts";
export { RETIREMENTS } from "./retirements.ts";

const byType = new Map<string, CatalogRetirement>();
for (const r of RETIREMENTS) for (const t of r.resourceTypes) byType.set(t.toLowerCase(), r);

/** The retirement that applies to an ARM type (case-insensitive), if the catalog knows one. */
export function retirementForType(type: string, catalog: readonly CatalogRetirement[] = RETIREMENTS): CatalogRetirement | null {
  if (catalog === RETIREMENTS) return byType.get(type.toLowerCase()) ?? null;
  return catalog.find((r) => r.resourceTypes.some((t) => t.toLowerCase() === type.toLowerCase())) ?? null;
}

export function retirementById(id: string): CatalogRetirement | null {
  return RETIREMENTS.find((r) => r.id === id) ?? null;
}
