import { UNREADABLE_PREFIX } from "../../../domain/tls-version.ts";
import type { ArmClients } from "../../arm-clients.ts";
import { mapBounded } from "../../scan/bounded-map.ts";
import { listCollection, listProviderCollection, type RestResource } from "../arm-generic.ts";
import { armKind } from "../arm-kind.ts";
import { appServiceDefinition, composeAppTls } from "./appservice-definition.ts";
import { appServiceUpgrade } from "./appservice-upgrade.ts";

export const APP_SERVICE_API_VERSION = "2023-12-01";
/** config/web reads in flight per subscription: one per site and slot, so bounded. */
const CONFIG_READS = 8;

const statusOf = (err: unknown) => (err as { statusCode?: number }).statusCode;

/** A site or slot with its two settings from `config/web`; a 403/404 there is recorded, not fatal. */
export async function withConfig(clients: ArmClients, subscriptionId: string, resource: RestResource): Promise<RestResource & { tls: string | null }> {
  try {
    const config = await clients.resources(subscriptionId).resources.getById(`${resource.id}/config/web`, APP_SERVICE_API_VERSION);
    return { ...resource, tls: composeAppTls((config.properties ?? {}) as Record<string, unknown>) };
  } catch (err) {
    const status = statusOf(err);
    if (status === 403 || status === 404) return { ...resource, tls: `${UNREADABLE_PREFIX}config/web ${status}` };
    throw err;
  }
}

async function* listAppsWithConfig(clients: ArmClients, subscriptionId: string, signal: AbortSignal): AsyncIterable<RestResource & { tls: string | null }> {
  const apps: RestResource[] = [];
  for await (const site of listProviderCollection(clients, subscriptionId, "Microsoft.Web/sites", APP_SERVICE_API_VERSION, signal)) {
    apps.push(site);
    if (site.id) for await (const slot of listCollection(clients, subscriptionId, `${site.id}/slots`, APP_SERVICE_API_VERSION, signal)) apps.push(slot);
  }
  yield* await mapBounded(apps.filter((a) => a.id), CONFIG_READS, (a) => withConfig(clients, subscriptionId, a));
}

export const appServiceKind = armKind<RestResource & { tls: string | null }>(appServiceDefinition, {
  list: listAppsWithConfig,
  readSdk: (app) => ({ rawTls: app.tls, extra: { appKind: app.kind ?? null } }),
  // Never called on the Graph path (this kind is read through ARM there too); Resource Graph's rows do
  // not carry config/web, so a row is never taken as evidence.
  readGraph: () => ({ rawTls: `${UNREADABLE_PREFIX}not in Resource Graph` }),
  upgrade: appServiceUpgrade,
});
