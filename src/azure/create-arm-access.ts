import { readFileSync } from "node:fs";
import type { TokenCredential } from "@azure/core-auth";
import { TlsbotError } from "../domain/errors.ts";
import { createArmClients, type ArmClients } from "./arm-clients.ts";
import { isLoopbackUrl } from "../domain/loopback.ts";
import { StaticTokenCredential } from "./static-token-credential.ts";

export interface ArmAccessSettings {
  readonly endpoint: string;
  readonly token?: string | undefined;
  readonly caFile?: string | undefined;
  /** PEM given directly (the in-process simulator); wins over caFile. */
  readonly ca?: string | undefined;
  readonly pollIntervalMs?: number | undefined;
  /** Largest response body read (default 32 MiB): see response-size-cap.ts. */
  readonly maxResponseBytes?: number | undefined;
}

/**
 * DefaultAzureCredential unless a static token is configured, which is only allowed for a loopback
 * endpoint: a token meant for a simulator must never travel to a real cloud, nor a real one to a stranger.
 */
export async function createArmAccess(settings: ArmAccessSettings): Promise<ArmClients> {
  let credential: TokenCredential;
  if (settings.token) {
    if (!isLoopbackUrl(settings.endpoint)) throw new TlsbotError("staticTokenNotLoopback", { endpoint: settings.endpoint });
    credential = new StaticTokenCredential(settings.token);
  } else {
    // Loaded lazily: identity pulls in MSAL, which a simulator run never needs.
    const { DefaultAzureCredential } = await import("@azure/identity");
    credential = new DefaultAzureCredential();
  }
  let ca = settings.ca;
  if (!ca && settings.caFile) {
    try {
      ca = readFileSync(settings.caFile, "utf8");
    } catch (err) {
      throw new TlsbotError("configInvalid", { key: "TLSBOT_ARM_CA_FILE", problemKey: "unreadableFile", reason: err instanceof Error ? err.message : String(err) });
    }
  }
  return createArmClients({
    endpoint: settings.endpoint.replace(/\/+$/, ""),
    credential,
    ...(ca ? { ca } : {}),
    ...(settings.pollIntervalMs ? { pollIntervalMs: settings.pollIntervalMs } : {}),
    ...(settings.maxResponseBytes ? { maxResponseBytes: settings.maxResponseBytes } : {}),
  });
}
