import { compareTls } from "../../../domain/tls-version.ts";
import type { ObservedResource } from "../../../domain/resource.ts";
import type { RestResource } from "../arm-generic.ts";
import { groupAndName, isNotFound, pollOptions, type UpgradeCapability } from "../resource-kind.ts";
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
    const { subscriptionId } = groupAndName(resourceId);
    const { withConfig } = await import("./appservice-kind.ts");
    try {
      const app = await clients.resources(subscriptionId).resources.getById(resourceId, API) as RestResource;
      return fromApp(await withConfig(clients, subscriptionId, app));
    } catch (err) {
      if (isNotFound(err)) return null;
      throw err;
    }
  },

  async apply(clients, resource, _target, onStarted, signal) {
    const { subscriptionId } = groupAndName(resource.id);
    const current = new Map((resource.rawTls ?? "").split(";").map((p) => [p.slice(0, p.indexOf("=")), p.slice(p.indexOf("=") + 1)] as const));
    const properties: Record<string, string> = {};
    for (const setting of APP_SETTINGS) {
      const parsed = appServiceDefinition.tls.parse(current.get(setting) ?? null);
      if (parsed.kind !== "version" || compareTls(parsed.version, "1.2") < 0) properties[setting] = appServiceDefinition.tls.upgradeValue;
    }
    const poller = await clients.resources(subscriptionId).resources.beginUpdateById(`${resource.id}/config/web`, API, { properties }, pollOptions(clients));
    await onStarted(poller.toString());
    await poller.pollUntilDone(signal ? { abortSignal: signal } : {});
  },

  async resume(clients, resourceId, operation, signal) {
    const { subscriptionId } = groupAndName(resourceId);
    const poller = await clients.resources(subscriptionId).resources.beginUpdateById(`${resourceId}/config/web`, API, {}, { ...pollOptions(clients), resumeFrom: operation });
    await poller.pollUntilDone(signal ? { abortSignal: signal } : {});
  },
});
