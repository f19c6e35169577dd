import type { ObservedResource } from "../../../domain/resource.ts";
import { getByIdOrNull, resumeById, writeById, type RestResource } from "../arm-generic.ts";
import type { UpgradeCapability } from "../resource-kind.ts";
import { raisePolicies } from "./appgateway-policies.ts";

const API = "2023-09-01";

/**
 * Application Gateway has no PATCH for its properties (only tags): the gateway is read, every policy below the
 * target — the gateway-wide `sslPolicy` and each SSL profile's — replaced by a predefined policy with a 1.2
 * minimum (`raisePolicies`), and the gateway PUT back whole with `If-Match`, through the generic
 * `@azure/arm-resources` client (`beginCreateOrUpdateById`, api-version 2023-09-01). One write however many
 * policies change: a PUT replaces the gateway, so the profiles must travel in it anyway.
 */
export const appGatewayUpgrade = (fromRest: (r: RestResource) => ObservedResource | null): UpgradeCapability => ({
  async read(clients, resourceId) {
    const r = await getByIdOrNull(clients, resourceId, API);
    return r ? fromRest(r) : null;
  },

  async apply(clients, resource, target, onStarted, signal) {
    const gateway = await getByIdOrNull(clients, resource.id, API);
    if (!gateway) throw Object.assign(new Error(`The application gateway ${resource.id} was not found.`), { statusCode: 404, code: "ResourceNotFound" });
    const properties = gateway.properties && typeof gateway.properties === "object" ? (gateway.properties as Record<string, unknown>) : {};
    const changed = { ...gateway, properties: raisePolicies(properties, target) };
    const etag = (gateway as { etag?: string }).etag;
    await writeById(clients, resource.id, API, "createOrUpdate", changed, onStarted, signal, etag ? { "If-Match": etag } : {});
  },

  resume: (clients, resourceId, operation, signal) => resumeById(clients, resourceId, API, "createOrUpdate", operation, signal),
});
