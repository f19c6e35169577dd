import { storageKind } from "./storage-kind.ts";

/**
 * Storage accounts are raised with a PATCH of `properties.minimumTlsVersion` through the generic
 * `@azure/arm-resources` client (`resources.beginUpdateById`, api-version 2023-05-01); the service answers
 * 200 at once. Kept as its own module so every kind's write is found at `<kind>-upgrade.ts`.
 */
export const storageUpgrade = storageKind.upgrade;
