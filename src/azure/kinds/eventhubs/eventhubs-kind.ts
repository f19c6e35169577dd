import { genericArmKind } from "../arm-generic.ts";
import { eventHubsDefinition } from "./eventhubs-definition.ts";

export const eventHubsKind = genericArmKind(eventHubsDefinition, {
  apiVersion: "2021-11-01",
  read: (props, r) => ({ rawTls: props["minimumTlsVersion"], extra: { sku: (r.sku as { name?: unknown } | undefined)?.name ?? null } }),
  patch: (value) => ({ minimumTlsVersion: value }),
});
