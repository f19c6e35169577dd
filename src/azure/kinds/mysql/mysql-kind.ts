import { UNREADABLE_PREFIX } from "../../../domain/tls-version.ts";
import type { ArmClients } from "../../arm-clients.ts";
import { mapBounded } from "../../scan/bounded-map.ts";
import { listProviderCollection, type RestResource } from "../arm-generic.ts";
import { armKind } from "../arm-kind.ts";
import { mySqlDefinition } from "./mysql-definition.ts";
import { mySqlUpgrade } from "./mysql-upgrade.ts";

export const MYSQL_API_VERSION = "2023-12-30";
/** Configuration reads in flight per subscription: one per server, so bounded. */
const CONFIG_READS = 8;

/** A server with its `tls_version` parameter; a 403/404 on the parameter is recorded, not fatal. */
export async function withTlsVersion(clients: ArmClients, subscriptionId: string, server: RestResource): Promise<RestResource & { tls: string | null }> {
  try {
    const config = await clients.resources(subscriptionId).resources.getById(`${server.id}/configurations/tls_version`, MYSQL_API_VERSION);
    const value = (config.properties as { value?: unknown } | undefined)?.value;
    return { ...server, tls: typeof value === "string" ? (value === "" ? null : value) : value === undefined || value === null ? null : `${typeof value}:${JSON.stringify(value)}` };
  } catch (err) {
    const status = (err as { statusCode?: number }).statusCode;
    if (status === 403 || status === 404) return { ...server, tls: `${UNREADABLE_PREFIX}configurations/tls_version ${status}` };
    throw err;
  }
}

async function* listServers(clients: ArmClients, subscriptionId: string, signal: AbortSignal): AsyncIterable<RestResource & { tls: string | null }> {
  const servers: RestResource[] = [];
  for await (const s of listProviderCollection(clients, subscriptionId, mySqlDefinition.armTypes[0], MYSQL_API_VERSION, signal)) if (s.id) servers.push(s);
  yield* await mapBounded(servers, CONFIG_READS, (s) => withTlsVersion(clients, subscriptionId, s));
}

export const mySqlKind = armKind<RestResource & { tls: string | null }>(mySqlDefinition, {
  list: listServers,
  readSdk: (s) => ({ rawTls: s.tls, extra: { version: (s.properties as { version?: unknown } | undefined)?.version ?? null } }),
  // Read through ARM on the Graph path too: Resource Graph's rows do not carry server parameters.
  readGraph: () => ({ rawTls: `${UNREADABLE_PREFIX}not in Resource Graph` }),
  upgrade: mySqlUpgrade,
});
