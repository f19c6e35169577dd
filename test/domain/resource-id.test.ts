import { describe, expect, it } from "vitest";
import { parseArmId, resourceKey } from "../../src/domain/resource.ts";

describe("ARM ids", () => {
  it("compare case-insensitively and ignore a trailing slash", () => {
    expect(resourceKey("/subscriptions/AB/resourceGroups/RG/providers/Microsoft.Cache/Redis/X/")).toBe(
      resourceKey("/subscriptions/ab/resourcegroups/rg/providers/microsoft.cache/redis/x"),
    );
  });
  it("parse whatever the casing of the segment names", () => {
    expect(parseArmId("/SUBSCRIPTIONS/s1/RESOURCEGROUPS/rg-1/providers/Microsoft.Devices/IotHubs/hub1")).toEqual({
      subscriptionId: "s1", resourceGroup: "rg-1", provider: "Microsoft.Devices", type: "Microsoft.Devices/IotHubs", name: "hub1",
    });
    expect(parseArmId("/subscriptions/s1/providers/Microsoft.Cache/redis")).toBeNull();
  });
});

describe("child resource ids", () => {
  it("parse App Service slots as ARM names them", () => {
    expect(parseArmId("/subscriptions/s1/resourceGroups/rg/providers/Microsoft.Web/sites/app1/slots/staging")).toEqual({
      subscriptionId: "s1", resourceGroup: "rg", provider: "Microsoft.Web", type: "Microsoft.Web/sites/slots", name: "app1/staging",
    });
    expect(parseArmId("/subscriptions/s1/resourceGroups/rg/providers/Microsoft.Web/sites/app1/slots")).toBeNull();
  });
});
