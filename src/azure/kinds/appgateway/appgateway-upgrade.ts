import type { ObservedResource } from "../../../domain/resource.ts";
import { getByIdOrNull, resumeById, writeById, type RestResource } from "../arm-generic.ts";
import type { UpgradeCapability } from "../resource-kind.ts";
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
    const r = await getByIdOrNull(clients, resourceId, API);
    return r ? fromRest(r) : null;
  },

  async apply(clients, resource, _target, onStarted, signal) {
    const gateway = await getByIdOrNull(clients, resource.id, API);
    if (!gateway) throw Object.assign(new Error(`The application gateway ${resource.id} was not found.`), { statusCode: 404, code: "ResourceNotFound" });
    const changed = { ...gateway, properties: { ...(gateway.properties as Record<string, unknown>), sslPolicy: { policyType: "Predefined", policyName: TARGET_POLICY } } };
    const etag = (gateway as { etag?: string }).etag;
    await writeById(clients, resource.id, API, "createOrUpdate", changed, onStarted, signal, etag ? { "If-Match": etag } : {});
  },

  resume: (clients, resourceId, operation, signal) => resumeById(clients, resourceId, API, "createOrUpdate", operation, signal),
});
