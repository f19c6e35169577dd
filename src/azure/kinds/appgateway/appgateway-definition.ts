import { exactSpellings, unsetMeans } from "../../../domain/effective-tls.ts";
import type { ParsedTls } from "../../../domain/tls-version.ts";
import type { KindDefinition } from "../kind-definition.ts";

/**
 * Predefined policy names and Custom/CustomV2 `minProtocolVersion` values with the minimum each allows
 * (FACTS.md [G1]): 20150501 → 1.0, 20170401 → 1.1, 20170401S / 20220101 / 20220101S → 1.2.
 */
const spellings = {
  AppGwSslPolicy20150501: "1.0", AppGwSslPolicy20170401: "1.1", AppGwSslPolicy20170401S: "1.2", AppGwSslPolicy20220101: "1.2", AppGwSslPolicy20220101S: "1.2",
  TLSv1_0: "1.0", TLSv1_1: "1.1", TLSv1_2: "1.2", TLSv1_3: "1.3",
} as const;
const one = exactSpellings(spellings);
/** The policy an upgrade sets: the current predefined policy with a 1.2 minimum. */
export const TARGET_POLICY = "AppGwSslPolicy20220101";

/** `policyType=CustomV2;minProtocolVersion=TLSv1_2` / `policyType=Predefined;policyName=…` as the scan records `sslPolicy`. */
export function composePolicy(sslPolicy: unknown): string | null {
  if (sslPolicy === undefined || sslPolicy === null) return null;
  if (typeof sslPolicy !== "object") return `${typeof sslPolicy}:${JSON.stringify(sslPolicy)}`;
  const p = sslPolicy as Record<string, unknown>;
  const parts = (["policyType", "policyName", "minProtocolVersion"] as const).filter((k) => p[k] !== undefined && p[k] !== null).map((k) => `${k}=${String(p[k])}`);
  return parts.length ? parts.join(";") : null;
}

function parsePolicy(raw: string | null): ParsedTls {
  if (raw === null || !raw.includes("=")) return one(raw);
  const fields = new Map(raw.split(";").map((p) => [p.slice(0, p.indexOf("=")), p.slice(p.indexOf("=") + 1)] as const));
  const type = fields.get("policyType")?.toLowerCase();
  // A predefined policy is read by its name; a custom one by its minimum protocol.
  const value = type === "custom" || type === "customv2" ? fields.get("minProtocolVersion") : fields.get("policyName") ?? fields.get("minProtocolVersion");
  const parsed = value === undefined ? null : one(value);
  return parsed && parsed.kind === "version" ? parsed : { kind: "unrecognised", raw };
}

export const appGatewayDefinition: KindDefinition = {
  id: "appgateway",
  armTypes: ["Microsoft.Network/applicationGateways"],
  names: { en: { one: "Application Gateway", other: "Application Gateways" }, ja: { one: "アプリケーション ゲートウェイ", other: "アプリケーション ゲートウェイ" } },
  synonyms: {
    en: ["application gateway", "application gateways", "app gateway", "app gateways", "appgw", "app gw", "waf", "gateway", "gateways"],
    ja: ["アプリケーションゲートウェイ", "アプリ ゲートウェイ", "ゲートウェイ"],
  },
  tls: {
    settings: ["sslPolicy"],
    spellings,
    parse: parsePolicy,
    upgradeValue: TARGET_POLICY,
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
