import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApprovals, type Approvals } from "../../../src/approvals/approvals.ts";
import { parseApprovers } from "../../../src/approvals/approvers.ts";
import { loadResourceKinds } from "../../../src/azure/kinds/load-kinds.ts";
import { KIND_DEFINITIONS } from "../../../src/azure/kinds/registry.ts";
import { runScan, type ScanOutcome } from "../../../src/azure/scan/run-scan.ts";
import type { SimKind } from "../../../src/azure/simulator/sim-kind.ts";
import { parseTenant } from "../../../src/azure/simulator/index.ts";
import { createEngine, type Engine } from "../../../src/conversation/engine.ts";
import type { View } from "../../../src/render/view-model.ts";
import { createSqlApprovalStore } from "../../../src/store/sql-approval-store.ts";
import type { SqlExecutor } from "../../../src/store/sql-executor.ts";
import { scanFixture, type ScanFixture } from "../../support/scan-fixture.ts";

const SUB_OK = "a1a1a1a1-0000-4000-8000-000000000001";
const SUB_FORBIDDEN = "a1a1a1a1-0000-4000-8000-000000000002";
const NOW = new Date("2026-11-26T03:00:00Z");
const GRAPH_PATH = "/providers/Microsoft.ResourceGraph/resources";

type Dialog = Extract<View, { type: "approvalDialog" }>;

/**
 * One suite for every registered kind (the hono way: one contract, every implementation). Each kind's
 * simulator module brings samples covering its spellings and its unset case; they are scanned through
 * the real SDK clients on both paths and one at-risk sample is raised through the approval workflow.
 */
describe.each(KIND_DEFINITIONS.map((d) => [d.id, d] as const))("kind contract: %s", (id, def) => {
  let fx: ScanFixture;
  let sim: SimKind;

  beforeAll(async () => {
    sim = await def.simulator();
    const resource = (name: string, properties: Record<string, unknown>, createdTime?: string, type: string = def.armTypes[0]) =>
      ({ type, resourceGroup: "rg-samples", name, location: "japaneast", properties, ...(createdTime ? { createdTime } : {}) });
    const tenant = parseTenant({
      tenantId: "contract",
      subscriptions: [
        { subscriptionId: SUB_OK, displayName: "contract-ok", resources: sim.samples.map((s) => resource(s.name, s.properties, s.createdTime, s.type)) },
        { subscriptionId: SUB_FORBIDDEN, displayName: "contract-forbidden", access: "forbidden", resources: [resource(`${sim.samples[0]!.name}x`, {})] },
      ],
    });
    // Two items a page: every kind's list is followed through nextLink.
    // Writes answer 202 and are polled to the end, as Azure may answer any of them.
    fx = await scanFixture({ tenant, pageSize: 2, redisPatchMode: "202", writeMode: "202" });
  }, 60_000);
  afterAll(async () => fx?.close());

  const scan = async (source: "arm" | "graph"): Promise<ScanOutcome> => {
    fx.sim.clearRequests();
    return runScan({ clients: fx.clients, store: fx.store, now: () => NOW }, { source, kinds: [id], concurrency: 2, timeoutMs: 30_000 });
  };

  it("has samples for every spelling, every ARM type and the unset case", () => {
    for (const t of def.armTypes) expect(sim.samples.some((s) => (s.type ?? def.armTypes[0]) === t), t).toBe(true);
    const raws = sim.samples.map((s) => s.properties);
    for (const spelling of Object.keys(def.tls.spellings)) expect(JSON.stringify(raws), spelling).toContain(JSON.stringify(spelling));
    expect(sim.samples.some((s) => def.tls.parse(null) && Object.values(s.properties).every((v) => v === null || v === undefined || typeof v === "object"))).toBe(true);
    expect(sim.samples.length).toBeGreaterThanOrEqual(3);
  });

  it.each(["arm", "graph"] as const)("scans through the real SDK (%s): every sample as its kind reads it, paging followed, the forbidden subscription reported, read-only", async (source) => {
    const out = await scan(source);
    expect(out.source).toBe(source);
    for (const s of sim.samples) {
      const f = out.resources.find((r) => r.name === s.name);
      expect(f, s.name).toMatchObject({ kind: id, type: s.type ?? def.armTypes[0], effectiveTls: s.expect.effectiveTls, reason: s.expect.reason });
      if (s.expect.effectiveTls === "unknown") expect(f?.status, s.name).toBe("unknown");
    }
    expect(out.resources.filter((r) => r.kind === id)).toHaveLength(sim.samples.length);
    expect(out.errors).toEqual([expect.objectContaining({ subscriptionId: SUB_FORBIDDEN, code: "forbidden" })]);
    const requests = fx.sim.requests;
    expect(requests.filter((r) => r.method !== "GET" && !(r.method === "POST" && r.path === GRAPH_PATH)), "scans never write").toEqual([]);
    if (source === "arm") expect(requests.some((r) => r.query.toLowerCase().includes("skiptoken")), "nextLink followed").toBe(true);
    // A kind read with a second call per resource is read through ARM on the Graph path too.
    else if (def.reading === "list") {
      expect(requests.filter((r) => r.method === "POST")).not.toHaveLength(0);
      // Read from Resource Graph's rows: no per-subscription ARM listing for the subscription Graph answered for.
      expect(requests.filter((r) => r.method === "GET" && r.path.toLowerCase().startsWith(`/subscriptions/${SUB_OK}/providers/`)).map((r) => r.path)).toEqual([]);
    }
  });

  it("raises an at-risk sample to TLS 1.2 through the approval workflow, with one write", async () => {
    await scan("arm");
    let engine: Engine | null = null;
    const approvals: Approvals = createApprovals({
      approvals: createSqlApprovalStore((fx.store as unknown as { exec: SqlExecutor }).exec), store: fx.store, clients: () => fx.clients,
      kinds: await loadResourceKinds(), now: () => NOW, onRecorded: () => engine?.invalidate(),
      policy: { approvers: parseApprovers([`teams:aad-alice@/subscriptions/${SUB_OK}`]).entries, twoPersonScopes: [], dryRunScopes: [], ttlMs: 3600_000 },
    });
    engine = createEngine({ store: fx.store, now: () => NOW, approvals });
    const target = (await fx.store.currentResources()).find((r) => r.kind === id && r.status !== "compliant" && r.status !== "unknown" && r.subscriptionId === SUB_OK);
    expect(target, "an at-risk sample").toBeDefined();
    const actor = { platform: "teams" as const, id: "aad-alice" };
    const act = (verb: string, data: Record<string, unknown>) => engine!.handle({ actor, conversationId: "teams:ops", action: { verb, data }, replyTarget: "activity-1" });
    fx.sim.clearRequests();
    const dialog = (await act("approveUpgrade", { resourceId: target!.id })).view as Dialog;
    expect(dialog.type).toBe("approvalDialog");
    fx.sim.clearRequests();
    const started = await act("confirmUpgrade", { approvalId: dialog.approvalId, token: dialog.token, resourceId: dialog.row.id, target: dialog.target, ack: "true", typedName: dialog.row.name });
    expect(started.view, JSON.stringify(started.view)).toMatchObject({ type: "approvalStatus", state: "applying" });
    await approvals.idle();
    expect(await approvals.get(dialog.approvalId)).toMatchObject({ state: "succeeded" });
    // A write is a PATCH, a PUT or a POST action (Front Door classic's enableHttps); Resource Graph's POST only reads.
    const writes = fx.sim.requests.filter((r) => r.method === "PATCH" || r.method === "PUT" || (r.method === "POST" && r.path !== GRAPH_PATH));
    expect(writes).toHaveLength(1);
    // An accepted write is followed to its end before the approval says it succeeded.
    if (writes[0]!.status === 202 || writes[0]!.status === 201) {
      expect(fx.sim.requests.filter((r) => r.method === "GET" && /\/(operationStatuses|operationResults|operations)\//i.test(r.path)).length, "operation polls").toBeGreaterThan(0);
    }
    // A child resource's name is `parent/child`; its path holds the last part.
    expect(writes[0]!.path.toLowerCase()).toContain(target!.name.split("/").pop()!.toLowerCase());
    expect(await fx.store.getResource(target!.id)).toMatchObject({ effectiveTls: "1.2", status: "compliant" });
    expect(def.tls.parse((await fx.store.getResource(target!.id))!.rawTls)).toEqual({ kind: "version", version: "1.2" });
  }, 60_000);
});
