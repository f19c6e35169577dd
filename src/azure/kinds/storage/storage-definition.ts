import { exactSpellings, unsetMeans } from "../../../domain/effective-tls.ts";
import type { KindDefinition } from "../kind-definition.ts";

// Microsoft.Storage MinimumTlsVersion (REST 2023-05-01): TLS1_0, TLS1_1, TLS1_2, TLS1_3, though the schema adds
// "Minimum TLS version 1.3 version is not supported" (so the simulator refuses to set it).
const spellings = { TLS1_0: "1.0", TLS1_1: "1.1", TLS1_2: "1.2", TLS1_3: "1.3" } as const;

export const storageDefinition: KindDefinition = {
  id: "storage",
  armTypes: ["Microsoft.Storage/storageAccounts"],
  names: { en: { one: "storage account", other: "storage accounts" }, ja: { one: "ストレージ アカウント", other: "ストレージ アカウント" } },
  synonyms: {
    en: ["storage", "storage account", "storage accounts", "storage acct", "storage accts", "azure storage", "blob storage", "blob", "blobs", "storageaccount", "storageaccounts"],
    ja: ["ストレージアカウント", "ストレージ", "すとれーじ", "Blob ストレージ", "ブロブ"],
  },
  tls: {
    settings: ["minimumTlsVersion"],
    spellings,
    parse: exactSpellings(spellings),
    upgradeValue: "TLS1_2",
    // TLS1_3 is read but cannot be set as the minimum (FACTS.md [S1]).
    highestMinimum: "1.2",
    // "The default interpretation is TLS 1.0" (FACTS.md [S1]); CLI/PowerShell-created accounts may leave it unset.
    unset: unsetMeans("1.0", "unsetAccepts10"),
    needsCreatedTime: () => false,
  },
  retirementId: "storage-tls10-11",
  reading: "list",
  implementation: async () => (await import("./storage-kind.ts")).storageKind,
  simulator: async () => (await import("./storage-sim.ts")).storageSim,
};
