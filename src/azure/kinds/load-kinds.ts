import { KIND_DEFINITIONS } from "./registry.ts";
import type { ResourceKind } from "./resource-kind.ts";

/**
 * The SDK half of the registered kinds (all, or the ids given), in registry order. Loaded on demand so
 * that the conversation and render layers, which read the registry, never load an Azure SDK.
 */
export async function loadResourceKinds(ids?: readonly string[]): Promise<ReadonlyMap<string, ResourceKind>> {
  const wanted = ids?.length ? KIND_DEFINITIONS.filter((d) => ids.includes(d.id)) : KIND_DEFINITIONS;
  const kinds = await Promise.all(wanted.map((d) => d.implementation()));
  return new Map(kinds.map((k) => [k.id, k]));
}

/** Every registered kind's SDK half, loaded once when this module is first imported (top-level await). */
export const RESOURCE_KINDS: ReadonlyMap<string, ResourceKind> = await loadResourceKinds();
