import { exactSpellings, unsetMeans } from "../../../domain/effective-tls.ts";
import type { KindDefinition } from "../kind-definition.ts";

// Microsoft.Cdn AfdMinimumTlsVersion (REST 2024-02-01): "TLS10", "TLS12" (FACTS.md [F3]).
const spellings = { TLS10: "1.0", TLS12: "1.2" } as const;

/** Profile skus of Front Door Standard/Premium (lower-cased); the rest of `Microsoft.Cdn/profiles` is classic CDN. */
export const AFD_SKUS: ReadonlySet<string> = new Set(["standard_azurefrontdoor", "premium_azurefrontdoor"]);

export const frontDoorDefinition: KindDefinition = {
  id: "frontdoor",
  armTypes: ["Microsoft.Cdn/profiles/customDomains"],
  names: { en: { one: "Front Door custom domain", other: "Front Door custom domains" }, ja: { one: "Front Door カスタム ドメイン", other: "Front Door カスタム ドメイン" } },
  synonyms: {
    en: ["front door", "frontdoor", "afd", "azure front door", "front door domain", "front door domains", "custom domain", "custom domains", "cdn domain", "cdn domains"],
    ja: ["フロントドア", "フロント ドア", "カスタム ドメイン", "カスタムドメイン"],
  },
  tls: {
    settings: ["tlsSettings.minimumTlsVersion"],
    spellings,
    parse: exactSpellings(spellings),
    upgradeValue: "TLS12",
    // TLS12 is the highest minimum (FACTS.md [F3]).
    highestMinimum: "1.2",
    // The API's default for a custom domain's minimum is TLS12.
    unset: unsetMeans("1.2", "unsetDefault12"),
    needsCreatedTime: () => false,
  },
  retirementId: "frontdoor-tls10-11",
  // Resource Graph's Resources table holds custom domains (`microsoft.cdn/profiles/customdomains`) with their
  // `tlsSettings`, so the Graph path reads them from its rows; the ARM path lists them per profile (one
  // more GET per Standard/Premium profile).
  reading: "list",
  implementation: async () => (await import("./frontdoor-kind.ts")).frontDoorKind,
  simulator: async () => (await import("./frontdoor-sim.ts")).frontDoorSim,
};
