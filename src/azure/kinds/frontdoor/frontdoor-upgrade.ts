import type { ObservedResource } from "../../../domain/resource.ts";
import type { RestResource } from "../arm-generic.ts";
import { groupAndName, isNotFound, pollOptions, type UpgradeCapability } from "../resource-kind.ts";

const API = "2024-02-01";

/**
 * A Front Door custom domain: its `tlsSettings` are read and PATCHed back with `minimumTlsVersion` =
 * `TLS12` (the certificate settings unchanged, as the update requires them), through the generic
 * `@azure/arm-resources` client (api-version 2024-02-01).
 */
export const frontDoorUpgrade = (fromRest: (r: RestResource) => ObservedResource | null): UpgradeCapability => ({
  async read(clients, resourceId) {
    const { subscriptionId } = groupAndName(resourceId);
    try {
      return fromRest(await clients.resources(subscriptionId).resources.getById(resourceId, API) as RestResource);
    } catch (err) {
      if (isNotFound(err)) return null;
      throw err;
    }
  },

  async apply(clients, resource, _target, onStarted, signal) {
    const { subscriptionId } = groupAndName(resource.id);
    const client = clients.resources(subscriptionId).resources;
    const current = await client.getById(resource.id, API);
    const tlsSettings = { ...((current.properties as { tlsSettings?: Record<string, unknown> } | undefined)?.tlsSettings ?? { certificateType: "ManagedCertificate" }), minimumTlsVersion: "TLS12" };
    const poller = await client.beginUpdateById(resource.id, API, { properties: { tlsSettings } }, pollOptions(clients));
    await onStarted(poller.toString());
    await poller.pollUntilDone(signal ? { abortSignal: signal } : {});
  },

  async resume(clients, resourceId, operation, signal) {
    const { subscriptionId } = groupAndName(resourceId);
    const poller = await clients.resources(subscriptionId).resources.beginUpdateById(resourceId, API, {}, { ...pollOptions(clients), resumeFrom: operation });
    await poller.pollUntilDone(signal ? { abortSignal: signal } : {});
  },
});
