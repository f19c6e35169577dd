import { readFileSync } from "node:fs";
import { definitionForType } from "../../src/azure/kinds/registry.ts";
import { DEMO_TENANT_FILE } from "../../src/cli/runtime.ts";

interface DemoTenant { subscriptions: Array<{ access?: string; resources: Array<{ type: string }> }> }

/**
 * How many resources a scan of the demo tenant finds: those of registered kinds in the subscriptions the
 * identity can read. Tests that page through the demo inventory use it, so adding a kind or demo
 * resources does not edit them.
 */
export const DEMO_INVENTORY_SIZE = (JSON.parse(readFileSync(DEMO_TENANT_FILE, "utf8")) as DemoTenant).subscriptions
  .filter((s) => (s.access ?? "ok") === "ok")
  .flatMap((s) => s.resources)
  .filter((r) => definitionForType(r.type)).length;
