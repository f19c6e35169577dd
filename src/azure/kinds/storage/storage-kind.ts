import { genericArmKind } from "../arm-generic.ts";
import { storageDefinition } from "./storage-definition.ts";

export const STORAGE_API_VERSION = "2023-05-01";

export const storageKind = genericArmKind(storageDefinition, {
  apiVersion: STORAGE_API_VERSION,
  read: (props, r) => ({ rawTls: props["minimumTlsVersion"], extra: { sku: (r.sku as { name?: unknown } | undefined)?.name ?? null } }),
  // Clients below the minimum then get HTTP 400 TlsVersionNotPermitted (catalog: storageRequestsRejected).
  patch: (value) => ({ minimumTlsVersion: value }),
});
