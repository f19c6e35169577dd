import { exactSpellings, unsetMeans } from "../../../domain/effective-tls.ts";
import { compareTls, type ParsedTls, type TlsVersion } from "../../../domain/tls-version.ts";
import type { KindDefinition } from "../kind-definition.ts";
import { mySqlCatalog } from "./mysql-catalog.ts";

// The server parameter `tls_version` lists every protocol the server accepts (FACTS.md [M1]).
const spellings = { TLSv1: "1.0", "TLSv1.1": "1.1", "TLSv1.2": "1.2", "TLSv1.3": "1.3" } as const;
const one = exactSpellings(spellings);

/** "TLSv1.2,TLSv1.3": the lowest version listed is the minimum; one unknown entry makes it unreadable. */
function parseList(raw: string | null): ParsedTls {
  if (raw === null || !raw.includes(",")) return one(raw);
  let lowest: TlsVersion | null = null;
  for (const entry of raw.split(",")) {
    const parsed = one(entry);
    if (parsed.kind !== "version") return { kind: "unrecognised", raw };
    if (!lowest || compareTls(parsed.version, lowest) < 0) lowest = parsed.version;
  }
  return lowest ? { kind: "version", version: lowest } : { kind: "unrecognised", raw };
}

/** The value an upgrade writes: the versions already allowed from 1.2 up, 1.2 always among them. */
export function raisedList(current: string | null): string {
  const kept = (current ?? "").split(",").filter((e) => {
    const p = one(e);
    return p.kind === "version" && compareTls(p.version, "1.2") > 0;
  });
  return ["TLSv1.2", ...kept].join(",");
}

export const mySqlDefinition: KindDefinition = {
  id: "mysql",
  armTypes: ["Microsoft.DBforMySQL/flexibleServers"],
  names: { en: { one: "MySQL flexible server", other: "MySQL flexible servers" }, ja: { one: "MySQL フレキシブル サーバー", other: "MySQL フレキシブル サーバー" } },
  synonyms: {
    en: ["mysql", "mysql server", "mysql servers", "mysql flexible server", "mysql flexible servers", "mysql flexible", "azure database for mysql"],
    ja: ["MySQL サーバー", "MySQLサーバー", "マイエスキューエル", "MySQL フレキシブルサーバー"],
  },
  tls: {
    settings: ["tls_version"],
    spellings,
    parse: parseList,
    upgradeValue: "TLSv1.2",
    // tls_version may list TLSv1.3 alone (FACTS.md [M1]).
    highestMinimum: "1.3",
    // The parameter's default is TLS 1.2; 1.0/1.1 are refused unless listed (FACTS.md [M1]).
    unset: unsetMeans("1.2", "unsetDefault12"),
    needsCreatedTime: () => false,
  },
  retirementId: "mysql-flexible-tls10-11",
  catalog: mySqlCatalog,
  // `tls_version` is read per server through the configurations API (8 in flight per subscription). On the
  // Resource Graph path the servers come from Graph's rows and only this read goes through ARM: Resource
  // Graph does not expose server parameters (server-parameter.ts, `graphDetail`).
  reading: "list-then-detail",
  implementation: async () => (await import("./mysql-kind.ts")).mySqlKind,
  simulator: async () => (await import("./mysql-sim.ts")).mySqlSim,
};
