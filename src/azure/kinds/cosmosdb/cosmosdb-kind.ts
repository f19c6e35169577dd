import { genericArmKind } from "../arm-generic.ts";
import { cosmosDbDefinition } from "./cosmosdb-definition.ts";

export const cosmosDbKind = genericArmKind(cosmosDbDefinition, {
  // minimalTlsVersion exists from api-version 2022-11-15 on (FACTS.md, Cosmos DB row).
  apiVersion: "2024-05-15",
  read: (props) => ({ rawTls: props["minimalTlsVersion"], extra: { offerType: props["databaseAccountOfferType"] ?? null } }),
  patch: (value) => ({ minimalTlsVersion: value }),
});
