import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createApprovals, type Approvals } from "../../src/approvals/approvals.ts";
import { createDeviceTlsReader } from "../../src/azure/logs/device-tls-reader.ts";
import { parseApprovers } from "../../src/approvals/approvers.ts";
import { runScan } from "../../src/azure/scan/run-scan.ts";
import { RESOURCE_KINDS } from "../../src/azure/kinds/load-kinds.ts";
import { loadTenantFile } from "../../src/azure/simulator/index.ts";
import { DEMO_TENANT_FILE } from "../../src/cli/runtime.ts";
import { createEngine, type Engine, type Reply } from "../../src/conversation/engine.ts";
import type { Command } from "../../src/conversation/command.ts";
import { newToken } from "../../src/approvals/approval-token.ts";
import { resourceKey } from "../../src/domain/resource.ts";
import { createSqlApprovalStore } from "../../src/store/sql-approval-store.ts";
import type { SqlExecutor } from "../../src/store/sql-executor.ts";
import type { View } from "../../src/render/view-model.ts";
import { scanFixture, type ScanFixture } from "../support/scan-fixture.ts";

const SUB_PROD = "11111111-1111-4111-a111-111111111111";
const CART = `/subscriptions/${SUB_PROD}/resourceGroups/rg-commerce-prod/providers/Microsoft.Cache/Redis/redis-cart-prod`;
let clock = new Date("2026-11-26T03:00:00Z");
const now = () => clock;

type Dialog = Extract<View, { type: "approvalDialog" }>;

/** The approval workflow end to end on the simulator through the real SDKs, driven as the engine is. */
describe("upgrade approvals", () => {
  let fx: ScanFixture;
  let engine: Engine;
  let approvals: Approvals;
  let deviceTls: Awaited<ReturnType<typeof createDeviceTlsReader>>;
  let currentPolicy: { twoPerson?: string[]; dryRun?: string[] } = {};
  const { entries } = parseApprovers([`teams:aad-alice@/subscriptions/${SUB_PROD}`, `teams:aad-bob@/subscriptions/${SUB_PROD}/resourceGroups/rg-commerce-prod`, `teams:aad-dave@/subscriptions/${SUB_PROD}`, "slack:U0CAROL@/subscriptions/22222222-2222-4222-a222-222222222222"]);
  const alice = { platform: "teams" as const, id: "aad-alice" };
  const bob = { platform: "teams" as const, id: "aad-bob" };
  const carol = { platform: "slack" as const, id: "U0CAROL" };
  const mallory = { platform: "teams" as const, id: "aad-mallory" };
  /** Approves the whole production subscription, as Alice does: a second approver for any of its caches. */
  const dave = { platform: "teams" as const, id: "aad-dave" };

  const writes = () => fx.sim.requests.filter((r) => r.method === "PATCH" || r.method === "PUT");
  const ask = (actor: Command["actor"], text: string, conversationId = "teams:ops") => engine.handle({ actor, conversationId, text, locale: "en-US" });
  const act = (actor: Command["actor"], verb: string, data: Record<string, unknown>, conversationId = "teams:ops") => engine.handle({ actor, conversationId, action: { verb, data }, replyTarget: "activity-1" });
  const confirm = (actor: Command["actor"], d: Dialog, inputs: Record<string, unknown> = { ack: "true", typedName: d.row.name }, conversationId = "teams:ops") =>
    act(actor, "confirmUpgrade", { approvalId: d.approvalId, token: d.token, resourceId: d.row.id, target: d.target, ...inputs }, conversationId);
  const dialogOf = (r: Reply) => {
    expect(r.view.type).toBe("approvalDialog");
    return r.view as Dialog;
  };
  const audits = async (action: string) => (await fx.store.listAudit(500)).filter((e) => e.action === action);
  /** Someone changes the cache's minimum TLS in Azure (the portal, another tool) after its dialog was shown. */
  const changeInAzure = (id: string, minimumTlsVersion: string) => {
    const cache = fx.sim.state.subscriptions.flatMap((s) => s.resources).find((r) => id.toLowerCase().endsWith(`/${r.name.toLowerCase()}`))!;
    cache.properties = { ...cache.properties, minimumTlsVersion };
  };
  const cancel = (actor: Command["actor"], d: Dialog, token: string = d.token) =>
    act(actor, "cancelUpgrade", { approvalId: d.approvalId, token, resourceId: d.row.id, target: d.target });

  async function freshWorld(policy: { twoPerson?: string[]; dryRun?: string[] } = {}, polls = 2) {
    await fx?.close();
    clock = new Date("2026-11-26T03:00:00Z");
    const tenant = await loadTenantFile(DEMO_TENANT_FILE);
    // The demo tenant plus a few more old caches in production, so each test can take a fresh one.
    const prod = tenant.subscriptions.find((x) => x.subscriptionId === SUB_PROD)!;
    for (let i = 1; i <= 12; i++) prod.resources.push({ type: "Microsoft.Cache/Redis", resourceGroup: "rg-batch-prod", name: `redis-batch-${i}`, location: "japaneast", properties: {}, createdTime: "2018-03-01T00:00:00Z" });
    fx = await scanFixture({ tenant, redisPatchMode: "202", asyncPollsBeforeDone: polls });
    await runScan({ clients: fx.clients, store: fx.store, now }, { source: "arm", concurrency: 4, timeoutMs: 30_000 });
    currentPolicy = policy;
    const workspace = fx.sim.state.logAnalyticsWorkspaces[0]!;
    deviceTls = await createDeviceTlsReader({ credential: fx.clients.connection.credential, workspaceId: workspace, endpoint: `${fx.sim.url}/v1`, ca: fx.clients.connection.ca, staticToken: true });
    approvals = makeApprovals();
    engine = createEngine({ store: fx.store, now, approvals });
    fx.sim.clearRequests();
  }

  function makeApprovals(): Approvals {
    return createApprovals({
      deviceTls,
      approvals: createSqlApprovalStore((fx.store as unknown as { exec: SqlExecutor }).exec), store: fx.store, clients: () => fx.clients, kinds: RESOURCE_KINDS,
      policy: { approvers: entries, twoPersonScopes: currentPolicy.twoPerson ?? [], dryRunScopes: currentPolicy.dryRun ?? [], ttlMs: 24 * 3600_000 }, now,
      onRecorded: () => engine.invalidate(),
    });
  }

  beforeAll(async () => freshWorld(), 60_000);
  afterAll(async () => fx?.close());
  beforeEach(() => {
    fx.sim.clearFaults();
    fx.sim.clearRequests();
  });
  const used = new Set<string>();
  /** A non-compliant cache in the production subscription that no earlier test has touched. */
  async function untouchedCache(): Promise<string> {
    const f = (await fx.store.currentResources()).find((r) => r.kind === "redis" && r.status !== "compliant" && r.subscriptionId === SUB_PROD && !used.has(r.id) && r.id !== CART && !r.name.includes("session"));
    used.add(f!.id);
    return f!.id;
  }

  it("reads 'upgrade X to 1.2' and 「X を 1.2 に上げて」 as an upgrade, not a list, and shows the dialog in the asker's language", async () => {
    const en = dialogOf(await ask(alice, "upgrade redis-cart-prod to 1.2"));
    expect(en.row.name).toBe("redis-cart-prod");
    expect(en.reversible).toBe(false);
    expect(en.sideEffects).toContain("redisFailover");
    const ja = await ask(alice, "redis-cart-prod を 1.2 に上げて");
    expect(ja.lang).toBe("ja");
    expect(dialogOf(ja).row.name).toBe("redis-cart-prod");
    for (const text of ["fix redis-cart-prod", "set redis-cart-prod to TLS 1.2", "redis-cart-prod の最小 TLS を 1.2 に変更"]) {
      expect((await ask(alice, text)).view.type, text).toBe("approvalDialog");
    }
    // Questions about the same resource stay questions.
    expect((await ask(alice, "is redis-cart-prod on 1.2?")).view.type).not.toBe("approvalDialog");
    expect((await ask(alice, "redis-cart-prod の状態")).view.type).toBe("resourceDetail");
    expect(writes()).toEqual([]);
  });

  it("a command naming no resource of the inventory (a typo) says which name it did not find, in the asker's language", async () => {
    for (const [text, lang] of [["upgrade redis-cart-prd to 1.2", "en"], ["redis-cart-prd を 1.2 に上げて", "ja"]] as const) {
      const r = await ask(alice, text);
      expect(r.lang, text).toBe(lang);
      expect(r.view, text).toEqual({ type: "error", code: "resourceNameUnknown", params: { name: "redis-cart-prd" } });
    }
    expect(writes()).toEqual([]);
  });

  it("keeps an approver's long name up to whole characters: a cut through an emoji would fail the request in jsonb", async () => {
    const named = { ...alice, name: `${"x".repeat(79)}😀 (Platform team)` };
    const d = dialogOf(await act(named, "approveUpgrade", { resourceId: await untouchedCache() }));
    expect((await approvals.get(d.approvalId))?.actorNames).toEqual({ "teams:aad-alice": "x".repeat(79) });
  });

  it("applies after the acknowledgement and the typed name, exactly once, and the answers change at once", async () => {
    const d = dialogOf(await act(alice, "approveUpgrade", { resourceId: CART }));
    const noAck = await confirm(alice, d, { ack: "false", typedName: "redis-cart-prod" });
    expect(noAck.view).toMatchObject({ type: "approvalDialog", problem: "ackMissing" });
    const typo = await confirm(alice, d, { ack: "true", typedName: "redis-cart-pro" });
    expect(typo.view).toMatchObject({ type: "approvalDialog", problem: "nameMismatch" });
    for (const wrongType of [{ ack: "yes" }, { ack: ["true"] }, { ack: "true", typedName: ["redis-cart-prod"] }, { ack: "true", typedName: "x".repeat(100_000) }]) {
      expect((await confirm(alice, d, wrongType)).view.type).toBe("approvalDialog");
    }
    expect(writes()).toEqual([]);
    const started = await confirm(alice, d);
    expect(started.view).toMatchObject({ type: "approvalStatus", state: "applying" });
    await approvals.idle();
    expect(await approvals.get(d.approvalId)).toMatchObject({ state: "succeeded", approvedBy: ["teams:aad-alice"] });
    expect(writes()).toHaveLength(1);
    expect(writes()[0]!.path.toLowerCase()).toContain("redis-cart-prod");
    expect((await fx.store.getResource(CART))).toMatchObject({ configuredTls: "1.2", effectiveTls: "1.2", status: "compliant" });
    const list = await ask(alice, "which caches are below 1.2");
    expect(list.matches.map((m) => m.finding.name)).not.toContain("redis-cart-prod");
    // The same confirmation again (a double click, a platform retry) shows the state and writes nothing.
    expect((await confirm(alice, d)).view).toMatchObject({ type: "approvalStatus", state: "succeeded" });
    expect(writes()).toHaveLength(1);
    expect((await audits("approval.applied"))[0]?.detail).toMatchObject({ approvalId: d.approvalId });
    expect((await audits("approval.refused")).map((e) => e.detail["reason"])).toEqual(expect.arrayContaining(["ackMissing", "nameMismatch", "tokenUsed"]));
    // Compliant now: a clear answer, not a dialog.
    expect((await ask(alice, "upgrade redis-cart-prod")).view).toMatchObject({ type: "approvalStatus", note: "alreadyCompliant" });
  }, 60_000);

  it("in chat, 'audit X' / 「X の監査」 shows an approver the resource's trail, and 'approvals' what is open; others are refused", async () => {
    const trail = await ask(alice, "audit redis-cart-prod");
    expect(trail.view).toMatchObject({ type: "auditTrail", resourceName: "redis-cart-prod" });
    const actions = (trail.view as Extract<View, { type: "auditTrail" }>).entries.map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(["approval.requested", "approval.acknowledged", "approval.applyStarted", "approval.applied"]));
    const ja = await ask(alice, "redis-cart-prod の監査");
    expect(ja).toMatchObject({ lang: "ja", view: { type: "auditTrail" } });
    expect((await ask(mallory, "audit redis-cart-prod")).view).toEqual({ type: "error", code: "auditNotAllowed", params: { name: "redis-cart-prod" } });
    const open = await ask(alice, "approvals");
    expect(open.view.type).toBe("approvalList");
    expect((open.view as Extract<View, { type: "approvalList" }>).items.every((i) => ["requested", "awaitingSecond", "applying"].includes(i.state))).toBe(true);
  });

  it("refuses non-approvers, approvers out of scope, edited payloads, other conversations and expired tokens — audited, nothing written", async () => {
    const session = "/subscriptions/11111111-1111-4111-a111-111111111111/resourceGroups/rg-commerce-prod/providers/Microsoft.Cache/Redis/redis-session-prod";
    expect((await act(mallory, "approveUpgrade", { resourceId: session })).view).toMatchObject({ type: "approvalRefused", reason: "notApprover" });
    expect((await act(carol, "approveUpgrade", { resourceId: session })).view).toMatchObject({ type: "approvalRefused", reason: "outOfScope" });
    const d = dialogOf(await act(alice, "approveUpgrade", { resourceId: session }));
    expect((await confirm(mallory, d)).view).toMatchObject({ reason: "notApprover" });
    // Bob approves rg-commerce-prod, but the token is Alice's.
    expect((await confirm(bob, d)).view).toMatchObject({ reason: "notApprover" });
    expect((await act(alice, "confirmUpgrade", { approvalId: d.approvalId, token: d.token, resourceId: CART, target: "1.2", ack: "true", typedName: "redis-session-prod" })).view).toMatchObject({ reason: "payloadMismatch" });
    expect((await act(alice, "confirmUpgrade", { approvalId: d.approvalId, token: d.token, resourceId: session, target: "1.0", ack: "true", typedName: "redis-session-prod" })).view).toMatchObject({ reason: "payloadMismatch" });
    expect((await act(alice, "confirmUpgrade", { approvalId: d.approvalId, token: "forged-token", resourceId: session, target: "1.2", ack: "true", typedName: "redis-session-prod" })).view).toMatchObject({ reason: "tokenInvalid" });
    expect((await act(alice, "confirmUpgrade", { approvalId: "nope", token: d.token, resourceId: session, target: "1.2", ack: "true", typedName: "redis-session-prod" })).view).toMatchObject({ reason: "tokenInvalid" });
    expect((await confirm(alice, d, undefined, "slack:C0OTHER")).view).toMatchObject({ reason: "otherConversation" });
    clock = new Date(clock.getTime() + 25 * 3600_000);
    expect((await confirm(alice, d)).view).toMatchObject({ reason: "expired" });
    clock = new Date("2026-11-26T03:00:00Z");
    expect(writes()).toEqual([]);
    const reasons = (await audits("approval.refused")).map((e) => e.detail["reason"]);
    expect(reasons).toEqual(expect.arrayContaining(["notApprover", "outOfScope", "payloadMismatch", "tokenInvalid", "otherConversation", "expired"]));
    expect((await audits("approval.refused")).find((e) => e.detail["reason"] === "outOfScope")?.actor).toBe("slack:U0CAROL");
  });

  it("50 concurrent identical confirmations write once", async () => {
    const d = dialogOf(await act(alice, "approveUpgrade", { resourceId: await untouchedCache() }));
    fx.sim.clearRequests();
    const replies = await Promise.all(Array.from({ length: 50 }, () => confirm(alice, d)));
    await approvals.idle();
    expect(writes()).toHaveLength(1);
    expect(replies.filter((r) => r.view.type === "approvalStatus")).toHaveLength(50);
    expect((await audits("approval.refused")).filter((e) => e.detail["reason"] === "tokenUsed" && e.detail["approvalId"] === d.approvalId)).toHaveLength(49);
  }, 60_000);

  it("a write Azure refuses (400) fails clearly, is audited and is not retried", async () => {
    const d = dialogOf(await act(alice, "approveUpgrade", { resourceId: await untouchedCache() }));
    fx.sim.clearRequests();
    fx.sim.addFaults([{ kind: "bad-request", match: { method: "PATCH" } }]);
    await confirm(alice, d);
    await approvals.idle();
    expect(fx.sim.requests.filter((r) => r.method === "PATCH")).toHaveLength(1);
    const a = await approvals.get(d.approvalId);
    expect(a).toMatchObject({ state: "failed", result: { code: "BadRequest", status: 400 } });
    expect(JSON.stringify(a?.result)).not.toMatch(/\bat \w+ \(/);
    expect((await audits("approval.failed")).some((e) => e.detail["approvalId"] === d.approvalId)).toBe(true);
  }, 60_000);

  it("ARM throttling during the write: Retry-After is waited out and the change lands once; a 429 without it fails clearly", async () => {
    const d = dialogOf(await act(alice, "approveUpgrade", { resourceId: await untouchedCache() }));
    fx.sim.addFaults([{ kind: "throttle", match: { method: "PATCH" }, times: 1, retryAfterSeconds: 0 }]);
    await confirm(alice, d);
    await approvals.idle();
    expect(await approvals.get(d.approvalId)).toMatchObject({ state: "succeeded" });
    const accepted = (r: { method: string; status: number }) => r.method === "PATCH" && r.status >= 200 && r.status < 300;
    expect(fx.sim.requests.filter(accepted)).toHaveLength(1);

    fx.sim.clearRequests();
    const d2 = dialogOf(await act(alice, "approveUpgrade", { resourceId: await untouchedCache() }));
    fx.sim.addFaults([{ kind: "throttle-no-header", match: { method: "PATCH" } }]);
    await confirm(alice, d2);
    await approvals.idle();
    expect(await approvals.get(d2.approvalId)).toMatchObject({ state: "failed", result: { code: "TooManyRequests", status: 429 } });
    expect(fx.sim.requests.filter(accepted)).toHaveLength(0);
  }, 60_000);

  it("a write whose answer is cut off is confirmed by re-reading: succeeded, sent once, never reported failed", async () => {
    const id = await untouchedCache();
    const d = dialogOf(await act(alice, "approveUpgrade", { resourceId: id }));
    // Azure applies the PATCH; the connection drops half-way through its answer.
    fx.sim.addFaults([{ kind: "reset-mid-body", match: { method: "PATCH" }, times: 1 }]);
    const azure = setInterval(() => fx.sim.completeOperations(), 50);
    try {
      await confirm(alice, d);
      await approvals.idle();
    } finally {
      clearInterval(azure);
    }
    expect(fx.sim.requests.filter((r) => r.method === "PATCH")).toHaveLength(1);
    expect(await approvals.get(d.approvalId)).toMatchObject({ state: "succeeded" });
    expect((await fx.store.getResource(id))?.status).toBe("compliant");
  }, 60_000);

  it("a resource deleted since the dialog was shown gets a clear answer and no write", async () => {
    const id = await untouchedCache();
    const d = dialogOf(await act(alice, "approveUpgrade", { resourceId: id }));
    for (const sub of fx.sim.state.subscriptions) {
      const i = sub.resources.findIndex((r) => id.toLowerCase().endsWith(`/${r.name.toLowerCase()}`));
      if (i >= 0) sub.resources.splice(i, 1);
    }
    expect((await confirm(alice, d)).view).toMatchObject({ type: "approvalRefused", reason: "resourceGone" });
    expect(writes()).toEqual([]);
    expect(await approvals.get(d.approvalId)).toMatchObject({ state: "cancelled" });
  });

  it("asked again while its request is open, in the same conversation, gives that request back rather than opening another", async () => {
    const id = await untouchedCache();
    const first = dialogOf(await act(alice, "approveUpgrade", { resourceId: id }));
    const again = dialogOf(await act(alice, "approveUpgrade", { resourceId: id }));
    expect(again.approvalId).toBe(first.approvalId);
    expect(again.token).not.toBe(first.token);
    expect((await approvals.open()).filter((a) => a.resourceId === id && a.conversationId === "teams:ops")).toHaveLength(1);
    // Another approver is not held up by a dialog the first may have left: theirs is a request of its own, and so is
    // one in another conversation.
    expect(dialogOf(await act(dave, "approveUpgrade", { resourceId: id })).approvalId).not.toBe(first.approvalId);
    expect(dialogOf(await act(alice, "approveUpgrade", { resourceId: id }, "teams:elsewhere")).approvalId).not.toBe(first.approvalId);
    // The dialog given back applies, once.
    expect((await confirm(alice, again)).view).toMatchObject({ type: "approvalStatus", state: "applying" });
    await approvals.idle();
    expect(writes()).toHaveLength(1);
  }, 60_000);

  it("a cancelled dialog stays cancelled: its Raise button (same card, same token) writes nothing", async () => {
    const id = await untouchedCache();
    const d = dialogOf(await act(alice, "approveUpgrade", { resourceId: id }));
    expect((await act(alice, "cancelUpgrade", { approvalId: d.approvalId, token: d.token, resourceId: d.row.id, target: d.target })).view)
      .toMatchObject({ type: "approvalStatus", state: "cancelled" });
    const after = await confirm(alice, d);
    await approvals.idle();
    expect(after.view).toMatchObject({ type: "approvalStatus", state: "cancelled" });
    expect(writes()).toEqual([]);
    expect(await approvals.get(d.approvalId)).toMatchObject({ state: "cancelled" });
    expect((await fx.store.getResource(id))?.status).not.toBe("compliant");
  }, 60_000);

  it("a change since the dialog was shown revokes every dialog of the request shown before it: confirming another window's writes nothing", async () => {
    const id = await untouchedCache();
    const d = dialogOf(await act(alice, "approveUpgrade", { resourceId: id }));
    // The same request opened again from its button (another window, a reload): a second token for the same step.
    const other = dialogOf(await act(alice, "approveUpgrade", { resourceId: id, approvalId: d.approvalId }));
    expect(other).toMatchObject({ approvalId: d.approvalId, step: "confirm", row: { configuredTls: null } });
    changeInAzure(id, "1.1");
    const changed = dialogOf(await confirm(alice, d));
    expect(changed).toMatchObject({ problem: "changed", step: "confirm", row: { configuredTls: "1.1" } });
    // The other window still shows the cache as it was: its confirmation must not raise what Alice has not seen.
    const stale = await confirm(alice, other);
    await approvals.idle();
    expect(stale.view).toMatchObject({ type: "approvalRefused", reason: "superseded" });
    expect(writes()).toEqual([]);
    expect(await approvals.get(d.approvalId)).toMatchObject({ state: "requested", seenTls: "1.1" });
    expect((await audits("approval.refused")).filter((e) => e.detail["approvalId"] === d.approvalId).map((e) => e.detail["reason"])).toEqual(["superseded"]);
    // Opened again now, the dialog shows the setting the change found (the inventory has the old one until a scan).
    expect(dialogOf(await act(alice, "approveUpgrade", { resourceId: id, approvalId: d.approvalId })).row.configuredTls).toBe("1.1");
    // The dialog that showed the change raises it.
    expect((await confirm(alice, changed)).view).toMatchObject({ type: "approvalStatus", state: "applying" });
    await approvals.idle();
    expect(await approvals.get(d.approvalId)).toMatchObject({ state: "succeeded" });
    expect(writes()).toHaveLength(1);
  }, 60_000);

  it("shows an IoT hub's device TLS versions from Log Analytics, then raises it with If-Match on the etag it read", async () => {
    const hub = (await fx.store.currentResources()).find((f) => f.name === "iot-factory-osaka")!;
    const d = dialogOf(await act(alice, "approveUpgrade", { resourceId: hub.id }));
    expect(d.sideEffects.length).toBeGreaterThan(0);
    // The simulated workspace's Connections logs: 4 devices on 1.0, 2 on 1.1, 212 on 1.2.
    expect(d.evidence).toEqual([{ key: "iotHubDevices", params: { summary: "TLS 1.0: 4, TLS 1.1: 2, TLS 1.2: 212" } }, { key: "iotHubOldDevices", params: { count: 6 } }]);
    expect(fx.sim.requests.some((r) => r.method === "POST" && /\/v1\/workspaces\/.+\/query/.test(r.path))).toBe(true);
    fx.sim.clearRequests();
    await confirm(alice, d);
    await approvals.idle();
    expect((await approvals.get(d.approvalId))?.state).toBe("succeeded");
    expect(fx.sim.requests.filter((r) => r.method === "PUT")).toHaveLength(1);
    expect(await fx.store.getResource(hub.id)).toMatchObject({ configuredTls: "1.2", status: "compliant" });
  }, 60_000);

  it("two-person rule: the requester cannot be the second approver; another approver completes it", async () => {
    await freshWorld({ twoPerson: [`/subscriptions/${SUB_PROD}`] });
    const d = dialogOf(await act(alice, "approveUpgrade", { resourceId: CART }));
    expect(d.needsSecond).toBe(true);
    const second = dialogOf(await confirm(alice, d));
    expect(second.step).toBe("second");
    expect(writes()).toEqual([]);
    expect((await confirm(alice, second)).view).toMatchObject({ type: "approvalRefused", reason: "selfSecond" });
    expect((await confirm(bob, second, undefined, "teams:elsewhere")).view).toMatchObject({ reason: "otherConversation" });
    expect((await confirm(bob, second)).view).toMatchObject({ type: "approvalStatus", state: "applying" });
    await approvals.idle();
    expect(await approvals.get(d.approvalId)).toMatchObject({ state: "succeeded", approvedBy: ["teams:aad-alice", "teams:aad-bob"] });
    expect(writes()).toHaveLength(1);
  }, 90_000);

  it("two-person rule: asked again while it waits for a second approver, another approver gets that dialog and the requester its status", async () => {
    await freshWorld({ twoPerson: [`/subscriptions/${SUB_PROD}`] });
    const d = dialogOf(await act(alice, "approveUpgrade", { resourceId: CART }));
    dialogOf(await confirm(alice, d));
    expect((await act(alice, "approveUpgrade", { resourceId: CART })).view).toMatchObject({ type: "approvalStatus", approvalId: d.approvalId, state: "awaitingSecond" });
    const second = dialogOf(await act(bob, "approveUpgrade", { resourceId: CART }));
    expect(second).toMatchObject({ approvalId: d.approvalId, step: "second" });
    expect((await confirm(bob, second)).view).toMatchObject({ type: "approvalStatus", state: "applying" });
    await approvals.idle();
    expect(writes()).toHaveLength(1);
  }, 90_000);

  it("two-person rule: a second approver's spare token cannot start an upgrade sent back to its requester by a change", async () => {
    await freshWorld({ twoPerson: [`/subscriptions/${SUB_PROD}`] });
    const d = dialogOf(await act(alice, "approveUpgrade", { resourceId: CART }));
    const second = dialogOf(await confirm(alice, d));
    // Bob opens the request again from its button: a second "second" token for the same step.
    const reopened = dialogOf(await act(bob, "approveUpgrade", { resourceId: CART, approvalId: d.approvalId }));
    expect(reopened.step).toBe("second");
    // Someone changes the cache in Azure: Bob's confirmation sends the request back to Alice.
    const cart = fx.sim.state.subscriptions.flatMap((s) => s.resources).find((r) => r.name === "redis-cart-prod")!;
    cart.properties = { ...cart.properties, minimumTlsVersion: "1.1" };
    expect((await confirm(bob, second)).view).toMatchObject({ type: "approvalDialog", problem: "changed", step: "confirm" });
    expect(await approvals.get(d.approvalId)).toMatchObject({ state: "requested", approvedBy: [] });
    // The spare second token must not stand in for Alice's new confirmation and a second approval: the change revoked it.
    const spare = await confirm(bob, reopened);
    await approvals.idle();
    expect(spare.view).toMatchObject({ type: "approvalRefused", reason: "superseded" });
    // A replica still on an earlier version grants a "second" token whatever the state, and revokes nothing:
    // such a token is refused for the step the request no longer waits for.
    const old = newToken();
    await (fx.store as unknown as { exec: SqlExecutor }).exec.query(
      `INSERT INTO approval_tokens (token_hash, approval_id, step, bound_actor, conversation_id, resource_key, target, expires_at)
       VALUES ($1, $2, 'second', NULL, 'teams:ops', $3, '1.2', $4::timestamptz)`, [old.hash, d.approvalId, resourceKey(CART), reopened.expiresAt]);
    expect((await confirm(bob, { ...reopened, token: old.token })).view).toMatchObject({ type: "approvalRefused", reason: "notPending" });
    await approvals.idle();
    expect(writes()).toEqual([]);
    expect(await approvals.get(d.approvalId)).toMatchObject({ state: "requested", approvedBy: [] });
  }, 90_000);

  it("two-person rule: the requester's confirmation revokes their other dialogs of the request; the second approver's completes it", async () => {
    const id = await untouchedCache();
    const d = dialogOf(await act(alice, "approveUpgrade", { resourceId: id }));
    const other = dialogOf(await act(alice, "approveUpgrade", { resourceId: id, approvalId: d.approvalId }));
    const second = dialogOf(await confirm(alice, d));
    expect(second.step).toBe("second");
    expect((await confirm(alice, other)).view).toMatchObject({ type: "approvalRefused", reason: "superseded" });
    // Nor can it be used to call the request off: the dialog it belonged to is gone.
    expect((await cancel(alice, other)).view).toMatchObject({ type: "approvalRefused", reason: "superseded" });
    expect(await approvals.get(d.approvalId)).toMatchObject({ state: "awaitingSecond", approvedBy: ["teams:aad-alice"] });
    expect((await confirm(dave, second)).view).toMatchObject({ type: "approvalStatus", state: "applying" });
    await approvals.idle();
    expect(await approvals.get(d.approvalId)).toMatchObject({ state: "succeeded", approvedBy: ["teams:aad-alice", "teams:aad-dave"] });
    expect(writes()).toHaveLength(1);
  }, 60_000);

  it("cancel needs a live token of its own request: a forged, used, expired or another request's token is refused and audited", async () => {
    const d = dialogOf(await act(alice, "approveUpgrade", { resourceId: await untouchedCache() }));
    const e = dialogOf(await act(alice, "approveUpgrade", { resourceId: await untouchedCache() }));
    expect((await cancel(alice, d, "forged-token")).view).toMatchObject({ type: "approvalRefused", reason: "tokenInvalid" });
    expect((await cancel(alice, d, e.token)).view).toMatchObject({ type: "approvalRefused", reason: "tokenInvalid" });
    // Alice's confirmation used her token: the request now waits for a second approver under another one.
    const second = dialogOf(await confirm(alice, d));
    expect((await cancel(dave, d)).view).toMatchObject({ type: "approvalRefused", reason: "tokenInvalid" });
    expect(await approvals.get(d.approvalId)).toMatchObject({ state: "awaitingSecond" });
    clock = new Date(clock.getTime() + 25 * 3600_000);
    try {
      expect((await cancel(alice, e)).view).toMatchObject({ type: "approvalRefused", reason: "expired" });
    } finally {
      clock = new Date("2026-11-26T03:00:00Z");
    }
    expect(await approvals.get(e.approvalId)).toMatchObject({ state: "requested" });
    const ours = (x: { detail: Record<string, unknown> }) => x.detail["approvalId"] === d.approvalId || x.detail["approvalId"] === e.approvalId;
    const refused = (await audits("approval.refused")).filter((x) => ours(x) && x.detail["attempt"] === "cancel");
    expect(refused.map((x) => `${x.actor} ${x.detail["approvalId"] === d.approvalId ? "d" : "e"} ${String(x.detail["reason"])}`).sort())
      .toEqual(["teams:aad-alice d tokenInvalid", "teams:aad-alice d tokenInvalid", "teams:aad-alice e expired", "teams:aad-dave d tokenInvalid"]);
    expect((await audits("approval.cancelled")).filter(ours)).toEqual([]);
    // The dialog's own token calls it off, whoever of the approvers presses; pressed again, it shows the same.
    expect((await cancel(dave, second)).view).toMatchObject({ type: "approvalStatus", state: "cancelled" });
    expect((await cancel(dave, second)).view).toMatchObject({ type: "approvalStatus", state: "cancelled" });
    expect((await confirm(dave, second)).view).toMatchObject({ type: "approvalStatus", state: "cancelled" });
    expect((await cancel(alice, e)).view).toMatchObject({ type: "approvalStatus", state: "cancelled" });
    await approvals.idle();
    expect(writes()).toEqual([]);
    expect((await audits("approval.cancelled")).filter(ours).map((x) => x.detail["approvalId"]).sort()).toEqual([d.approvalId, e.approvalId].sort());
  }, 60_000);

  it("dry run goes through every step but the write", async () => {
    await freshWorld({ dryRun: ["*"] });
    const d = dialogOf(await act(alice, "approveUpgrade", { resourceId: CART }));
    expect(d.dryRun).toBe(true);
    expect((await confirm(alice, d)).view).toMatchObject({ type: "approvalStatus", state: "succeeded", note: "dryRun" });
    expect(writes()).toEqual([]);
    expect(await audits("approval.dryRun")).toHaveLength(1);
  }, 90_000);

  it("stopping mid-operation leaves it applying without waiting for Azure; the next start finishes it without writing again", async () => {
    await freshWorld({}, 1_000_000);
    const d = dialogOf(await act(alice, "approveUpgrade", { resourceId: CART }));
    await confirm(alice, d);
    for (let i = 0; i < 100 && !(await approvals.get(d.approvalId))?.operation; i++) await new Promise((r) => setTimeout(r, 50));
    expect(await approvals.get(d.approvalId)).toMatchObject({ state: "applying", operation: expect.any(String) });
    // Azure would never finish this one: stop() returning at all shows it does not wait for it.
    await approvals.stop();
    expect(await approvals.get(d.approvalId)).toMatchObject({ state: "applying" });
    // The next process: resumes polling the stored operation and finishes once Azure does.
    approvals = makeApprovals();
    engine = createEngine({ store: fx.store, now, approvals });
    expect(await approvals.resume()).toBe(1);
    fx.sim.completeOperations();
    await approvals.idle();
    expect(await approvals.get(d.approvalId)).toMatchObject({ state: "succeeded" });
    expect(writes()).toHaveLength(1);
  }, 90_000);
});
