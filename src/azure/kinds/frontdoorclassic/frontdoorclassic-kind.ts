import type { ArmClients } from "../../arm-clients.ts";
import { listCollection, listProviderCollection, type RestResource } from "../arm-generic.ts";
import { armKind, type Reading } from "../arm-kind.ts";
import { frontDoorClassicDefinition } from "./frontdoorclassic-definition.ts";
import { FRONT_DOOR_CLASSIC_API_VERSION, frontDoorClassicUpgrade } from "./frontdoorclassic-upgrade.ts";

const propsOf = (p: unknown): Record<string, unknown> => (p && typeof p === "object" ? (p as Record<string, unknown>) : {});

/** The minimum from a frontend endpoint's REST `properties`; hostName and HTTPS state go on the card. */
function read(props: Record<string, unknown>): Reading {
  const https = propsOf(props["customHttpsConfiguration"]);
  return {
    rawTls: https["minimumTlsVersion"],
    extra: { hostName: props["hostName"] ?? null, customHttpsProvisioningState: props["customHttpsProvisioningState"] ?? null },
  };
}

/** Every classic Front Door's frontend endpoints (one list per Front Door, nextLink followed). */
async function* listFrontendEndpoints(clients: ArmClients, subscriptionId: string, signal: AbortSignal): AsyncIterable<RestResource> {
  const frontDoors: RestResource[] = [];
  for await (const fd of listProviderCollection(clients, subscriptionId, "Microsoft.Network/frontDoors", FRONT_DOOR_CLASSIC_API_VERSION, signal)) if (fd.id) frontDoors.push(fd);
  for (const fd of frontDoors) yield* listCollection(clients, subscriptionId, `${fd.id}/frontendEndpoints`, FRONT_DOOR_CLASSIC_API_VERSION, signal);
}

export const frontDoorClassicKind = armKind<RestResource>(frontDoorClassicDefinition, {
  list: listFrontendEndpoints,
  readSdk: (r) => read(propsOf(r.properties)),
  readGraph: (props) => read(props),
  upgrade: frontDoorClassicUpgrade,
});
