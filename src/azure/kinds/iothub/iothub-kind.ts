import type { IotHubDescription } from "@azure/arm-iothub";
import type { ObservedResource } from "../../../domain/resource.ts";
import type { GraphRow, ResourceKind } from "../resource-kind.ts";
import { iotHubUpgrade } from "./iothub-upgrade.ts";
import { rawTlsOf, scopeFromId, str, tagsOf } from "../observed-fields.ts";

export const IOTHUB_TYPE = "Microsoft.Devices/IotHubs";

function observe(id: string, name: string, location: string, props: Record<string, unknown>, createdAt: string | null,
  tags: Record<string, string>, extra: Record<string, unknown>): ObservedResource | null {
  const scope = scopeFromId(id);
  if (!scope) return null;
  return {
    id, kind: "iothub", type: IOTHUB_TYPE, name, ...scope, location,
    rawTls: rawTlsOf(props["minTlsVersion"]), createdAt, tags, extra,
  };
}

export const iotHubKind: ResourceKind = {
  id: "iothub",
  armType: IOTHUB_TYPE,

  async listInSubscription(clients, subscriptionId, signal) {
    const out: ObservedResource[] = [];
    for await (const hub of clients.iotHub(subscriptionId).iotHubResource.listBySubscription({ abortSignal: signal })) {
      const observed = fromSdk(hub);
      if (observed) out.push(observed);
    }
    return out;
  },

  fromGraphRow(row: GraphRow) {
    const id = str(row.id);
    if (!id) return null;
    const props = (row.properties ?? {}) as Record<string, unknown>;
    return observe(id, str(row.name) ?? id, str(row.location) ?? "", props, null, tagsOf(row.tags), {
      sku: str((row.sku as { name?: unknown } | null | undefined)?.name) ?? null,
    });
  },

  // An IoT hub's unset minimum means 1.0 whatever its age.
  needsCreatedTime: () => false,
  upgrade: iotHubUpgrade(fromSdk),
};

export function fromSdk(hub: IotHubDescription): ObservedResource | null {
  if (!hub.id) return null;
  const props = (hub.properties ?? {}) as Record<string, unknown>;
  // No creation time and no etag: Resource Graph has neither, and a finding must be the same whichever
  // source produced it (an IoT hub's rule does not need its age; an upgrade reads a fresh etag anyway).
  return observe(hub.id, hub.name ?? hub.id, hub.location, props, null, tagsOf(hub.tags), { sku: hub.sku?.name ?? null });
}
