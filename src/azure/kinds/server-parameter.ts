import type { ObservedResource } from "../../domain/resource.ts";
import { UNREADABLE_PREFIX } from "../../domain/tls-version.ts";
import type { ArmClients } from "../arm-clients.ts";
import { mapBounded } from "../scan/bounded-map.ts";
import { getByIdOrNull, listProviderCollection, resumeById, writeById, type RestResource } from "./arm-generic.ts";
import { armKind } from "./arm-kind.ts";
import type { KindDefinition } from "./kind-definition.ts";
import { groupAndName, type ResourceKind } from "./resource-kind.ts";

/** A database server with the value of one server parameter (`null`: unset/blank; `unreadable:…`: 403/404). */
export type ServerWithParameter = RestResource & { readonly tls: string | null };

export interface ServerParameterParts {
  /** `tls_version`, `ssl_min_protocol_version` */
  readonly parameter: string;
  readonly apiVersion: string;
  /** The PATCH body's `value` that raises the minimum, from what the server has now. */
  raisedValue(current: string | null): string;
  /** Extras shown on cards (the server's major version, …). */
  extra?(properties: Record<string, unknown>): Record<string, unknown>;
}

/** Parameter reads in flight per subscription: one per server, so bounded. */
const PARAMETER_READS = 8;

/** One server's parameter through `…/configurations/{parameter}`; a 403/404 is recorded, not fatal. */
export async function withParameter(clients: ArmClients, server: RestResource, parts: ServerParameterParts, signal?: AbortSignal): Promise<ServerWithParameter> {
  const subscriptionId = groupAndName(server.id ?? "").subscriptionId;
  try {
    const config = await clients.resources(subscriptionId).resources.getById(`${server.id}/configurations/${parts.parameter}`, parts.apiVersion, signal ? { abortSignal: signal } : {});
    const value = (config.properties as { value?: unknown } | undefined)?.value;
    return { ...server, tls: typeof value === "string" ? (value === "" ? null : value) : value === undefined || value === null ? null : `${typeof value}:${JSON.stringify(value)}` };
  } catch (err) {
    const status = (err as { statusCode?: number }).statusCode;
    if (status === 403 || status === 404) return { ...server, tls: `${UNREADABLE_PREFIX}configurations/${parts.parameter} ${status}` };
    throw err;
  }
}

/**
 * A flexible-server kind whose TLS minimum is a server parameter (MySQL `tls_version`, PostgreSQL
 * `ssl_min_protocol_version`): servers listed per subscription, then one bounded GET of the parameter per
 * server. On the Resource Graph path the servers come from Graph's `Resources` rows (no ARM list) and
 * only the parameter is read through ARM, since Graph's rows carry no server parameters. Raised with a
 * PATCH of `configurations/{parameter}` through the generic `@azure/arm-resources` client.
 */
export function serverParameterKind(def: KindDefinition, parts: ServerParameterParts): ResourceKind {
  const propsOf = (s: RestResource) => (s.properties && typeof s.properties === "object" ? (s.properties as Record<string, unknown>) : {});
  const configId = (serverId: string) => `${serverId}/configurations/${parts.parameter}`;
  return armKind<ServerWithParameter>(def, {
    async *list(clients, subscriptionId, signal) {
      const servers: RestResource[] = [];
      for await (const s of listProviderCollection(clients, subscriptionId, def.armTypes[0], parts.apiVersion, signal)) if (s.id) servers.push(s);
      yield* await mapBounded(servers, PARAMETER_READS, (s) => withParameter(clients, s, parts));
    },
    readSdk: (s) => ({ rawTls: s.tls, extra: parts.extra?.(propsOf(s)) ?? {} }),
    // Never the setting itself: `graphDetail` reads the parameter for every server a row names.
    readGraph: (props) => ({ rawTls: `${UNREADABLE_PREFIX}configurations/${parts.parameter} not read`, extra: parts.extra?.(props) ?? {} }),
    graphDetail: {
      complete: (clients, _subscriptionId, found, _side, signal) => mapBounded(found, PARAMETER_READS, async (server): Promise<ObservedResource> => ({
        ...server, rawTls: (await withParameter(clients, { id: server.id }, parts, signal)).tls,
      })),
    },
    upgrade: (fromServer: (s: ServerWithParameter) => ObservedResource | null) => ({
      async read(clients, resourceId) {
        const server = await getByIdOrNull(clients, resourceId, parts.apiVersion);
        return server ? fromServer(await withParameter(clients, server, parts)) : null;
      },
      apply: (clients, resource, _target, onStarted, signal) =>
        writeById(clients, configId(resource.id), parts.apiVersion, "update", { properties: { value: parts.raisedValue(resource.rawTls), source: "user-override" } }, onStarted, signal),
      resume: (clients, resourceId, operation, signal) => resumeById(clients, configId(resourceId), parts.apiVersion, "update", operation, signal),
    }),
  });
}
