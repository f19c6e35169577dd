import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getByIdOrNull, writeById } from "../../../src/azure/kinds/arm-generic.ts";
import { appGatewayDefinition } from "../../../src/azure/kinds/appgateway/appgateway-definition.ts";
import { composePolicies, lowestPolicy } from "../../../src/azure/kinds/appgateway/appgateway-policies.ts";
import { APP_GATEWAY_API_VERSION, appGatewayKind } from "../../../src/azure/kinds/appgateway/appgateway-kind.ts";
import { runScan, type ScanOutcome } from "../../../src/azure/scan/run-scan.ts";
import { parseTenant } from "../../../src/azure/simulator/index.ts";
import { createEngine } from "../../../src/conversation/engine.ts";
import { present } from "../../../src/render/present.ts";
import { scanFixture, type ScanFixture } from "../../support/scan-fixture.ts";

const SUB = "a9a90000-0000-4000-8000-000000000001";
const RG = "rg-edge";
const TYPE = "Microsoft.Network/applicationGateways";
const NOW = new Date("2026-11-26T03:00:00Z");
const GRAPH_PATH = "/providers/Microsoft.ResourceGraph/resources";
const idOf = (name: string) => `/subscriptions/${SUB}/resourceGroups/${RG}/providers/${TYPE}/${name}`;

const predefined = (policyName: string) => ({ policyType: "Predefined", policyName });
const custom = (policyType: string, minProtocolVersion: string) => ({ policyType, minProtocolVersion });
/** An SSL profile as a tenant file holds it; without a policy it is only there for client certificates. */
const profile = (name: string, sslPolicy?: Record<string, unknown>) => ({ name, properties: sslPolicy ? { sslPolicy } : { clientAuthConfiguration: { verifyClientCertIssuerDN: true } } });

const GATEWAYS: Record<string, Record<string, unknown>> = {
  // Compliant gateway-wide; the listener behind "legacy-clients" still accepts TLS 1.0.
  "agw-front": { sslPolicy: predefined("AppGwSslPolicy20170401S"), sslProfiles: [profile("mtls-partners"), profile("legacy-clients", custom("Custom", "TLSv1_0"))] },
  "agw-all12": { sslPolicy: predefined("AppGwSslPolicy20220101"), sslProfiles: [profile("strict", custom("CustomV2", "TLSv1_3")), profile("api", predefined("AppGwSslPolicy20220101S")), profile("mtls")] },
  // A profile without a policy of its own follows the gateway-wide one.
  "agw-inherit": { sslPolicy: predefined("AppGwSslPolicy20150501"), sslProfiles: [profile("mtls")] },
  "agw-older11": { sslPolicy: predefined("AppGwSslPolicy20170401S"), sslProfiles: [profile("b2b", predefined("AppGwSslPolicy20170401")), profile("custom12", custom("Custom", "TLSv1_2"))] },
  // No gateway-wide policy: its default is unknown, but a profile allowing TLS 1.0 settles the minimum.
  "agw-unset-profile10": { sslProfiles: [profile("old", predefined("AppGwSslPolicy20150501"))] },
  "agw-unset-profile12": { sslProfiles: [profile("new", predefined("AppGwSslPolicy20220101"))] },
  "agw-old-all": { sslPolicy: predefined("AppGwSslPolicy20150501"), sslProfiles: [profile("b2b", predefined("AppGwSslPolicy20170401")), profile("mtls")] },
};

/** What tlsbot must conclude from each gateway, on either scan path. */
const EXPECTED = {
  "agw-front": { effectiveTls: "1.0", configuredTls: "1.0", status: "overdue", reason: "configured", lowest: { setting: "sslProfile", name: "legacy-clients", version: "1.0" } },
  "agw-all12": { effectiveTls: "1.2", configuredTls: "1.2", status: "compliant", reason: "configured", lowest: { setting: "sslPolicy", name: null, version: "1.2" } },
  "agw-inherit": { effectiveTls: "1.0", configuredTls: "1.0", status: "overdue", reason: "configured", lowest: { setting: "sslPolicy", name: null, version: "1.0" } },
  "agw-older11": { effectiveTls: "1.1", configuredTls: "1.1", status: "overdue", reason: "configured", lowest: { setting: "sslProfile", name: "b2b", version: "1.1" } },
  "agw-unset-profile10": { effectiveTls: "1.0", configuredTls: "1.0", status: "overdue", reason: "configured", lowest: { setting: "sslProfile", name: "old", version: "1.0" } },
  "agw-unset-profile12": { effectiveTls: "unknown", configuredTls: null, status: "unknown", reason: "unsetUnknown", lowest: undefined },
  "agw-old-all": { effectiveTls: "1.0", configuredTls: "1.0", status: "overdue", reason: "configured", lowest: { setting: "sslPolicy", name: null, version: "1.0" } },
} as const;

/** Application Gateway SSL profiles (listener-specific TLS policies): read on both paths, raised with the gateway. */
describe("Application Gateway SSL profiles", () => {
  let fx: ScanFixture;
  beforeAll(async () => {
    const tenant = parseTenant({
      tenantId: "agw-profiles",
      subscriptions: [{
        subscriptionId: SUB, displayName: "edge",
        resources: Object.entries(GATEWAYS).map(([name, properties]) => ({ type: TYPE, resourceGroup: RG, name, location: "japaneast", properties })),
      }],
    });
    fx = await scanFixture({ tenant });
  }, 60_000);
  afterAll(async () => fx?.close());

  const scan = async (source: "arm" | "graph"): Promise<ScanOutcome> => {
    fx.sim.clearRequests();
    return runScan({ clients: fx.clients, store: fx.store, now: () => NOW }, { source, kinds: ["appgateway"], concurrency: 2, timeoutMs: 30_000 });
  };
  const gateway = async (name: string) => ((await getByIdOrNull(fx.clients, idOf(name), APP_GATEWAY_API_VERSION))?.properties ?? {}) as Record<string, unknown>;
  const writes = () => fx.sim.requests.filter((r) => r.method === "PUT" || r.method === "PATCH");

  it.each(["arm", "graph"] as const)("reads a gateway's minimum as the lowest of its gateway-wide policy and its SSL profiles' policies (%s)", async (source) => {
    const out = await scan(source);
    expect(out.errors).toEqual([]);
    for (const [name, want] of Object.entries(EXPECTED)) {
      const f = out.resources.find((r) => r.name === name);
      expect(f, name).toMatchObject({ effectiveTls: want.effectiveTls, configuredTls: want.configuredTls, status: want.status, reason: want.reason });
      expect(f?.extra["lowestSetting"], name).toEqual(want.lowest);
    }
    // The Graph path reads the profiles from Graph's rows: no ARM listing of the gateways.
    if (source === "graph") {
      expect(fx.sim.requests.some((r) => r.method === "POST" && r.path === GRAPH_PATH)).toBe(true);
      expect(fx.sim.requests.filter((r) => r.method === "GET" && r.path.toLowerCase().includes("/applicationgateways"))).toEqual([]);
    }
  });

  it("names the profile that gives the minimum on the detail card, in both languages", async () => {
    await scan("arm");
    const engine = createEngine({ store: fx.store, now: () => NOW });
    const reply = await engine.handle({ actor: { platform: "web", id: "u1" }, conversationId: "c1", text: "agw-front" });
    expect(reply.view.type).toBe("resourceDetail");
    expect(present(reply.view, "en").facts).toContainEqual({ label: "Lowest setting", value: "SSL profile “legacy-clients” (TLS 1.0)" });
    expect(present(reply.view, "ja").facts).toContainEqual({ label: "TLS が最も低い設定", value: "SSL プロファイル「legacy-clients」(TLS 1.0)" });
    expect(present(reply.view, "en").facts).toContainEqual(expect.objectContaining({ value: expect.stringContaining("sslProfiles[legacy-clients]: policyType=Custom;minProtocolVersion=TLSv1_0") }));
  });

  it("raises the profile below 1.2 in one PUT, with a policy of the generation the gateway keeps, and leaves the rest as it was", async () => {
    fx.sim.clearRequests();
    await appGatewayKind.upgrade.apply(fx.clients, (await appGatewayKind.upgrade.read(fx.clients, idOf("agw-front")))!, "1.2", async () => {});
    expect(writes().map((r) => `${r.method} ${r.path}`)).toEqual([`PUT ${idOf("agw-front")}`]);
    const after = await gateway("agw-front");
    expect(after["sslPolicy"]).toEqual(predefined("AppGwSslPolicy20170401S"));
    expect((after["sslProfiles"] as Array<{ name: string; properties: Record<string, unknown> }>).map((p) => [p.name, p.properties["sslPolicy"] ?? null])).toEqual([
      ["mtls-partners", null],
      // AppGwSslPolicy20220101 beside the gateway-wide 20170401S would be refused (ApplicationGatewaySslPolicyMisMatch).
      ["legacy-clients", predefined("AppGwSslPolicy20170401S")],
    ]);
    const reread = (await appGatewayKind.upgrade.read(fx.clients, idOf("agw-front")))!;
    expect(appGatewayDefinition.tls.parse(reread.rawTls)).toEqual({ kind: "version", version: "1.2" });
  });

  it("raises every policy below 1.2 — gateway-wide and profiles — to AppGwSslPolicy20220101 when no older policy stays, and keeps profiles without a policy as they were", async () => {
    fx.sim.clearRequests();
    await appGatewayKind.upgrade.apply(fx.clients, (await appGatewayKind.upgrade.read(fx.clients, idOf("agw-old-all")))!, "1.2", async () => {});
    expect(writes()).toHaveLength(1);
    const after = await gateway("agw-old-all");
    expect(after["sslPolicy"]).toEqual(predefined("AppGwSslPolicy20220101"));
    expect((after["sslProfiles"] as Array<{ name: string; properties: Record<string, unknown> }>).map((p) => [p.name, p.properties["sslPolicy"] ?? null, p.properties["clientAuthConfiguration"] ?? null])).toEqual([
      ["b2b", predefined("AppGwSslPolicy20220101"), null],
      ["mtls", null, { verifyClientCertIssuerDN: true }],
    ]);
  });

  it("leaves a profile already at 1.2 untouched while raising its sibling, and writes nothing else", async () => {
    fx.sim.clearRequests();
    await appGatewayKind.upgrade.apply(fx.clients, (await appGatewayKind.upgrade.read(fx.clients, idOf("agw-older11")))!, "1.2", async () => {});
    expect(writes()).toHaveLength(1);
    const after = await gateway("agw-older11");
    expect(after["sslPolicy"]).toEqual(predefined("AppGwSslPolicy20170401S"));
    expect((after["sslProfiles"] as Array<{ name: string; properties: Record<string, unknown> }>).map((p) => [p.name, p.properties["sslPolicy"]])).toEqual([
      ["b2b", predefined("AppGwSslPolicy20170401S")],
      ["custom12", custom("Custom", "TLSv1_2")],
    ]);
  });

  it("sets the gateway-wide policy too when it was never set, since its default may be TLS 1.0", async () => {
    fx.sim.clearRequests();
    await appGatewayKind.upgrade.apply(fx.clients, (await appGatewayKind.upgrade.read(fx.clients, idOf("agw-unset-profile10")))!, "1.2", async () => {});
    const after = await gateway("agw-unset-profile10");
    expect(after["sslPolicy"]).toEqual(predefined("AppGwSslPolicy20220101"));
    expect((after["sslProfiles"] as Array<{ properties: Record<string, unknown> }>)[0]!.properties["sslPolicy"]).toEqual(predefined("AppGwSslPolicy20220101"));
  });

  it("simulates Azure's refusal of a gateway mixing 2022 policies with older ones, changing nothing", async () => {
    const before = await getByIdOrNull(fx.clients, idOf("agw-all12"), APP_GATEWAY_API_VERSION);
    const props = before!.properties as Record<string, unknown>;
    const mixed = { ...before, properties: { ...props, sslProfiles: [...(props["sslProfiles"] as unknown[]), profile("legacy", predefined("AppGwSslPolicy20150501"))] } };
    const res = await writeById(fx.clients, idOf("agw-all12"), APP_GATEWAY_API_VERSION, "createOrUpdate", mixed, async () => {}, undefined).catch((e: unknown) => e);
    expect(res).toMatchObject({ statusCode: 400, code: "ApplicationGatewaySslPolicyMisMatch" });
    expect((await gateway("agw-all12"))["sslProfiles"]).toHaveLength(3);
  });
});

describe("Application Gateway policies as the scan records them", () => {
  const read = (properties: Record<string, unknown>) => appGatewayDefinition.tls.parse(composePolicies(properties));

  it("records a gateway without SSL profiles as it always did, so stored findings do not change", () => {
    expect(composePolicies({ sslPolicy: predefined("AppGwSslPolicy20150501"), sslProfiles: [] })).toBe("policyType=Predefined;policyName=AppGwSslPolicy20150501");
    expect(composePolicies({})).toBeNull();
  });

  it("never reads a policy it cannot read as compliant, unless another already allows TLS 1.0", () => {
    expect(read({ sslPolicy: predefined("AppGwSslPolicy20220101"), sslProfiles: [profile("odd", predefined("AppGwSslPolicy20990101"))] }).kind).toBe("unrecognised");
    expect(read({ sslPolicy: predefined("AppGwSslPolicy20990101"), sslProfiles: [profile("old", custom("Custom", "TLSv1_0"))] })).toEqual({ kind: "version", version: "1.0" });
    expect(read({ sslPolicy: predefined("AppGwSslPolicy20220101"), sslProfiles: { name: "not-a-list" } }).kind).toBe("unrecognised");
    expect(read({ sslPolicy: predefined("AppGwSslPolicy20220101"), sslProfiles: ["not-a-profile"] }).kind).toBe("unrecognised");
    // No gateway-wide policy and a profile at 1.1: somewhere between 1.0 and 1.1, so unknown rather than a guess.
    expect(read({ sslProfiles: [profile("b2b", predefined("AppGwSslPolicy20170401"))] }).kind).toBe("unset");
  });

  it("keeps profile names that would break the record apart", () => {
    const raw = composePolicies({ sslPolicy: predefined("AppGwSslPolicy20220101"), sslProfiles: [profile("a | sslPolicy: x", custom("CustomV2", "TLSv1_2"))] });
    expect(appGatewayDefinition.tls.parse(raw)).toEqual({ kind: "version", version: "1.2" });
    expect(lowestPolicy(composePolicies({ sslPolicy: predefined("AppGwSslPolicy20170401S"), sslProfiles: [profile("a | b]: c", predefined("AppGwSslPolicy20150501"))] }))).toEqual({ setting: "sslProfile", name: "a | b]: c", version: "1.0" });
  });
});
