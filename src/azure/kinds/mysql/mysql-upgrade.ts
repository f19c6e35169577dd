import type { ObservedResource } from "../../../domain/resource.ts";
import { getByIdOrNull, resumeById, writeById, type RestResource } from "../arm-generic.ts";
import { groupAndName, type UpgradeCapability } from "../resource-kind.ts";
import { raisedList } from "./mysql-definition.ts";

const API = "2023-12-30";

/**
 * MySQL flexible server: a PATCH of the `tls_version` server parameter (`configurations/tls_version`)
 * through the generic `@azure/arm-resources` client (api-version 2023-12-30), keeping TLS 1.3 when it was
 * allowed. A static parameter: it applies when the server restarts (catalog: mysqlStaticParameter).
 */
export const mySqlUpgrade = (fromServer: (s: RestResource & { tls: string | null }) => ObservedResource | null): UpgradeCapability => ({
  async read(clients, resourceId) {
    const { withTlsVersion } = await import("./mysql-kind.ts");
    const server = await getByIdOrNull(clients, resourceId, API);
    return server ? fromServer(await withTlsVersion(clients, groupAndName(resourceId).subscriptionId, server)) : null;
  },

  apply: (clients, resource, _target, onStarted, signal) =>
    writeById(clients, `${resource.id}/configurations/tls_version`, API, "update", { properties: { value: raisedList(resource.rawTls), source: "user-override" } }, onStarted, signal),

  resume: (clients, resourceId, operation, signal) => resumeById(clients, `${resourceId}/configurations/tls_version`, API, "update", operation, signal),
});
