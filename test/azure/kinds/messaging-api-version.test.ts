import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getByIdOrNull } from "../../../src/azure/kinds/arm-generic.ts";
import { eventHubsKind } from "../../../src/azure/kinds/eventhubs/eventhubs-kind.ts";
import { serviceBusKind } from "../../../src/azure/kinds/servicebus/servicebus-kind.ts";
import { parseTenant } from "../../../src/azure/simulator/index.ts";
import { scanFixture, type ScanFixture } from "../../support/scan-fixture.ts";

const SUB = "e4e4e4e4-0000-4000-8000-000000000001";
const RG = "rg-messaging";
const idOf = (type: string, name: string) => `/subscriptions/${SUB}/resourceGroups/${RG}/providers/${type}/${name}`;

/**
 * `minimumTlsVersion` is part of the Event Hubs and Service Bus namespace contract only from api-version
 * 2022-01-01-preview on (first stable: 2024-01-01); the 2021-11-01 namespace schema has no such property
 * (azure-rest-api-specs, Microsoft.EventHub|ServiceBus stable/2021-11-01 vs stable/2024-01-01). Read or
 * written through an older api-version, a namespace set to 1.2 looks unset (→ 1.0) and a raise is dropped.
 */
describe.each([
  ["eventhubs", eventHubsKind, "Microsoft.EventHub/namespaces"],
  ["servicebus", serviceBusKind, "Microsoft.ServiceBus/namespaces"],
] as const)("%s: the TLS minimum is read and written through an api-version that has it", (_id, kind, type) => {
  let fx: ScanFixture;
  beforeAll(async () => {
    const ns = (name: string, properties: Record<string, unknown>) => ({ type, resourceGroup: RG, name, location: "japaneast", properties });
    fx = await scanFixture({
      tenant: parseTenant({ tenantId: "messaging", subscriptions: [{ subscriptionId: SUB, displayName: "messaging", resources: [ns("ns-12", { minimumTlsVersion: "1.2" }), ns("ns-10", { minimumTlsVersion: "1.0" })] }] }),
    });
  }, 60_000);
  afterAll(async () => fx?.close());

  it("the simulator answers 2021-11-01 without the property, as that version's schema has none", async () => {
    const old = await getByIdOrNull(fx.clients, idOf(type, "ns-12"), "2021-11-01");
    expect(old?.properties).not.toHaveProperty("minimumTlsVersion");
  });

  it("lists a namespace set to 1.2 as 1.2, not as unset", async () => {
    const found = await kind.listInSubscription(fx.clients, SUB, new AbortController().signal);
    expect(found.find((r) => r.name === "ns-12")).toMatchObject({ rawTls: "1.2" });
    expect(found.find((r) => r.name === "ns-10")).toMatchObject({ rawTls: "1.0" });
  });

  it("raises a namespace so that the new minimum is what Azure then reports", async () => {
    const before = await kind.upgrade.read(fx.clients, idOf(type, "ns-10"));
    expect(before?.rawTls).toBe("1.0");
    await kind.upgrade.apply(fx.clients, before!, "1.2", async () => {});
    expect((await kind.upgrade.read(fx.clients, idOf(type, "ns-10")))?.rawTls).toBe("1.2");
  });
});
