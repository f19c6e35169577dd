import type { ArmClients } from "../../arm-clients.ts";
import { listCollection, listProviderCollection, type RestResource } from "../arm-generic.ts";
import { armKind } from "../arm-kind.ts";
import { AFD_SKUS, frontDoorDefinition } from "./frontdoor-definition.ts";
import { frontDoorUpgrade } from "./frontdoor-upgrade.ts";

export const FRONT_DOOR_API_VERSION = "2024-02-01";

const tlsOf = (r: { properties?: unknown }) => ((r.properties as { tlsSettings?: { minimumTlsVersion?: unknown } } | undefined)?.tlsSettings?.minimumTlsVersion);

/**
 * Every Front Door Standard/Premium profile's custom domains. `Microsoft.Cdn/profiles` also lists classic CDN
 * profiles (`Standard_Microsoft`, `Standard_Verizon`, …), whose custom domains sit under their endpoints and are
 * not this kind: they are not asked for `customDomains`. A profile listed without a sku is asked, not skipped.
 */
async function* listCustomDomains(clients: ArmClients, subscriptionId: string, signal: AbortSignal): AsyncIterable<RestResource> {
  const profiles: RestResource[] = [];
  for await (const p of listProviderCollection(clients, subscriptionId, "Microsoft.Cdn/profiles", FRONT_DOOR_API_VERSION, signal)) {
    const sku = (p.sku as { name?: unknown } | undefined)?.name;
    if (p.id && (typeof sku !== "string" || AFD_SKUS.has(sku.toLowerCase()))) profiles.push(p);
  }
  for (const p of profiles) yield* listCollection(clients, subscriptionId, `${p.id}/customDomains`, FRONT_DOOR_API_VERSION, signal);
}

export const frontDoorKind = armKind<RestResource>(frontDoorDefinition, {
  list: listCustomDomains,
  readSdk: (d) => ({ rawTls: tlsOf(d), extra: { hostName: (d.properties as { hostName?: unknown } | undefined)?.hostName ?? null } }),
  readGraph: (props) => ({ rawTls: tlsOf({ properties: props }), extra: { hostName: props["hostName"] ?? null } }),
  upgrade: frontDoorUpgrade,
});
