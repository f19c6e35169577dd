import { genericArmKind } from "../arm-generic.ts";
import { serviceBusDefinition } from "./servicebus-definition.ts";

export const serviceBusKind = genericArmKind(serviceBusDefinition, {
  apiVersion: "2021-11-01",
  read: (props, r) => ({ rawTls: props["minimumTlsVersion"], extra: { sku: (r.sku as { name?: unknown } | undefined)?.name ?? null } }),
  patch: (value) => ({ minimumTlsVersion: value }),
});
