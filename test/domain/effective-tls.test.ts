import { describe, expect, it } from "vitest";
import { evaluateFinding } from "../../src/domain/evaluate-finding.ts";
import type { ObservedResource } from "../../src/domain/resource.ts";
import { redisDefinition } from "../../src/azure/kinds/redis/redis-definition.ts";
import { iotHubDefinition } from "../../src/azure/kinds/iothub/iothub-definition.ts";

const NOW = new Date("2025-01-15T00:00:00Z");
const redisRetirement = { id: "redis-tls10-11", deadline: "2025-03-01" };

function redis(rawTls: string | null, createdAt: string | null, location = "japaneast"): ObservedResource {
  return {
    id: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Cache/redis/c", kind: "redis", type: "Microsoft.Cache/redis",
    name: "c", subscriptionId: "s", resourceGroup: "rg", location, rawTls, createdAt, tags: {}, extra: {},
  };
}
const hub = (rawTls: string | null): ObservedResource => ({ ...redis(rawTls, null), kind: "iothub", type: "Microsoft.Devices/IotHubs" });

describe("Redis effective TLS", () => {
  it("runs an unset cache created before 2020-01-13 as TLS 1.0", () => {
    const f = evaluateFinding(redis(null, "2019-06-01T00:00:00Z"), redisRetirement, NOW, redisDefinition.tls);
    expect([f.effectiveTls, f.status, f.configuredTls, f.reason]).toEqual(["1.0", "at-risk", null, "redisDefaultBefore2020"]);
  });

  it("runs an unset cache created on or after 2020-01-13 as TLS 1.2", () => {
    expect(evaluateFinding(redis("", "2020-01-13T00:00:00Z"), redisRetirement, NOW, redisDefinition.tls).effectiveTls).toBe("1.2");
    expect(evaluateFinding(redis(null, "2020-01-12T23:59:59Z"), redisRetirement, NOW, redisDefinition.tls).effectiveTls).toBe("1.0");
  });

  it("uses the later sovereign-cloud date (2020-03-13)", () => {
    expect(evaluateFinding(redis(null, "2020-02-01T00:00:00Z", "usgovvirginia"), redisRetirement, NOW, redisDefinition.tls).effectiveTls).toBe("1.0");
    expect(evaluateFinding(redis(null, "2020-02-01T00:00:00Z", "japaneast"), redisRetirement, NOW, redisDefinition.tls).effectiveTls).toBe("1.2");
  });

  it("never calls an unset cache of unknown age compliant", () => {
    const f = evaluateFinding(redis(null, null), redisRetirement, NOW, redisDefinition.tls);
    expect([f.effectiveTls, f.status]).toEqual(["unknown", "unknown"]);
    expect(evaluateFinding(redis(null, "not a date"), redisRetirement, NOW, redisDefinition.tls).status).toBe("unknown");
  });

  it("trusts an explicit value whatever the age", () => {
    expect(evaluateFinding(redis("1.2", "2018-01-01T00:00:00Z"), redisRetirement, NOW, redisDefinition.tls).status).toBe("compliant");
    expect(evaluateFinding(redis("1.1", null), redisRetirement, NOW, redisDefinition.tls).effectiveTls).toBe("1.1");
  });

  it("reports an unknown spelling for review, not as compliant", () => {
    const f = evaluateFinding(redis("TLS9_9", "2023-01-01T00:00:00Z"), redisRetirement, NOW, redisDefinition.tls);
    expect([f.effectiveTls, f.status, f.reason]).toEqual(["unknown", "unknown", "unrecognisedValue"]);
  });
});

describe("IoT Hub effective TLS", () => {
  it("treats an absent minTlsVersion as accepting 1.0", () => {
    expect(evaluateFinding(hub(null), { id: "iot", deadline: "2025-08-31" }, NOW, iotHubDefinition.tls).effectiveTls).toBe("1.0");
  });
  it("treats 1.2 as compliant", () => {
    expect(evaluateFinding(hub("1.2"), { id: "iot", deadline: "2025-08-31" }, NOW, iotHubDefinition.tls).status).toBe("compliant");
  });
});

describe("settings a scan could not read", () => {
  it("are unknown with their own reason, never compliant", () => {
    const f = evaluateFinding({ ...hub("unreadable:config/web 403") }, { id: "iot", deadline: "2025-08-31" }, NOW, iotHubDefinition.tls);
    expect([f.effectiveTls, f.status, f.reason]).toEqual(["unknown", "unknown", "unreadable"]);
  });
});
