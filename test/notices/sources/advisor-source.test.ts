import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadTenantFile } from "../../../src/azure/simulator/index.ts";
import { DEMO_TENANT_FILE } from "../../../src/cli/runtime.ts";
import { evidenceOf } from "../../../src/notices/apply/retirement-evidence.ts";
import { advisorSource } from "../../../src/notices/sources/advisor/advisor-source.ts";
import { recommendationFrom } from "../../../src/notices/sources/advisor/advisor-retirement.ts";
import { serviceHealthSource } from "../../../src/notices/sources/service-health/service-health-source.ts";
import { readFileSync } from "node:fs";
import { ingestMessage, type IngestResult } from "../../../src/notices/ingest/ingest-message.ts";
import { scanFixture, type ScanFixture } from "../../support/scan-fixture.ts";

const now = () => new Date("2026-11-01T00:00:00Z");
const names = (ids: readonly string[] | undefined) => (ids ?? []).map((id) => id.split("/").pop()).sort();
const byFeature = (results: readonly IngestResult[]) => new Map(results.map((r) => [r.notice.source.replace(/^advisor:/, ""), r]));

const REDIS = "TLS 1.0 and 1.1 for Azure Cache for Redis";
const STORAGE = "TLS 1.0 and 1.1 support for Azure Storage";
const ASE = "App Service Environment v2";

describe("Azure Advisor service-retirement recommendations through Resource Graph (simulator)", () => {
  let fx: ScanFixture;
  beforeAll(async () => {
    fx = await scanFixture({ tenant: await loadTenantFile(DEMO_TENANT_FILE) });
  });
  afterAll(async () => { await fx.close(); });

  it("a mail, a Service Health advisory and Advisor's recommendations make one retirement with all their evidence; no deadline moves", async () => {
    const mail = await ingestMessage(fx.store, {
      bytes: readFileSync(new URL("../corpus/en-redis-action-required.eml", import.meta.url)), source: "file:en-redis-action-required.eml", receivedAt: now().toISOString(),
    }, { now });
    expect(mail.notice.retirementIds).toEqual(["redis-tls10-11"]);
    await serviceHealthSource(fx.clients).poll({ store: fx.store, options: { now } });
    const redisBefore = await fx.store.getRetirement("redis-tls10-11");
    const r = await advisorSource(fx.clients).poll({ store: fx.store, options: { now } });
    const got = byFeature(r.results);
    // One notice per retirement (not per resource); the upgrade without a retiring feature and the cost
    // recommendation are not retirements.
    expect([...got.keys()].sort()).toEqual([ASE, STORAGE, REDIS].sort());

    // Joined by Tracking ID with the Service Health advisory: the same retirement, evidence from both.
    expect(got.get(REDIS)!.notice).toMatchObject({ status: "applied", reason: "advisorEvidence", retirementIds: ["redis-tls10-11"] });
    const redis = await fx.store.getRetirement("redis-tls10-11");
    expect(redis?.deadline).toBe(redisBefore?.deadline);
    expect(redis?.source).toBe(redisBefore?.source);
    const redisEvidence = evidenceOf(redis!);
    expect(redisEvidence.map((e) => [e.kind, e.ref])).toEqual([["mail", `notice:${mail.notice.id}`], ["serviceHealth", expect.stringMatching(/^notice:/)], ["advisor", `notice:${got.get(REDIS)!.notice.id}`]]);
    expect(redisEvidence[2]).toMatchObject({ trackingId: "SV4K-R7Q", date: "2025-03-01" });
    expect(names(redisEvidence[2]!.resourceIds)).toEqual(["redis-cart-prod", "redis-session-prod"]);

    // No Tracking ID: joined by the catalog service of the impacted resources, across subscriptions.
    expect(got.get(STORAGE)!.notice).toMatchObject({ status: "applied", reason: "advisorEvidence", retirementIds: ["storage-tls10-11"] });
    const storage = await fx.store.getRetirement("storage-tls10-11");
    expect(storage).toMatchObject({ deadline: "2026-02-03", source: "catalog" });
    expect(names(evidenceOf(storage!)[0]?.resourceIds)).toEqual(["stcommerceprod01", "stdatalakestg"]);

    // A retirement that is not about TLS is recorded and left alone.
    expect(got.get(ASE)!.notice).toMatchObject({ status: "ignored", reason: "notTls" });
    // Tenant-wide in one Resource Graph query; the per-subscription API was not needed.
    const calls = fx.sim.requests.filter((q) => /ResourceGraph|Advisor/i.test(q.path));
    expect(calls.slice(-1).map((q) => [q.path.includes("ResourceGraph"), q.status])).toEqual([[true, 200]]);
    expect(calls.some((q) => /Microsoft\.Advisor/i.test(q.path))).toBe(false);
  });

  it("polling again is a duplicate; a new date is a new notice that is called out and still moves nothing", async () => {
    const again = await advisorSource(fx.clients).poll({ store: fx.store, options: { now } });
    expect(again.results.every((x) => x.duplicate)).toBe(true);

    for (const s of fx.sim.state.subscriptions) for (const rec of s.advisorRecommendations) {
      if (rec.retirementFeatureName === STORAGE) rec.retirementDate = "2027-02-03";
    }
    const moved = await advisorSource(fx.clients).poll({ store: fx.store, options: { now } });
    const fresh = moved.results.filter((x) => !x.duplicate);
    expect(fresh.map((x) => [x.notice.source, x.notice.status, x.notice.reason])).toEqual([[`advisor:${STORAGE}`, "applied", "advisorDateDiffers"]]);
    const storage = await fx.store.getRetirement("storage-tls10-11");
    expect(storage?.deadline).toBe("2026-02-03");
    // The newer reading replaces the older one: one Advisor entry, with the date Advisor now gives.
    expect(evidenceOf(storage!).filter((e) => e.kind === "advisor").map((e) => e.date)).toEqual(["2027-02-03"]);
  });

  it("a TLS retirement with no Tracking ID or service in common goes to review", async () => {
    const sub = fx.sim.state.subscriptions[0]!;
    sub.advisorRecommendations.push({
      name: "0f6b1c2d-9999-4a5b-8c9d-000000000001", recommendationTypeId: "1b2c3d4e-0000-4000-8000-00000000beef",
      resourceId: `/subscriptions/${sub.subscriptionId}/resourceGroups/rg-x/providers/Microsoft.Contoso/widgets/w1`,
      category: "HighAvailability", subCategory: "ServiceUpgradeAndRetirement", impact: "High",
      retirementFeatureName: "TLS 1.0 and 1.1 for Contoso Widgets", retirementDate: "2027-01-31", trackingIds: [],
      problem: "Contoso Widgets will stop accepting TLS 1.0 and 1.1", solution: "Use TLS 1.2", lastUpdated: "2026-10-25T00:00:00Z",
    });
    const r = await advisorSource(fx.clients).poll({ store: fx.store, options: { now } });
    const widget = byFeature(r.results.filter((x) => !x.duplicate)).get("TLS 1.0 and 1.1 for Contoso Widgets");
    expect(widget?.notice).toMatchObject({ status: "triage", reason: "advisorUnmatched", retirementIds: [] });
    expect((await fx.store.listRetirements()).some((x) => evidenceOf(x).some((e) => e.ref === `notice:${widget!.notice.id}`))).toBe(false);
  });
});

describe("Azure Advisor recommendations per subscription when Resource Graph is unavailable (simulator)", () => {
  let fx: ScanFixture;
  beforeAll(async () => {
    fx = await scanFixture({ tenant: await loadTenantFile(DEMO_TENANT_FILE), graph: { available: false }, pageSize: 1 });
  });
  afterAll(async () => { await fx.close(); });

  it("reads Microsoft.Advisor/recommendations through the Advisor SDK client, page by page, and records the same evidence", async () => {
    const r = await advisorSource(fx.clients).poll({ store: fx.store, options: { now } });
    const got = byFeature(r.results);
    expect([...got.keys()].sort()).toEqual([ASE, STORAGE, REDIS].sort());
    expect(got.get(REDIS)!.notice).toMatchObject({ status: "applied", retirementIds: ["redis-tls10-11"] });
    const redis = await fx.store.getRetirement("redis-tls10-11");
    expect(redis?.deadline).toBe("2025-03-01");
    expect(names(evidenceOf(redis!)[0]?.resourceIds)).toEqual(["redis-cart-prod", "redis-session-prod"]);

    const advisorCalls = fx.sim.requests.filter((q) => /Microsoft\.Advisor\/recommendations/i.test(q.path));
    // The service filters by category; nextLink pages are followed (page size 1).
    expect(advisorCalls.every((q) => /Category(\+|%20| )eq/i.test(q.query))).toBe(true);
    expect(advisorCalls.filter((q) => q.path.includes("11111111") && q.status === 200).length).toBeGreaterThan(1);
    // The subscription the identity cannot read answers 403 and is skipped; the others complete.
    expect(advisorCalls.filter((q) => q.path.includes("44444444")).map((q) => q.status)).toEqual([403]);
  });
});

describe("reading one recommendation", () => {
  it("takes Tracking IDs from extendedProperties or Advisor's retirement metadata, and only of the Service Health shape", () => {
    const base = { category: "HighAvailability", impactedField: "Microsoft.Cache/Redis", resourceMetadata: { resourceId: "/subscriptions/s/resourceGroups/g/providers/Microsoft.Cache/Redis/r" } };
    const ext = (extendedProperties: Record<string, string>) => recommendationFrom("/x", "s", { ...base, extendedProperties: { recommendationSubCategory: "ServiceUpgradeAndRetirement", retirementFeatureName: "TLS 1.0", retirementDate: "2025-03-01", ...extendedProperties } });
    expect(ext({ trackingIds: "SV4K-R7Q, 7_8G-D8Z" }).trackingIds).toEqual(["SV4K-R7Q", "7_8G-D8Z"]);
    expect(ext({ trackingId: "not an id" }).trackingIds).toEqual([]);
    const meta = recommendationFrom("/x", "s", { ...base, extendedProperties: {}, sourceProperties: { serviceRetirement: { serviceHealth: { trackingIds: ["tt8t-tr0"] } } } });
    expect(meta.trackingIds).toEqual(["TT8T-TR0"]);
    expect(ext({ retirementDate: "3/1/2025" }).retirementDate).toBe("2025-03-01");
  });
});
