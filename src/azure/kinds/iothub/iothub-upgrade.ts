import type { IotHubDescription } from "@azure/arm-iothub";
import type { ObservedResource } from "../../../domain/resource.ts";
import { groupAndName, isNotFound, pollOptions, type UpgradeCapability } from "../resource-kind.ts";



/**
 * IoT Hub: the full description is read, `minTlsVersion` changed and PUT back with `If-Match` on the etag
 * read, so a change made in between gives 412 instead of being overwritten. Devices still on TLS 1.0/1.1
 * are disconnected once it applies.
 */
export const iotHubUpgrade = (fromSdk: (r: IotHubDescription) => ObservedResource | null): UpgradeCapability => ({
  async read(clients, resourceId) {
    const { subscriptionId, resourceGroup, name } = groupAndName(resourceId);
    try {
      return fromSdk(await clients.iotHub(subscriptionId).iotHubResource.get(resourceGroup, name));
    } catch (err) {
      if (isNotFound(err)) return null;
      throw err;
    }
  },

  async apply(clients, resource, target, onStarted, signal) {
    const { subscriptionId, resourceGroup, name } = groupAndName(resource.id);
    const client = clients.iotHub(subscriptionId).iotHubResource;
    const description = await client.get(resourceGroup, name);
    const changed = { ...description, properties: { ...description.properties, minTlsVersion: target } };
    const poller = await client.beginCreateOrUpdate(resourceGroup, name, changed, { ...pollOptions(clients), ...(description.etag ? { ifMatch: description.etag } : {}) });
    await onStarted(poller.toString());
    await poller.pollUntilDone(signal ? { abortSignal: signal } : {});
  },

  async resume(clients, resourceId, operation, signal) {
    const { subscriptionId, resourceGroup, name } = groupAndName(resourceId);
    const client = clients.iotHub(subscriptionId).iotHubResource;
    const poller = await client.beginCreateOrUpdate(resourceGroup, name, { location: "", sku: { name: "S1", capacity: 1 } }, { ...pollOptions(clients), resumeFrom: operation });
    await poller.pollUntilDone(signal ? { abortSignal: signal } : {});
  },
});
