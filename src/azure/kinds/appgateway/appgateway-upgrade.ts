import type { ObservedResource } from "../../../domain/resource.ts";
import type { RestResource } from "../arm-generic.ts";
import { groupAndName, isNotFound, pollOptions, type UpgradeCapability } from "../resource-kind.ts";
import { TARGET_POLICY } from "./appgateway-definition.ts";

const API = "2023-09-01";

/**
 * Application Gateway has no PATCH for its properties (only tags): the gateway is read, its `sslPolicy`
 * replaced by the predefined `AppGwSslPolicy20220101` (minimum TLS 1.2) and PUT back with `If-Match`,
 * through the generic `@azure/arm-resources` client (`beginCreateOrUpdateById`, api-version 2023-09-01).
 * The 2022 policies cannot be mixed with older ones on one gateway (catalog: appGatewayPolicyMix).
 */
export const appGatewayUpgrade = (fromRest: (r: RestResource) => ObservedResource | null): UpgradeCapability => ({
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
    const gateway = await client.getById(resource.id, API);
    const changed = { ...gateway, properties: { ...(gateway.properties as Record<string, unknown>), sslPolicy: { policyType: "Predefined", policyName: TARGET_POLICY } } };
    const etag = (gateway as { etag?: string }).etag;
    const poller = await client.beginCreateOrUpdateById(resource.id, API, changed, { ...pollOptions(clients), ...(etag ? { requestOptions: { customHeaders: { "If-Match": etag } } } : {}) });
    await onStarted(poller.toString());
    await poller.pollUntilDone(signal ? { abortSignal: signal } : {});
  },

  async resume(clients, resourceId, operation, signal) {
    const { subscriptionId } = groupAndName(resourceId);
    const poller = await clients.resources(subscriptionId).resources.beginCreateOrUpdateById(resourceId, API, {}, { ...pollOptions(clients), resumeFrom: operation });
    await poller.pollUntilDone(signal ? { abortSignal: signal } : {});
  },
});
