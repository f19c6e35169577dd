import type { RedisResource } from "@azure/arm-rediscache";
import type { ObservedResource } from "../../../domain/resource.ts";
import { groupAndName, isNotFound, pollOptions, type UpgradeCapability } from "../resource-kind.ts";



/**
 * Azure Cache for Redis: PATCH `minimumTlsVersion`. Azure answers 200, or 202 + Location that the SDK's
 * poller follows; raising the minimum cannot be undone (1.0/1.1 can no longer be set) and fails over.
 */
export const redisUpgrade = (fromSdk: (r: RedisResource) => ObservedResource | null): UpgradeCapability => ({
  async read(clients, resourceId) {
    const { subscriptionId, resourceGroup, name } = groupAndName(resourceId);
    try {
      return fromSdk(await clients.redis(subscriptionId).redis.get(resourceGroup, name));
    } catch (err) {
      if (isNotFound(err)) return null;
      throw err;
    }
  },

  async apply(clients, resource, target, onStarted, signal) {
    const { subscriptionId, resourceGroup, name } = groupAndName(resource.id);
    const poller = await clients.redis(subscriptionId).redis.beginUpdate(resourceGroup, name, { minimumTlsVersion: target }, pollOptions(clients));
    await onStarted(poller.toString());
    await poller.pollUntilDone(signal ? { abortSignal: signal } : {});
  },

  async resume(clients, resourceId, operation, signal) {
    const { subscriptionId, resourceGroup, name } = groupAndName(resourceId);
    // With `resumeFrom` the SDK sends no new PATCH: it continues polling where the state says.
    const poller = await clients.redis(subscriptionId).redis.beginUpdate(resourceGroup, name, {}, { ...pollOptions(clients), resumeFrom: operation });
    await poller.pollUntilDone(signal ? { abortSignal: signal } : {});
  },
});
