import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadTenantFile } from "../../../src/azure/simulator/index.ts";
import { DEMO_TENANT_FILE } from "../../../src/cli/runtime.ts";
import { advisoriesFromRows } from "../../../src/notices/sources/service-health/service-health-source.ts";
import { serviceHealthSource } from "../../../src/notices/sources/service-health/service-health-source.ts";
import { scanFixture, type ScanFixture } from "../../support/scan-fixture.ts";

const now = () => new Date("2026-11-01T00:00:00Z");

describe("Service Health retirement advisories through Resource Graph (simulator)", () => {
  let fx: ScanFixture;
  beforeAll(async () => {
    fx = await scanFixture({ tenant: await loadTenantFile(DEMO_TENANT_FILE) });
  });
  afterAll(async () => { await fx.close(); });

  it("turns each retirement advisory into a trusted notice with its Tracking ID and impacted resources", async () => {
    const r = await serviceHealthSource(fx.clients).poll({ store: fx.store, options: { now } });
    const byTracking = new Map(r.results.map((x) => [x.parsed?.trackingId, x]));
    expect([...byTracking.keys()].sort()).toEqual(["5TQ2-ZB8", "7N1P-HV0", "SV4K-R7Q"]);

    const redis = byTracking.get("SV4K-R7Q")!;
    expect(redis.notice).toMatchObject({ status: "applied", retirementIds: ["redis-tls10-11"] });
    expect(redis.parsed).toMatchObject({ isTls: true, deadline: "2025-03-01", trust: { trusted: true, reason: "serviceHealth" } });
    expect(redis.parsed?.resourceIds.map((id) => id.split("/").pop())).toEqual(["redis-session-prod", "redis-payments-prod"]);
    const stored = await fx.store.getRetirement("redis-tls10-11");
    expect(stored?.data["trackingIds"]).toContain("SV4K-R7Q");

    expect(byTracking.get("7N1P-HV0")!.notice).toMatchObject({ status: "applied", retirementIds: ["iothub-tls10-11"] });
    // A retirement that is not about TLS is recorded and left alone.
    expect(byTracking.get("5TQ2-ZB8")!.notice).toMatchObject({ status: "ignored", reason: "notTls" });
    // Two Resource Graph queries (events, impacted resources), both accepted by the simulator's KQL subset.
    expect(fx.sim.requests.filter((q) => /ResourceGraph/i.test(q.path)).map((q) => q.status)).toEqual([200, 200]);
  });

  it("polling again is idempotent; an updated advisory is a new notice", async () => {
    const again = await serviceHealthSource(fx.clients).poll({ store: fx.store, options: { now } });
    expect(again.results.every((x) => x.duplicate)).toBe(true);

    const sub = fx.sim.state.subscriptions[0]!;
    const event = sub.serviceHealthEvents.find((e) => e.trackingId === "SV4K-R7Q")!;
    event.lastUpdateTime = "2026-10-30T00:00:00Z";
    event.title = "Update: Azure Cache for Redis TLS 1.0 and 1.1 retirement postponed to 1 March 2027";
    event.summary = "<p>We have postponed the retirement of TLS 1.0 and 1.1 for Azure Cache for Redis to <b>1 March 2027</b>.</p>";
    const updated = await serviceHealthSource(fx.clients).poll({ store: fx.store, options: { now } });
    const fresh = updated.results.filter((x) => !x.duplicate);
    expect(fresh.map((x) => [x.parsed?.trackingId, x.notice.reason])).toEqual([["SV4K-R7Q", "postponed"]]);
    expect((await fx.store.getRetirement("redis-tls10-11"))?.deadline).toBe("2027-03-01");
  });

  it("merges an advisory that several subscriptions received", () => {
    const ev = (sub: string) => ({ id: `/subscriptions/${sub}/providers/Microsoft.ResourceHealth/events/AB12-CD3`, name: "AB12-CD3", subscriptionId: sub,
      properties: { TrackingId: "AB12-CD3", EventSubType: "Retirement", Title: "t", Summary: "s", LastUpdateTime: sub === "a" ? "1730000000000" : "1740000000000" } });
    const imp = (sub: string, rid: string) => ({ id: `/subscriptions/${sub}/providers/Microsoft.ResourceHealth/events/AB12-CD3/impactedResources/1`, subscriptionId: sub, properties: { targetResourceId: rid } });
    const [a, ...rest] = advisoriesFromRows([ev("a"), ev("b")], [imp("a", "/r/1"), imp("b", "/r/2")]);
    expect(rest).toEqual([]);
    expect(a).toMatchObject({ trackingId: "AB12-CD3", subscriptionIds: ["a", "b"], resourceIds: ["/r/1", "/r/2"], lastUpdateTime: new Date(1740000000000).toISOString() });
  });
});
