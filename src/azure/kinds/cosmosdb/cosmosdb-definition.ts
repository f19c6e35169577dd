import { exactSpellings, unsetMeans } from "../../../domain/effective-tls.ts";
import type { KindDefinition } from "../kind-definition.ts";

// Microsoft.DocumentDB MinimalTlsVersion (REST ≥ 2022-11-15): "Tls" (1.0), "Tls11", "Tls12".
const spellings = { Tls: "1.0", Tls11: "1.1", Tls12: "1.2" } as const;

export const cosmosDbDefinition: KindDefinition = {
  id: "cosmosdb",
  armTypes: ["Microsoft.DocumentDB/databaseAccounts"],
  names: { en: { one: "Cosmos DB account", other: "Cosmos DB accounts" }, ja: { one: "Cosmos DB アカウント", other: "Cosmos DB アカウント" } },
  synonyms: {
    en: ["cosmos", "cosmos db", "cosmosdb", "cosmos db account", "cosmos db accounts", "cosmosdb account", "cosmosdb accounts", "azure cosmos db", "documentdb", "document db"],
    ja: ["コスモスDB", "コスモス DB", "コスモス", "Cosmos DB のアカウント"],
  },
  tls: {
    settings: ["minimalTlsVersion"],
    spellings,
    parse: exactSpellings(spellings),
    upgradeValue: "Tls12",
    // Tls12 is the highest minimalTlsVersion value (FACTS.md [C1,C2]): TLS 1.3 is accepted but cannot be the minimum.
    highestMinimum: "1.2",
    // Accounts from before the setting existed kept the service-wide minimum, TLS 1.0; new ones get Tls12 (FACTS.md [C1,C2]).
    unset: unsetMeans("1.0", "unsetAccepts10"),
    needsCreatedTime: () => false,
  },
  retirementId: "cosmosdb-tls10-11",
  reading: "list",
  implementation: async () => (await import("./cosmosdb-kind.ts")).cosmosDbKind,
  simulator: async () => (await import("./cosmosdb-sim.ts")).cosmosDbSim,
};
