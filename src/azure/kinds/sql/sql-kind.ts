import { genericArmKind } from "../arm-generic.ts";
import { sqlDefinition } from "./sql-definition.ts";

export const sqlKind = genericArmKind(sqlDefinition, {
  // One api-version serves both logical servers and managed instances.
  apiVersion: "2021-11-01",
  read: (props) => ({ rawTls: props["minimalTlsVersion"], extra: { version: props["version"] ?? null, state: props["state"] ?? null } }),
  patch: (value) => ({ minimalTlsVersion: value }),
});
