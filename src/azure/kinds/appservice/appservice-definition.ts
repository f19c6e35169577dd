import { exactSpellings, unsetMeans } from "../../../domain/effective-tls.ts";
import { compareTls, type ParsedTls, type TlsVersion } from "../../../domain/tls-version.ts";
import type { KindDefinition } from "../kind-definition.ts";

// Microsoft.Web SupportedTlsVersions (REST 2023-12-01): "1.0", "1.1", "1.2", "1.3".
const spellings = { "1.0": "1.0", "1.1": "1.1", "1.2": "1.2", "1.3": "1.3" } as const;
const one = exactSpellings(spellings);
export const APP_SETTINGS = ["minTlsVersion", "scmMinTlsVersion"] as const;
/** A setting left empty runs with the platform default: new apps get 1.2 (FACTS.md [A1]). */
const SETTING_DEFAULT: TlsVersion = "1.2";

/** `minTlsVersion=1.2;scmMinTlsVersion=1.0` as the scan records the two settings of `config/web`. */
export function composeAppTls(values: Readonly<Record<string, unknown>>): string | null {
  const parts = APP_SETTINGS.map((k) => [k, values[k]] as const).filter(([, v]) => v !== undefined && v !== null);
  if (parts.length === 0) return null;
  return parts.map(([k, v]) => `${k}=${typeof v === "string" ? v : `${typeof v}:${JSON.stringify(v)}`}`).join(";");
}

/** The site and its SCM (Kudu) endpoint each have a minimum: the lower one is what a client can use. */
function parseAppTls(raw: string | null): ParsedTls {
  if (raw === null || !raw.includes("=")) return one(raw);
  const values = new Map(raw.split(";").map((p) => [p.slice(0, p.indexOf("=")), p.slice(p.indexOf("=") + 1)] as const));
  if ([...values.keys()].some((k) => !(APP_SETTINGS as readonly string[]).includes(k))) return { kind: "unrecognised", raw };
  let lowest: TlsVersion | null = null;
  for (const setting of APP_SETTINGS) {
    const parsed = values.has(setting) ? one(values.get(setting)!) : { kind: "unset" as const };
    if (parsed.kind === "unrecognised" || parsed.kind === "unreadable" || parsed.kind === "no-minimum") return { kind: "unrecognised", raw };
    const version = parsed.kind === "version" ? parsed.version : SETTING_DEFAULT;
    if (!lowest || compareTls(version, lowest) < 0) lowest = version;
  }
  return { kind: "version", version: lowest! };
}

export const appServiceDefinition: KindDefinition = {
  id: "appservice",
  armTypes: ["Microsoft.Web/sites", "Microsoft.Web/sites/slots"],
  names: { en: { one: "App Service app", other: "App Service apps" }, ja: { one: "App Service アプリ", other: "App Service アプリ" } },
  synonyms: {
    en: ["app service", "app services", "appservice", "web app", "web apps", "webapp", "webapps", "function app", "function apps", "azure functions", "logic app", "logic apps", "deployment slot", "deployment slots", "slot", "slots"],
    ja: ["アプリ サービス", "アプリサービス", "Web アプリ", "Webアプリ", "関数アプリ", "ロジック アプリ", "デプロイ スロット", "スロット"],
  },
  tls: {
    settings: APP_SETTINGS,
    spellings,
    parse: parseAppTls,
    configuredReason: "lowerOfTwoSettings",
    upgradeValue: "1.2",
    // minTlsVersion and scmMinTlsVersion take "1.3" (FACTS.md [A1]).
    highestMinimum: "1.3",
    unset: unsetMeans(SETTING_DEFAULT, "unsetDefault12"),
    needsCreatedTime: () => false,
  },
  retirementId: "appservice-tls10-11",
  // The two settings live in each site's and slot's `config/web`, one GET each after the list on the ARM
  // path (8 in flight per subscription): lists and Graph's `Resources` rows leave `siteConfig` null. On the
  // Resource Graph path they come from the `AppServiceResources` table, whose types include
  // `microsoft.web/sites/config/web` and `microsoft.web/sites/slots/config/web`
  // (https://learn.microsoft.com/azure/governance/resource-graph/reference/supported-tables-resources);
  // a site or slot whose row is missing or lacks either setting is read with the same GET, so a row Graph
  // does not carry never reads as "unset" (1.2). ⚠ Microsoft's App Service TLS article says Resource Graph
  // does not return `siteConfig` and points to Azure Policy for audits at scale
  // (https://learn.microsoft.com/azure/app-service/tls-minimum-version, 2026-03-30): that is about the
  // site rows; should the config rows lack the settings, this path falls back to one GET per app.
  reading: "list-then-detail",
  implementation: async () => (await import("./appservice-kind.ts")).appServiceKind,
  simulator: async () => (await import("./appservice-sim.ts")).appServiceSim,
};
