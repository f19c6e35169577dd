import { FrontDoorManagementClient, type CustomHttpsConfiguration } from "@azure/arm-frontdoor";
import type { ObservedResource } from "../../../domain/resource.ts";
import type { ArmClients } from "../../arm-clients.ts";
import { getByIdOrNull, type RestResource } from "../arm-generic.ts";
import { pollOptions, type UpgradeCapability } from "../resource-kind.ts";

export const FRONT_DOOR_CLASSIC_API_VERSION = "2021-06-01";

const ENDPOINT_ID = /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\/providers\/Microsoft\.Network\/frontDoors\/([^/]+)\/frontendEndpoints\/([^/]+)$/i;

function parts(resourceId: string): { subscriptionId: string; resourceGroup: string; frontDoor: string; endpoint: string } {
  const m = ENDPOINT_ID.exec(resourceId);
  if (!m) throw new Error(`not a Front Door (classic) frontend endpoint id: ${resourceId.slice(0, 200)}`);
  return { subscriptionId: m[1]!, resourceGroup: m[2]!, frontDoor: m[3]!, endpoint: m[4]! };
}

// `@azure/arm-frontdoor` (5.x, Node >= 18) is used for the write: `enableHttps` is a POST action with a
// long-running answer, which the generic `resources` client cannot send. It shares the ARM client's
// pipeline (bearer token, retries, pacing, simulator CA), so no second set of connections is opened.
const byPipeline = new WeakMap<object, FrontDoorManagementClient>();
function frontDoorClient(clients: ArmClients, subscriptionId: string): FrontDoorManagementClient {
  const resources = clients.resources(subscriptionId);
  let client = byPipeline.get(resources);
  if (!client) {
    const endpoint = clients.connection.endpoint.replace(/\/+$/, "");
    client = new FrontDoorManagementClient(clients.connection.credential, subscriptionId, { endpoint, $host: endpoint, pipeline: resources.pipeline });
    byPipeline.set(resources, client);
  }
  return client;
}

const obj = (v: unknown): Record<string, unknown> | null => (v && typeof v === "object" ? (v as Record<string, unknown>) : null);

/**
 * The endpoint's current HTTPS settings (REST shape) as the SDK takes them, with the minimum raised. The
 * certificate source and its parameters are sent back unchanged: `enableHttps` replaces the whole setting.
 */
export function raisedHttpsConfiguration(current: Record<string, unknown>): CustomHttpsConfiguration {
  const frontDoorCert = obj(current["frontDoorCertificateSourceParameters"]);
  const keyVault = obj(current["keyVaultCertificateSourceParameters"]);
  const vault = obj(keyVault?.["vault"]);
  return {
    certificateSource: String(current["certificateSource"] ?? ""),
    protocolType: String(current["protocolType"] ?? "ServerNameIndication"),
    minimumTlsVersion: "1.2",
    ...(typeof frontDoorCert?.["certificateType"] === "string" ? { certificateType: frontDoorCert["certificateType"] } : {}),
    ...(typeof vault?.["id"] === "string" ? { vault: { id: vault["id"] } } : {}),
    ...(typeof keyVault?.["secretName"] === "string" ? { secretName: keyVault["secretName"] } : {}),
    ...(typeof keyVault?.["secretVersion"] === "string" ? { secretVersion: keyVault["secretVersion"] } : {}),
  };
}

/**
 * A classic frontend endpoint: read through the generic client (api-version 2021-06-01), raised with the
 * POST action `frontendEndpoints/{name}/enableHttps` and `minimumTlsVersion: "1.2"`. An endpoint without
 * HTTPS settings is refused: enabling HTTPS (a certificate, domain validation) is not tlsbot's decision.
 */
export const frontDoorClassicUpgrade = (fromRest: (r: RestResource) => ObservedResource | null): UpgradeCapability => ({
  async read(clients, resourceId) {
    const r = await getByIdOrNull(clients, resourceId, FRONT_DOOR_CLASSIC_API_VERSION);
    return r ? fromRest(r) : null;
  },

  async apply(clients, resource, _target, onStarted, signal) {
    const p = parts(resource.id);
    const current = await getByIdOrNull(clients, resource.id, FRONT_DOOR_CLASSIC_API_VERSION);
    const https = obj(obj(current?.properties)?.["customHttpsConfiguration"]);
    if (!https) throw new Error(`${resource.name}: HTTPS is not enabled on this frontend endpoint (no customHttpsConfiguration); nothing to raise`);
    const poller = await frontDoorClient(clients, p.subscriptionId).frontendEndpoints.beginEnableHttps(p.resourceGroup, p.frontDoor, p.endpoint, raisedHttpsConfiguration(https), pollOptions(clients));
    await onStarted(poller.toString());
    await poller.pollUntilDone(signal ? { abortSignal: signal } : {});
  },

  async resume(clients, resourceId, operation, signal) {
    const p = parts(resourceId);
    // With `resumeFrom` no request is sent: the body is never used, only the stored poller state.
    const unused = raisedHttpsConfiguration({});
    const poller = await frontDoorClient(clients, p.subscriptionId).frontendEndpoints.beginEnableHttps(p.resourceGroup, p.frontDoor, p.endpoint, unused, { ...pollOptions(clients), resumeFrom: operation });
    await poller.pollUntilDone(signal ? { abortSignal: signal } : {});
  },
});
