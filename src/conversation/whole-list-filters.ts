import type { AffectedScope } from "../render/view-model.ts";
import type { ResourceFilter } from "./intent.ts";

/**
 * The list filters that together ask for `asked` within `scope` (null: anywhere), each with the names its question
 * says. A list narrows by subscriptions or by resource groups, never by both, so a scope of both takes two.
 */
export function wholeListFilters(asked: ResourceFilter, scope: AffectedScope | null): Array<{ readonly filter: ResourceFilter; readonly names: readonly string[] }> {
  if (!scope) return [{ filter: asked, names: [] }];
  return [
    ...(scope.subscriptions.length ? [{ filter: { ...asked, subscriptionIds: scope.subscriptions.map((s) => s.id) }, names: scope.subscriptions.map((s) => s.name) }] : []),
    // The parser reads a resource group's name lower-cased, and the index compares it so.
    ...(scope.resourceGroups.length ? [{ filter: { ...asked, resourceGroups: scope.resourceGroups.map((g) => g.toLowerCase()) }, names: scope.resourceGroups }] : []),
  ];
}
