import type { FindingStatus, ResourceKindId } from "../domain/resource.ts";
import type { AffectedScope, WholeList } from "../render/view-model.ts";
import type { InventoryIndex } from "./inventory-index.ts";
import { wholeListFilters } from "./whole-list-filters.ts";

/**
 * The list a post offers for resources of `kinds` in `scope`, as its question will list them: counted with the index
 * the engine answers from, so the number a post gives is what asking shows. The kinds are named only when they narrow
 * the list, which keeps the question short when they would not.
 */
export function wholeList(idx: InventoryIndex, statuses: readonly FindingStatus[], kinds: readonly ResourceKindId[], scope: AffectedScope | null): WholeList {
  const listed = (named: readonly ResourceKindId[]) => {
    const ids = new Set<string>();
    for (const { filter } of wholeListFilters({ ...(named.length ? { kinds: named } : {}), statuses }, scope)) for (const r of idx.query(filter)) ids.add(r.finding.id.toLowerCase());
    return ids.size;
  };
  const anyKind = listed([]);
  const narrowed = kinds.length ? listed(kinds) : anyKind;
  return narrowed === anyKind ? { statuses, kinds: [], scope, total: anyKind } : { statuses, kinds, scope, total: narrowed };
}
