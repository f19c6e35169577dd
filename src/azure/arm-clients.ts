import type { TokenCredential } from "@azure/core-auth";
import { RedisManagementClient } from "@azure/arm-rediscache";
import { IotHubClient } from "@azure/arm-iothub";
import { ResourceManagementClient } from "@azure/arm-resources";
import { SubscriptionClient } from "@azure/arm-resources-subscriptions";
import { ResourceGraphClient } from "@azure/arm-resourcegraph";

export const ARM_SCOPE = "https://management.azure.com/.default";

export interface ArmConnection {
  readonly endpoint: string;
  readonly credential: TokenCredential;
  /** Extra CA certificates (PEM) to trust, e.g. the built-in simulator's self-signed certificate. */
  readonly ca?: string;
  /** Poll interval for long-running operations; small in tests and the simulator. */
  readonly pollIntervalMs?: number;
}

function commonOptions(conn: ArmConnection) {
  return {
    endpoint: conn.endpoint,
    // The SDK derives the token scope from the endpoint; a simulator still expects ARM's audience.
    credentialScopes: [ARM_SCOPE],
    ...(conn.ca ? { tlsOptions: { ca: conn.ca } } : {}),
    userAgentOptions: { userAgentPrefix: "tlsbot" },
  };
}

/** Every ARM client tlsbot uses, built once per connection; a subscription id is passed per call. */
export interface ArmClients {
  redis(subscriptionId: string): RedisManagementClient;
  iotHub(subscriptionId: string): IotHubClient;
  resources(subscriptionId: string): ResourceManagementClient;
  subscriptions(): SubscriptionClient;
  resourceGraph(): ResourceGraphClient;
  readonly connection: ArmConnection;
}

export function createArmClients(conn: ArmConnection): ArmClients {
  const cache = new Map<string, unknown>();
  const memo = <T>(key: string, make: () => T): T => {
    let client = cache.get(key) as T | undefined;
    if (!client) {
      client = make();
      cache.set(key, client);
    }
    return client;
  };
  return {
    connection: conn,
    redis: (s) => memo(`redis:${s}`, () => new RedisManagementClient(conn.credential, s, commonOptions(conn))),
    iotHub: (s) => memo(`iothub:${s}`, () => new IotHubClient(conn.credential, s, commonOptions(conn))),
    resources: (s) => memo(`resources:${s}`, () => new ResourceManagementClient(conn.credential, s, commonOptions(conn))),
    subscriptions: () => memo("subscriptions", () => new SubscriptionClient(conn.credential, commonOptions(conn))),
    resourceGraph: () => memo("graph", () => new ResourceGraphClient(conn.credential, commonOptions(conn))),
  };
}
