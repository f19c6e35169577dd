import type { SimSubscription } from "../sim-state.ts";

/** The simulator knows a resource group only through the resources in it. */
export function resourceGroupExists(sub: SimSubscription, rg: string): boolean {
  const key = rg.toLowerCase();
  return sub.resources.some((r) => r.resourceGroup.toLowerCase() === key);
}
