import type { ObservedResource } from "../../../domain/resource.ts";
import { getByIdOrNull, resumeById, writeById, type RestResource } from "../arm-generic.ts";
import type { UpgradeCapability } from "../resource-kind.ts";

const API = "2024-02-01";

/**
 * A Front Door custom domain: its `tlsSettings` are read and PATCHed back with `minimumTlsVersion` =
 * `TLS12` (the certificate settings unchanged, as the update requires them), through the generic
 * `@azure/arm-resources` client (api-version 2024-02-01).
 */
export const frontDoorUpgrade = (fromRest: (r: RestResource) => ObservedResource | null): UpgradeCapability => ({
  async read(clients, resourceId) {
    const r = await getByIdOrNull(clients, resourceId, API);
    return r ? fromRest(r) : null;
  },

  async apply(clients, resource, _target, onStarted, signal) {
    const current = await getByIdOrNull(clients, resource.id, API);
    const tlsSettings = { ...((current?.properties as { tlsSettings?: Record<string, unknown> } | undefined)?.tlsSettings ?? { certificateType: "ManagedCertificate" }), minimumTlsVersion: "TLS12" };
    await writeById(clients, resource.id, API, "update", { properties: { tlsSettings } }, onStarted, signal);
  },

  resume: (clients, resourceId, operation, signal) => resumeById(clients, resourceId, API, "update", operation, signal),
});
