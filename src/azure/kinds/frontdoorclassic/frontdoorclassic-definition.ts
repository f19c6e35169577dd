import type { KindDefinition } from "../kind-definition.ts";
import { exactSpellings } from "../../../domain/effective-tls.ts";

// Microsoft.Network frontDoors MinimumTLSVersion (REST 2021-06-01): "1.0", "1.2" (FACTS.md, Front Door row).
const spellings = { "1.0": "1.0", "1.2": "1.2" } as const;

/**
 * Azure Front Door (classic): one finding per frontend endpoint, since the minimum is set per endpoint
 * (`customHttpsConfiguration.minimumTlsVersion`) and raised per endpoint (the `enableHttps` action).
 */
export const frontDoorClassicDefinition: KindDefinition = {
  id: "frontdoorclassic",
  armTypes: ["Microsoft.Network/frontDoors/frontendEndpoints"],
  names: {
    en: { one: "Front Door (classic) frontend endpoint", other: "Front Door (classic) frontend endpoints" },
    ja: { one: "Front Door (クラシック) フロントエンド エンドポイント", other: "Front Door (クラシック) フロントエンド エンドポイント" },
  },
  synonyms: {
    en: ["front door classic", "classic front door", "front door (classic)", "afd classic", "classic afd", "frontend endpoint", "frontend endpoints", "front door frontend endpoint", "front door frontend endpoints"],
    ja: ["フロントドア クラシック", "フロントドア (クラシック)", "クラシック フロントドア", "Front Door クラシック", "フロントエンド エンドポイント", "フロントエンドエンドポイント"],
  },
  tls: {
    settings: ["customHttpsConfiguration.minimumTlsVersion"],
    spellings,
    parse: exactSpellings(spellings),
    upgradeValue: "1.2",
    // "1.2" is the highest minimum (FACTS.md, Front Door row).
    highestMinimum: "1.2",
    // No customHttpsConfiguration: either HTTPS is not enabled for the custom domain, the endpoint is the
    // default *.azurefd.net host (whose minimum no setting shows), or the API left it out although HTTPS is
    // enabled (azure-rest-api-specs#32842, FACTS.md [F2]). Microsoft documents 1.2 as the default minimum
    // only for profiles created after September 2019, and the API reports no creation time: unknown, to review.
    unset: () => ({ effectiveTls: "unknown", reason: "unsetUnknown" }),
    needsCreatedTime: () => false,
  },
  // The same retirement as Front Door Standard/Premium: from 2025-03-01 no TLS 1.0/1.1 (FACTS.md [F1–F3]).
  retirementId: "frontdoor-tls10-11",
  // Resource Graph has rows for frontDoors, not for their frontendEndpoints, and the embedded endpoints'
  // customHttpsConfiguration may come back null [F2]: the endpoints are listed per Front Door through ARM
  // (one more GET per Front Door) on the Graph path too.
  reading: "list-then-detail",
  implementation: async () => (await import("./frontdoorclassic-kind.ts")).frontDoorClassicKind,
  simulator: async () => (await import("./frontdoorclassic-sim.ts")).frontDoorClassicSim,
};
