import { unsetMeans } from "../../../domain/effective-tls.ts";
import type { KindDefinition } from "../kind-definition.ts";
import { parsePolicies, POLICY_SPELLINGS, TARGET_POLICY } from "./appgateway-policies.ts";

export const appGatewayDefinition: KindDefinition = {
  id: "appgateway",
  armTypes: ["Microsoft.Network/applicationGateways"],
  names: { en: { one: "Application Gateway", other: "Application Gateways" }, ja: { one: "アプリケーション ゲートウェイ", other: "アプリケーション ゲートウェイ" } },
  synonyms: {
    en: ["application gateway", "application gateways", "app gateway", "app gateways", "appgw", "app gw", "waf", "gateway", "gateways"],
    ja: ["アプリケーションゲートウェイ", "アプリ ゲートウェイ", "ゲートウェイ"],
  },
  tls: {
    // Each HTTPS listener uses its SSL profile's policy when the profile has one, the gateway-wide one otherwise:
    // the minimum is the lowest of them (appgateway-policies.ts).
    settings: ["sslPolicy", "sslProfiles[].sslPolicy"],
    spellings: POLICY_SPELLINGS,
    parse: parsePolicies,
    upgradeValue: TARGET_POLICY,
    // A Custom/CustomV2 policy takes minProtocolVersion TLSv1_3 (FACTS.md [G1]).
    highestMinimum: "1.3",
    // No policy: the default was fixed by the API version used at creation (< 2023-02-01 → 1.0, later → 1.2),
    // which ARM does not report. Unknown with the reason, never compliant without evidence.
    unset: unsetMeans("unknown", "unsetUnknown"),
    needsCreatedTime: () => false,
  },
  retirementId: "appgateway-tls10-11",
  reading: "list",
  implementation: async () => (await import("./appgateway-kind.ts")).appGatewayKind,
  simulator: async () => (await import("./appgateway-sim.ts")).appGatewaySim,
};
