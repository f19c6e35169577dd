import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { frontDoorKind } from "../../../src/azure/kinds/frontdoor/frontdoor-kind.ts";
import { parseTenant } from "../../../src/azure/simulator/index.ts";
import { scanFixture, type ScanFixture } from "../../support/scan-fixture.ts";

const SUB = "fd500000-0000-4000-8000-000000000001";
const RG = "rg-edge";
const DOMAINS = "Microsoft.Cdn/profiles/customDomains";

/** `Microsoft.Cdn/profiles` lists Front Door Standard/Premium and classic CDN profiles alike. */
describe("Front Door Standard/Premium custom domains on the ARM path", () => {
  let fx: ScanFixture;
  beforeAll(async () => {
    const tenant = parseTenant({
      tenantId: "fd-profiles",
      subscriptions: [{
        subscriptionId: SUB, displayName: "edge", resources: [
          { type: "Microsoft.Cdn/profiles", resourceGroup: RG, name: "afd-prod", location: "global", sku: { name: "Premium_AzureFrontDoor" }, properties: {} },
          { type: DOMAINS, resourceGroup: RG, name: "afd-prod/shop", location: "global", properties: { tlsSettings: { certificateType: "ManagedCertificate", minimumTlsVersion: "TLS10" } } },
          { type: "Microsoft.Cdn/profiles", resourceGroup: RG, name: "cdn-legacy", location: "global", sku: { name: "Standard_Microsoft" }, properties: {} },
          { type: "Microsoft.Cdn/profiles", resourceGroup: RG, name: "cdn-verizon", location: "global", sku: { name: "Standard_Verizon" }, properties: {} },
        ],
      }],
    });
    fx = await scanFixture({ tenant });
  }, 60_000);
  afterAll(async () => fx?.close());

  it("reads the custom domains of Front Door profiles and never asks a classic CDN profile for them", async () => {
    fx.sim.clearRequests();
    const found = await frontDoorKind.listInSubscription(fx.clients, SUB, new AbortController().signal);
    expect(found.map((r) => [r.name, r.rawTls])).toEqual([["afd-prod/shop", "TLS10"]]);
    const asked = fx.sim.requests.filter((r) => /\/customDomains$/i.test(r.path)).map((r) => r.path.split("/profiles/")[1]);
    expect(asked).toEqual(["afd-prod/customDomains"]);
  });
});
