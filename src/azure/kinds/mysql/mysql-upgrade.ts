import type { ObservedResource } from "../../../domain/resource.ts";
import type { RestResource } from "../arm-generic.ts";
import { groupAndName, isNotFound, pollOptions, type UpgradeCapability } from "../resource-kind.ts";
import { raisedList } from "./mysql-definition.ts";

const API = "2023-12-30";

/**
 * MySQL flexible server: a PATCH of the `tls_version` server parameter (`configurations/tls_version`)
 * through the generic `@azure/arm-resources` client (api-version 2023-12-30), keeping TLS 1.3 when it was
 * allowed. A static parameter: it applies when the server restarts (catalog: mysqlStaticParameter).
 */
export const mySqlUpgrade = (fromServer: (s: RestResource & { tls: string | null }) => ObservedResource | null): UpgradeCapability => ({
  async read(clients, resourceId) {
    const { subscriptionId } = groupAndName(resourceId);
    const { withTlsVersion } = await import("./mysql-kind.ts");
    try {
      const server = await clients.resources(subscriptionId).resources.getById(resourceId, API) as RestResource;
      return fromServer(await withTlsVersion(clients, subscriptionId, server));
    } catch (err) {
      if (isNotFound(err)) return null;
      throw err;
    }
  },

  async apply(clients, resource, _target, onStarted, signal) {
    const { subscriptionId } = groupAndName(resource.id);
    const poller = await clients.resources(subscriptionId).resources.beginUpdateById(`${resource.id}/configurations/tls_version`, API,
      { properties: { value: raisedList(resource.rawTls), source: "user-override" } }, pollOptions(clients));
    await onStarted(poller.toString());
    await poller.pollUntilDone(signal ? { abortSignal: signal } : {});
  },

  async resume(clients, resourceId, operation, signal) {
    const { subscriptionId } = groupAndName(resourceId);
    const poller = await clients.resources(subscriptionId).resources.beginUpdateById(`${resourceId}/configurations/tls_version`, API, {}, { ...pollOptions(clients), resumeFrom: operation });
    await poller.pollUntilDone(signal ? { abortSignal: signal } : {});
  },
});
