import type { TokenCredential } from "@azure/core-auth";
import { createSecureContext } from "node:tls";
import { createDefaultHttpClient, tracingPolicyName, type Pipeline, type PipelinePolicy, type TlsSettings } from "@azure/core-rest-pipeline";
import { telemetry } from "../observability/telemetry.ts";
import { cutOffBodyRetry } from "./cut-off-body-retry.ts";
import { pagingLoopGuard } from "./paging-loop-guard.ts";
import { responseSizeCap } from "./response-size-cap.ts";
import { subscriptionReadPacing } from "./read-pacing.ts";
import { RedisManagementClient } from "@azure/arm-rediscache";
import { IotHubClient } from "@azure/arm-iothub";
import { ResourceManagementClient } from "@azure/arm-resources";
import { SubscriptionClient } from "@azure/arm-resources-subscriptions";
import { ResourceGraphClient } from "@azure/arm-resourcegraph";
import { AdvisorManagementClient } from "@azure/arm-advisor";

export const ARM_SCOPE = "https://management.azure.com/.default";

export interface ArmConnection {
  readonly endpoint: string;
  readonly credential: TokenCredential;
  /** Extra CA certificates (PEM) to trust, e.g. the built-in simulator's self-signed certificate. */
  readonly ca?: string;
  /** Poll interval for long-running operations; small in tests and the simulator. */
  readonly pollIntervalMs?: number;
  /** Largest response body read, counted as it arrives (default DEFAULT_MAX_RESPONSE_BYTES). */
  readonly maxResponseBytes?: number;
}

/** Counts every attempt (retries included) by status, for /metrics; the sink does nothing outside `serve`. */
const countResponses: PipelinePolicy = {
  name: "tlsbotTelemetry",
  async sendRequest(request, next) {
    const api = request.url.includes("/providers/Microsoft.ResourceGraph/") ? "resource-graph" : "arm";
    try {
      const response = await next(request);
      telemetry().armResponse(api, request.method, response.status);
      return response;
    } catch (err) {
      const status = (err as { statusCode?: number }).statusCode;
      telemetry().armResponse(api, request.method, typeof status === "number" ? status : 0);
      throw err;
    }
  },
};

/**
 * Options shared by every client of one connection. The HTTP client and the TLS settings object are the
 * same instances for all of them: the SDK pools connections per HTTP client and per TLS settings object,
 * so one client per subscription would otherwise open (and TLS-handshake) its own connections.
 */
function sharedOptions(conn: ArmConnection) {
  return {
    endpoint: conn.endpoint,
    // The SDK derives the token scope from the endpoint; a simulator still expects ARM's audience.
    credentialScopes: [ARM_SCOPE],
    httpClient: createDefaultHttpClient(),
    // With a CA of its own (the simulator's certificate, a TLS-inspecting proxy's root) every new connection
    // would parse that PEM into a fresh trust store: one secure context, built once, serves them all (the SDK
    // spreads these settings into its HTTPS agent, and Node uses a given secureContext as is). The PEM itself is
    // left out: the agent would otherwise copy it into the name it files every request's socket under.
    ...(conn.ca ? { tlsOptions: { secureContext: createSecureContext({ ca: conn.ca }) } as TlsSettings } : {}),
    userAgentOptions: { userAgentPrefix: "tlsbot" },
    // Per retry: a retried read spends a token too.
    additionalPolicies: [
      { policy: pagingLoopGuard(), position: "perCall" as const },
      { policy: subscriptionReadPacing(), position: "perRetry" as const },
      { policy: cutOffBodyRetry(), position: "perRetry" as const },
      // Below the cut-off retry, which still sees a body cut off in transit as the client reports it.
      { policy: responseSizeCap(conn.maxResponseBytes), position: "perRetry" as const },
      // Innermost, so every response Azure sends is counted, retried ones included.
      { policy: countResponses, position: "perRetry" as const },
    ],
  };
}

/** Every ARM client tlsbot uses, built once per connection; a subscription id is passed per call. */
export interface ArmClients {
  redis(subscriptionId: string): RedisManagementClient;
  iotHub(subscriptionId: string): IotHubClient;
  resources(subscriptionId: string): ResourceManagementClient;
  subscriptions(): SubscriptionClient;
  resourceGraph(): ResourceGraphClient;
  /** Azure Advisor recommendations of one subscription (the fallback when Resource Graph is unavailable). */
  advisor(subscriptionId: string): AdvisorManagementClient;
  readonly connection: ArmConnection;
}

export function createArmClients(conn: ArmConnection): ArmClients {
  const options = sharedOptions(conn);
  const cache = new Map<string, unknown>();
  const memo = <T extends { pipeline: Pipeline }>(key: string, make: () => T): T => {
    let client = cache.get(key) as T | undefined;
    if (!client) {
      client = make();
      // tlsbot registers no tracing instrumenter, so every span the SDK's per-request tracing policy opens
      // is a no-op; the policy still builds it and copies the request's options for each of a scan's
      // thousands of requests. The clients' own per-operation spans (no-ops too) are not affected.
      client.pipeline.removePolicy({ name: tracingPolicyName });
      cache.set(key, client);
    }
    return client;
  };
  return {
    connection: conn,
    redis: (s) => memo(`redis:${s}`, () => new RedisManagementClient(conn.credential, s, options)),
    iotHub: (s) => memo(`iothub:${s}`, () => new IotHubClient(conn.credential, s, options)),
    resources: (s) => memo(`resources:${s}`, () => new ResourceManagementClient(conn.credential, s, options)),
    subscriptions: () => memo("subscriptions", () => new SubscriptionClient(conn.credential, options)),
    resourceGraph: () => memo("graph", () => new ResourceGraphClient(conn.credential, options)),
    advisor: (s) => memo(`advisor:${s}`, () => new AdvisorManagementClient(conn.credential, s, options)),
  };
}
