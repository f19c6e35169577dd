import type { IotHubDescription } from "@azure/arm-iothub";
import { str } from "../observed-fields.ts";
import { armKind } from "../arm-kind.ts";
import type { EvidenceContext, EvidenceItem } from "../resource-kind.ts";
import { iotHubDefinition } from "./iothub-definition.ts";
import { iotHubUpgrade } from "./iothub-upgrade.ts";

/** Devices per TLS version from the hub's Connections logs, when a Log Analytics workspace is configured. */
async function deviceEvidence(resourceId: string, ctx: EvidenceContext): Promise<readonly EvidenceItem[]> {
  if (!ctx.deviceTls) return [{ key: "iotHubNoWorkspace" }];
  try {
    const counts = await ctx.deviceTls(resourceId);
    if (counts.length === 0) return [{ key: "iotHubNoConnections" }];
    const old = counts.filter((c) => c.version === "1.0" || c.version === "1.1").reduce((n, c) => n + c.devices, 0);
    return [
      { key: "iotHubDevices", params: { summary: counts.map((c) => `TLS ${c.version}: ${c.devices}`).join(", ") } },
      old > 0 ? { key: "iotHubOldDevices", params: { count: old } } : { key: "iotHubNoOldDevices" },
    ];
  } catch (err) {
    ctx.onError?.(err);
    return [{ key: "iotHubQueryFailed" }];
  }
}

// No creation time and no etag: Resource Graph has neither, and a finding must be the same whichever
// source produced it (an IoT hub's rule does not need its age; an upgrade reads a fresh etag anyway).
export const iotHubKind = armKind<IotHubDescription>(iotHubDefinition, {
  list: (clients, subscriptionId, signal) => clients.iotHub(subscriptionId).iotHubResource.listBySubscription({ abortSignal: signal }),
  readSdk: (hub) => ({ rawTls: (hub.properties as Record<string, unknown> | undefined)?.["minTlsVersion"], extra: { sku: hub.sku?.name ?? null } }),
  readGraph: (props, row) => ({ rawTls: props["minTlsVersion"], extra: { sku: str((row.sku as { name?: unknown } | null | undefined)?.name) ?? null } }),
  upgrade: iotHubUpgrade,
  evidence: deviceEvidence,
});
