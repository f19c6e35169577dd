import type { ObservedResource } from "../../../domain/resource.ts";
import { UNREADABLE_PREFIX } from "../../../domain/tls-version.ts";
import type { ArmClients } from "../../arm-clients.ts";
import { mapBounded } from "../../scan/bounded-map.ts";
import { listProviderCollection, type RestResource } from "../arm-generic.ts";
import { armKind } from "../arm-kind.ts";
import type { GraphDetail, GraphRow } from "../resource-kind.ts";
import { APP_SETTINGS, appServiceDefinition, composeAppTls } from "./appservice-definition.ts";
import { appServiceUpgrade } from "./appservice-upgrade.ts";

export const APP_SERVICE_API_VERSION = "2023-12-01";
/** config/web reads in flight per subscription: one per site and slot, so bounded. */
const CONFIG_READS = 8;
const SLOT_TYPE = "Microsoft.Web/sites/slots";

const statusOf = (err: unknown) => (err as { statusCode?: number }).statusCode;

/** A site or slot with its two settings from `config/web`; a 403/404 there is recorded, not fatal. */
export async function withConfig(clients: ArmClients, subscriptionId: string, resource: RestResource, signal?: AbortSignal): Promise<RestResource & { tls: string | null }> {
  try {
    const config = await clients.resources(subscriptionId).resources.getById(`${resource.id}/config/web`, APP_SERVICE_API_VERSION, signal ? { abortSignal: signal } : {});
    return { ...resource, tls: composeAppTls((config.properties ?? {}) as Record<string, unknown>) };
  } catch (err) {
    const status = statusOf(err);
    if (status === 403 || status === 404) return { ...resource, tls: `${UNREADABLE_PREFIX}config/web ${status}` };
    throw err;
  }
}

/**
 * A subscription's deployment slots from one generic resource listing, not one `sites/{app}/slots` list per
 * app: most apps have no slot, so that was an ARM read per app for nothing (a fleet's App Service reads fell
 * by a third; Azure PowerShell's App Service cmdlets find slots through the same filter). The generic list
 * carries what a slot's finding needs (id, name `app/slot`, kind, location, tags); its settings come from
 * config/web as a site's do.
 */
async function* listSlots(clients: ArmClients, subscriptionId: string, signal: AbortSignal): AsyncIterable<RestResource> {
  for await (const r of clients.resources(subscriptionId).resources.list({ filter: `resourceType eq '${SLOT_TYPE}'`, abortSignal: signal })) {
    if (r.id) yield { id: r.id, ...(r.name ? { name: r.name } : {}), ...(r.location ? { location: r.location } : {}), ...(r.tags ? { tags: r.tags } : {}), kind: r.kind };
  }
}

async function* listAppsWithConfig(clients: ArmClients, subscriptionId: string, signal: AbortSignal): AsyncIterable<RestResource & { tls: string | null }> {
  const apps: RestResource[] = [];
  for await (const site of listProviderCollection(clients, subscriptionId, "Microsoft.Web/sites", APP_SERVICE_API_VERSION, signal)) apps.push(site);
  for await (const slot of listSlots(clients, subscriptionId, signal)) apps.push(slot);
  yield* await mapBounded(apps.filter((a) => a.id), CONFIG_READS, (a) => withConfig(clients, subscriptionId, a));
}

/**
 * Sites' and slots' `config/web` as rows of Resource Graph's `AppServiceResources` table. Its reference
 * (https://learn.microsoft.com/azure/governance/resource-graph/reference/supported-tables-resources) has listed
 * the types as `microsoft.web/sites/config` and `microsoft.web/sites/slots/config`, and earlier with `/web`;
 * both spellings are matched, and the row's id (`<app>/config/web`) decides which config it is — the name
 * does not: live config/web reads name the app, not "web". Keys are matched in any case (rows carry
 * `MinTlsVersion`; the ARM payload `minTlsVersion`).
 */
export const APP_CONFIG_QUERY = "AppServiceResources | where type in~ ('microsoft.web/sites/config', 'microsoft.web/sites/slots/config', "
  + "'microsoft.web/sites/config/web', 'microsoft.web/sites/slots/config/web') | project id, properties | order by id asc";

/**
 * The two settings from a config/web row, as `composeAppTls` records the ARM read; `undefined` when the row
 * does not carry both keys (any casing), so the caller reads config/web through ARM instead: a row that
 * merely lacks a key must not pass for "unset", which means 1.2.
 */
export function appTlsFromRow(row: GraphRow | undefined): string | null | undefined {
  const props = row?.properties;
  if (!props || typeof props !== "object" || Array.isArray(props)) return undefined;
  const byLower = new Map(Object.entries(props as Record<string, unknown>).map(([k, v]) => [k.toLowerCase(), v] as const));
  if (!APP_SETTINGS.every((k) => byLower.has(k.toLowerCase()))) return undefined;
  return composeAppTls(Object.fromEntries(APP_SETTINGS.map((k) => [k, byLower.get(k.toLowerCase())])));
}

/**
 * Graph path: sites and slots from the `Resources` rows, their settings from the `AppServiceResources`
 * rows; a site or slot with no usable row (Resource Graph lagging behind, a row without the settings, a
 * config the identity may not read) gets the per-resource `config/web` GET the ARM path makes.
 */
const appServiceGraphDetail: GraphDetail = {
  query: APP_CONFIG_QUERY,
  complete: (clients, subscriptionId, found, side, signal) => mapBounded(found, CONFIG_READS, async (app): Promise<ObservedResource> => {
    const fromRow = appTlsFromRow(side.get(`${app.id}/config/web`.toLowerCase()));
    if (fromRow !== undefined) return { ...app, rawTls: fromRow };
    return { ...app, rawTls: (await withConfig(clients, subscriptionId, { id: app.id }, signal)).tls };
  }),
};

export const appServiceKind = armKind<RestResource & { tls: string | null }>(appServiceDefinition, {
  list: listAppsWithConfig,
  readSdk: (app) => ({ rawTls: app.tls, extra: { appKind: app.kind ?? null } }),
  // A `Resources` row does not carry config/web (siteConfig is null on lists): never taken as the setting;
  // `graphDetail` replaces it.
  readGraph: (_props, row) => ({ rawTls: `${UNREADABLE_PREFIX}config/web not read`, extra: { appKind: typeof row.kind === "string" && row.kind ? row.kind : null } }),
  upgrade: appServiceUpgrade,
  graphDetail: appServiceGraphDetail,
});
