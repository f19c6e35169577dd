import { compareTls } from "../../../domain/tls-version.ts";
import type { ObservedResource } from "../../../domain/resource.ts";
import { getByIdOrNull, resumeById, writeById, type RestResource } from "../arm-generic.ts";
import { groupAndName, type UpgradeCapability } from "../resource-kind.ts";
import { APP_SETTINGS, appServiceDefinition } from "./appservice-definition.ts";

const API = "2023-12-01";

/**
 * App Service: a PATCH of the site's (or slot's) `config/web` through the generic `@azure/arm-resources`
 * client (`resources.beginUpdateById`, api-version 2023-12-01), raising each of `minTlsVersion` and
 * `scmMinTlsVersion` that is below 1.2 — a setting already higher (1.3) is left alone. The settings can be
 * changed back until 2027-05-31 (catalog: appservice-tls10-11).
 */
export const appServiceUpgrade = (fromApp: (app: RestResource & { tls: string | null }) => ObservedResource | null): UpgradeCapability => ({
  async read(clients, resourceId) {
    const { withConfig } = await import("./appservice-kind.ts");
    const app = await getByIdOrNull(clients, resourceId, API);
    return app ? fromApp(await withConfig(clients, groupAndName(resourceId).subscriptionId, app)) : null;
  },

  async apply(clients, resource, _target, onStarted, signal) {
    const current = new Map((resource.rawTls ?? "").split(";").map((p) => [p.slice(0, p.indexOf("=")), p.slice(p.indexOf("=") + 1)] as const));
    const properties: Record<string, string> = {};
    for (const setting of APP_SETTINGS) {
      const parsed = appServiceDefinition.tls.parse(current.get(setting) ?? null);
      if (parsed.kind !== "version" || compareTls(parsed.version, "1.2") < 0) properties[setting] = appServiceDefinition.tls.upgradeValue;
    }
    await writeById(clients, `${resource.id}/config/web`, API, "update", { properties }, onStarted, signal);
  },

  resume: (clients, resourceId, operation, signal) => resumeById(clients, `${resourceId}/config/web`, API, "update", operation, signal),
});
