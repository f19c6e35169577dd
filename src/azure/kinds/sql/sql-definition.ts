import { exactSpellings, unsetMeans } from "../../../domain/effective-tls.ts";
import type { KindDefinition } from "../kind-definition.ts";

// Microsoft.Sql minimalTlsVersion (REST 2021-11-01) is a free string the schema documents as "1.0"/"1.1"/"1.2" for
// servers and also "None" for managed instances; "1.3", "None" and "0" (None as stored) are read as the service reports them.
const spellings = { None: "no-minimum", "0": "no-minimum", "1.0": "1.0", "1.1": "1.1", "1.2": "1.2", "1.3": "1.3" } as const;

export const sqlDefinition: KindDefinition = {
  id: "sql",
  armTypes: ["Microsoft.Sql/servers", "Microsoft.Sql/managedInstances"],
  names: { en: { one: "SQL server", other: "SQL servers" }, ja: { one: "SQL サーバー", other: "SQL サーバー" } },
  synonyms: {
    en: ["sql", "sql server", "sql servers", "sql database", "sql databases", "azure sql", "sql db", "logical server", "logical servers", "managed instance", "managed instances", "sql managed instance", "sql mi"],
    ja: ["SQL サーバー", "SQLサーバー", "SQL データベース", "SQLデータベース", "マネージド インスタンス", "マネージドインスタンス", "論理サーバー"],
  },
  tls: {
    settings: ["minimalTlsVersion"],
    spellings,
    parse: exactSpellings(spellings),
    upgradeValue: "1.2",
    // minimalTlsVersion takes "1.3" (FACTS.md, SQL Database row).
    highestMinimum: "1.3",
    // "The default for the minimal TLS version is to allow all versions" (FACTS.md [Q1,Q2]): blank = None.
    unset: unsetMeans("1.0", "noMinimum"),
    needsCreatedTime: () => false,
  },
  retirementId: "sql-tls10-11",
  reading: "list",
  implementation: async () => (await import("./sql-kind.ts")).sqlKind,
  simulator: async () => (await import("./sql-sim.ts")).sqlSim,
};
