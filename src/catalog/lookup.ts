import type { UpgradeFacts } from "../azure/kinds/kind-definition.ts";
import { KIND_DEFINITIONS, definitionForType } from "../azure/kinds/registry.ts";
import type { CatalogRetirement } from "./catalog-types.ts";
import { CATALOG_RETIREMENTS } from "./retirements.ts";

export type { CatalogRetirement } from "./catalog-types.ts";

/** Every known retirement: the catalog's own, then those a kind's folder carries (`catalog.retirement`). */
export const RETIREMENTS: readonly CatalogRetirement[] = [
  ...CATALOG_RETIREMENTS,
  ...KIND_DEFINITIONS.flatMap((d) => (d.catalog?.retirement ? [d.catalog.retirement] : [])),
];

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

/**
 * What raising a resource's minimum does: from its retirement, or, for a kind with none announced, from the
 * kind's own catalog part. Unknown types get "no source says" and no side effects.
 */
export function upgradeFactsForType(type: string): UpgradeFacts {
  const r = retirementForType(type);
  if (r) return { reversible: r.reversible, sideEffects: r.sideEffects };
  return definitionForType(type)?.catalog?.upgrade ?? { reversible: null, sideEffects: [] };
}

/**
 * What raising a resource's minimum does, for one a retirement governs or not (`governed`): a trusted notice may have
 * created a retirement for a kind the catalog has none for, and the kind's "none announced" is then not said.
 */
export function upgradeFactsFor(type: string, governed: boolean): UpgradeFacts {
  const facts = upgradeFactsForType(type);
  if (!governed || facts.noRetirement === undefined) return facts;
  return { ...facts, sideEffects: facts.sideEffects.filter((k) => k !== facts.noRetirement) };
}
