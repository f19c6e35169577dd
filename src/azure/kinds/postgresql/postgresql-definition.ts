import { exactSpellings, unsetMeans } from "../../../domain/effective-tls.ts";
import type { KindDefinition } from "../kind-definition.ts";
import { postgreSqlCatalog } from "./postgresql-catalog.ts";

// Server parameter `ssl_min_protocol_version` (FACTS.md [P1]): PostgreSQL's own enum values. Azure now lets
// anyone set only TLSv1.2/TLSv1.3, but servers configured earlier may still report TLSv1 or TLSv1.1.
const spellings = { TLSv1: "1.0", "TLSv1.1": "1.1", "TLSv1.2": "1.2", "TLSv1.3": "1.3" } as const;

export const postgreSqlDefinition: KindDefinition = {
  id: "postgresql",
  armTypes: ["Microsoft.DBforPostgreSQL/flexibleServers"],
  names: {
    en: { one: "PostgreSQL flexible server", other: "PostgreSQL flexible servers" },
    ja: { one: "PostgreSQL フレキシブル サーバー", other: "PostgreSQL フレキシブル サーバー" },
  },
  synonyms: {
    en: ["postgresql", "postgres", "postgresql server", "postgresql servers", "postgres server", "postgres servers", "postgresql flexible server", "postgresql flexible servers", "azure database for postgresql"],
    ja: ["PostgreSQL サーバー", "PostgreSQLサーバー", "ポスグレ", "ポストグレス", "PostgreSQL フレキシブルサーバー"],
  },
  tls: {
    settings: ["ssl_min_protocol_version"],
    spellings,
    parse: exactSpellings(spellings),
    upgradeValue: "TLSv1.2",
    // ssl_min_protocol_version takes TLSv1.3 (FACTS.md [P1]).
    highestMinimum: "1.3",
    // The parameter's default is TLSv1.2 (FACTS.md [P1]; Azure's server-parameter table for every major version).
    unset: unsetMeans("1.2", "unsetDefault12"),
    needsCreatedTime: () => false,
  },
  // Microsoft has announced no TLS 1.0/1.1 retirement for flexible servers (FACTS.md: "already 1.2+"):
  // a server still allowing 1.0/1.1 is at risk with no deadline, and can be raised.
  retirementId: null,
  catalog: postgreSqlCatalog,
  // `ssl_min_protocol_version` is read per server through the configurations API (8 in flight per
  // subscription). On the Resource Graph path the servers come from Graph's rows and only this read goes
  // through ARM: Resource Graph does not expose server parameters (server-parameter.ts, `graphDetail`).
  reading: "list-then-detail",
  implementation: async () => (await import("./postgresql-kind.ts")).postgreSqlKind,
  simulator: async () => (await import("./postgresql-sim.ts")).postgreSqlSim,
};
