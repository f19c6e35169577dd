import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getByIdOrNull } from "../../../src/azure/kinds/arm-generic.ts";
import { frontDoorClassicKind } from "../../../src/azure/kinds/frontdoorclassic/frontdoorclassic-kind.ts";
import { FRONT_DOOR_CLASSIC_API_VERSION } from "../../../src/azure/kinds/frontdoorclassic/frontdoorclassic-upgrade.ts";
import { parseTenant } from "../../../src/azure/simulator/index.ts";
import { scanFixture, type ScanFixture } from "../../support/scan-fixture.ts";

const SUB = "fdc00000-0000-4000-8000-000000000001";
const RG = "rg-fd";
const TYPE = "Microsoft.Network/frontDoors/frontendEndpoints";
const VAULT = `/subscriptions/${SUB}/resourceGroups/${RG}/providers/Microsoft.KeyVault/vaults/kv-certs`;
const idOf = (name: string) => `/subscriptions/${SUB}/resourceGroups/${RG}/providers/Microsoft.Network/frontDoors/${name.replace("/", "/frontendEndpoints/")}`;
const keyVaultHttps = (minimumTlsVersion: string) => ({
  certificateSource: "AzureKeyVault", protocolType: "ServerNameIndication", minimumTlsVersion,
  keyVaultCertificateSourceParameters: { vault: { id: VAULT }, secretName: "portal-cert", secretVersion: "0a1b2c" },
});

/** The enableHttps write beyond the kind contract: certificate settings kept, resume after a restart, no HTTPS refused. */
describe("Front Door (classic) enableHttps", () => {
  let fx: ScanFixture;
  beforeAll(async () => {
    const endpoint = (name: string, properties: Record<string, unknown>) => ({ type: TYPE, resourceGroup: RG, name, location: "global", properties });
    const tenant = parseTenant({
      tenantId: "fdc",
      subscriptions: [{
        subscriptionId: SUB, displayName: "fdc", resources: [
          endpoint("fd-portal/portal", { hostName: "portal.contoso.example", customHttpsConfiguration: keyVaultHttps("1.0") }),
          endpoint("fd-portal/later", { hostName: "later.contoso.example", customHttpsConfiguration: keyVaultHttps("1.0") }),
          endpoint("fd-portal/plain", { hostName: "plain.contoso.example" }),
        ],
      }],
    });
    fx = await scanFixture({ tenant, asyncPollsBeforeDone: 2 });
  }, 60_000);
  afterAll(async () => fx?.close());

  const observed = async (name: string) => (await frontDoorClassicKind.upgrade.read(fx.clients, idOf(name)))!;
  const posts = () => fx.sim.requests.filter((r) => r.method === "POST");

  it("raises a Key Vault certificate endpoint to 1.2 and sends its certificate settings back unchanged", async () => {
    fx.sim.clearRequests();
    const operations: string[] = [];
    await frontDoorClassicKind.upgrade.apply(fx.clients, await observed("fd-portal/portal"), "1.2", async (op) => void operations.push(op));
    expect(posts().map((r) => r.path)).toEqual([`${idOf("fd-portal/portal")}/enableHttps`]);
    expect(operations).toHaveLength(1);
    const after = await getByIdOrNull(fx.clients, idOf("fd-portal/portal"), FRONT_DOOR_CLASSIC_API_VERSION);
    expect((after?.properties as Record<string, unknown>)["customHttpsConfiguration"]).toEqual(keyVaultHttps("1.2"));
    expect((await observed("fd-portal/portal")).rawTls).toBe("1.2");
  });

  it("finishes an operation a previous process started, without sending it again", async () => {
    fx.sim.clearRequests();
    let saved = "";
    // The process "dies" right after Azure accepted the action: the poller's state is all that is left.
    const crashed = frontDoorClassicKind.upgrade.apply(fx.clients, await observed("fd-portal/later"), "1.2", async (op) => {
      saved = op;
      throw new Error("process stopped");
    });
    await expect(crashed).rejects.toThrow("process stopped");
    expect((await observed("fd-portal/later")).rawTls).toBe("1.0");
    await frontDoorClassicKind.upgrade.resume(fx.clients, idOf("fd-portal/later"), saved);
    expect(posts()).toHaveLength(1);
    expect((await observed("fd-portal/later")).rawTls).toBe("1.2");
  });

  it("refuses an endpoint without HTTPS settings and sends nothing", async () => {
    fx.sim.clearRequests();
    const plain = await observed("fd-portal/plain");
    expect(plain.rawTls).toBeNull();
    await expect(frontDoorClassicKind.upgrade.apply(fx.clients, plain, "1.2", async () => {})).rejects.toThrow(/HTTPS is not enabled/);
    expect(posts()).toEqual([]);
  });
});
