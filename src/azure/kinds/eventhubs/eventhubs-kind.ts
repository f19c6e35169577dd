import { genericArmKind } from "../arm-generic.ts";
import { eventHubsDefinition } from "./eventhubs-definition.ts";

export const eventHubsKind = genericArmKind(eventHubsDefinition, {
  // minimumTlsVersion is in the namespace schema from 2022-01-01-preview on, first stable in 2024-01-01; through
  // 2021-11-01 a namespace set to 1.2 reads as unset and a PATCH of it is not applied.
  apiVersion: "2024-01-01",
  read: (props, r) => ({ rawTls: props["minimumTlsVersion"], extra: { sku: (r.sku as { name?: unknown } | undefined)?.name ?? null } }),
  patch: (value) => ({ minimumTlsVersion: value }),
});
