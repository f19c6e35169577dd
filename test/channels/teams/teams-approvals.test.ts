import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createApprovals, type Approvals } from "../../../src/approvals/approvals.ts";
import { parseApprovers } from "../../../src/approvals/approvers.ts";
import { RESOURCE_KINDS } from "../../../src/azure/kinds/load-kinds.ts";
import { runScan } from "../../../src/azure/scan/run-scan.ts";
import { loadTenantFile } from "../../../src/azure/simulator/index.ts";
import { startHttpServer, type RunningHttpServer } from "../../../src/channels/http/http-server.ts";
import { TeamsBot } from "../../../src/channels/teams/teams-bot.ts";
import { teamsDeliverer } from "../../../src/channels/teams/teams-deliverer.ts";
import { createTeamsAdapter, teamsRoute } from "../../../src/channels/teams/teams-route.ts";
import { DEMO_TENANT_FILE } from "../../../src/cli/runtime.ts";
import { createEngine, type Engine } from "../../../src/conversation/engine.ts";
import { approvalCardUpdater } from "../../../src/posts/approval-updates.ts";
import { conversationMemory } from "../../../src/posts/conversation-memory.ts";
import { createSqlApprovalStore } from "../../../src/store/sql-approval-store.ts";
import type { SqlExecutor } from "../../../src/store/sql-executor.ts";
import { cardProblems } from "../../render/validate-card.ts";
import { startFakeBotConnector, type ConnectorCall, type FakeBotConnector } from "../../support/fake-bot-connector.ts";
import { scanFixture, type ScanFixture } from "../../support/scan-fixture.ts";
import { teamsActivity } from "../../support/teams-fixture.ts";

const NOW = new Date("2026-11-26T03:00:00Z");
const TENANT = "72f988bf-0000-4000-a000-0000000000aa";
const SUB_PROD = "11111111-1111-4111-a111-111111111111";
/** Aki Sato's Entra object id in the recorded activities: an approver for the production subscription. */
const AKI = "6b4a1c2d-0000-4000-a000-000000000001";
const rg = (name: string, group: string) => `/subscriptions/${SUB_PROD}/resourceGroups/${group}/providers/Microsoft.Cache/Redis/${name}`;
const CART = rg("redis-cart-prod", "rg-commerce-prod");
const SESSION = rg("redis-session-prod", "rg-commerce-prod");
const PAYMENTS = rg("redis-payments-prod", "rg-payments-prod");
const CARD = "application/vnd.microsoft.card.adaptive";

interface InvokeBody { statusCode: number; type: string; value: Record<string, unknown> }
interface CardAction { type: string; verb?: string; title: string; data?: Record<string, unknown>; fallback?: { type: string; data: Record<string, unknown> } }

const text = (card: unknown) => JSON.stringify(card);
const actionsOf = (card: Record<string, unknown>) => (card["actions"] ?? []) as CardAction[];
const cardOfCall = (c: ConnectorCall) => (c.activity["attachments"] as Array<{ contentType: string; content: Record<string, unknown> }>)[0]!;

/** Upgrade approvals through the real CloudAdapter (local mode, no app id), replying to a fake Bot Connector. */
describe("upgrade approvals in Teams", () => {
  let fx: ScanFixture;
  let connector: FakeBotConnector;
  let server: RunningHttpServer;
  let approvals: Approvals;
  let engine: Engine;
  const errors: unknown[] = [];
  const patches = () => fx.sim.requests.filter((r) => r.method === "PATCH");
  const post = async (activity: Record<string, unknown>) => {
    const res = await fetch(`${server.url}/api/messages`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(activity) });
    expect(res.status).toBe(200);
    const body = await res.text();
    return body ? (JSON.parse(body) as InvokeBody) : null;
  };
  let seq = 0;
  /** An Action.Execute press, as Teams sends it: `replyToId` is the message the card is on. */
  const execute = (verb: string, data: Record<string, unknown>, replyToId: string, over: Record<string, unknown> = {}) =>
    teamsActivity("invoke-action-execute", { SERVICE_URL: connector.serviceUrl }, { id: `f:invoke-${++seq}`, replyToId, value: { action: { type: "Action.Execute", verb, data }, trigger: "manual" }, ...over });
  /** The same press on a client without Universal Actions: a message whose value is the Action.Submit fallback's data plus the inputs. */
  const submit = (value: Record<string, unknown>, replyToId: string) =>
    teamsActivity("message-personal-ja", { SERVICE_URL: connector.serviceUrl }, { id: `submit-${++seq}`, text: undefined, locale: "en-US", replyToId, value });
  const confirmAction = (dialog: Record<string, unknown>) => actionsOf(dialog).find((a) => a.verb === "confirmUpgrade")!;

  beforeAll(async () => {
    fx = await scanFixture({ tenant: await loadTenantFile(DEMO_TENANT_FILE), redisPatchMode: "202", asyncPollsBeforeDone: 1 });
    await runScan({ clients: fx.clients, store: fx.store, now: () => NOW }, { source: "arm", concurrency: 4, timeoutMs: 30_000 });
    connector = await startFakeBotConnector();
    const onError = (e: unknown) => errors.push(e);
    const adapter = createTeamsAdapter({ appId: undefined, appPassword: undefined, appType: "MultiTenant", appTenantId: undefined }, onError);
    const { entries } = parseApprovers([`teams:${AKI}@/subscriptions/${SUB_PROD}`]);
    approvals = createApprovals({
      approvals: createSqlApprovalStore((fx.store as unknown as { exec: SqlExecutor }).exec), store: fx.store, clients: () => fx.clients, kinds: RESOURCE_KINDS,
      policy: { approvers: entries, twoPersonScopes: [], dryRunScopes: [], ttlMs: 24 * 3600_000 }, now: () => NOW,
      onChange: approvalCardUpdater({ store: fx.store, deliverers: [teamsDeliverer(adapter, undefined, { local: true })], onError }),
      onRecorded: () => engine.invalidate(), onError,
    });
    engine = createEngine({ store: fx.store, now: () => NOW, approvals });
    const bot = new TeamsBot(engine, { remember: conversationMemory(fx.store), now: () => NOW, allowedTenants: [TENANT], onError });
    server = await startHttpServer([teamsRoute(adapter, bot, { local: true, onError })], { host: "127.0.0.1", port: 0 });
  }, 60_000);
  afterAll(async () => {
    await server?.close();
    await connector?.close();
    await fx?.close();
  });
  beforeEach(() => {
    fx.sim.clearRequests();
    connector.calls.length = 0;
  });

  it("Action.Execute: the dialog replaces the card, the confirmation answers 'applying', the result replaces it once the write is done", async () => {
    const asked = (await post(execute("approveUpgrade", { resourceId: CART, lang: "en" }, "card-7")))!;
    expect(asked).toMatchObject({ statusCode: 200, type: CARD });
    const dialog = asked.value;
    expect(cardProblems(dialog)).toEqual([]);
    expect(text(dialog)).toContain("Raise redis-cart-prod to TLS 1.2?");
    expect(text(dialog)).toContain("\"id\":\"ack\"");
    expect(text(dialog)).toContain("\"id\":\"typedName\"");
    const confirm = confirmAction(dialog);
    expect(confirm).toMatchObject({ type: "Action.Execute", style: "destructive", data: { resourceId: CART, target: "1.2", lang: "en" } });

    // Teams sends the inputs in action.data beside the card's data, the toggle as the string "true".
    const confirmation = execute("confirmUpgrade", { ...confirm.data, ack: "true", typedName: "redis-cart-prod" }, "card-7");
    const applying = (await post(confirmation))!;
    expect(applying).toMatchObject({ statusCode: 200, type: CARD });
    expect(text(applying.value)).toContain("Raising redis-cart-prod to TLS 1.2…");
    await approvals.idle();
    expect(patches()).toHaveLength(1);
    expect(patches()[0]!.path).toContain("redis-cart-prod");
    // The card is updated in place (PUT to the card's activity), not answered with a new message.
    const puts = connector.calls.filter((c) => c.method === "PUT");
    expect(puts).toHaveLength(1);
    expect(puts[0]!.activityId).toBe("card-7");
    expect(puts[0]!.conversationId).toBe("a:1Xk9personalChatId-with-@-and-;-chars");
    expect(cardOfCall(puts[0]!).contentType).toBe(CARD);
    expect(text(cardOfCall(puts[0]!).content)).toContain("redis-cart-prod now requires TLS 1.2 or later");
    expect(connector.calls.filter((c) => c.method === "POST")).toEqual([]);

    // Teams retries an invoke it got no timely answer to: the replay shows the state and writes nothing.
    const replay = (await post(confirmation))!;
    expect(replay).toMatchObject({ statusCode: 200, type: CARD });
    expect(text(replay.value)).toContain("redis-cart-prod now requires TLS 1.2 or later");
    await approvals.idle();
    expect(patches()).toHaveLength(1);
    expect(await fx.store.getResource(CART)).toMatchObject({ configuredTls: "1.2", status: "compliant" });
    expect(errors).toEqual([]);
  }, 60_000);

  it("a display name never authorises: the same name with another Entra id is refused, nothing is written", async () => {
    const impostor = { from: { id: "29:someone-else", name: "Aki Sato", aadObjectId: "0badc0de-0000-4000-a000-000000000099" } };
    const refused = (await post(execute("approveUpgrade", { resourceId: SESSION, lang: "en" }, "card-8", impostor)))!;
    expect(refused).toMatchObject({ statusCode: 200, type: CARD });
    expect(text(refused.value)).toContain("Upgrade not allowed");
    expect(text(refused.value)).toContain("You are not an approver");
    expect(text(refused.value)).not.toContain("typedName");

    // Nor can they use a dialog Aki was shown.
    const dialog = (await post(execute("approveUpgrade", { resourceId: SESSION, lang: "en" }, "card-9")))!.value;
    const stolen = (await post(execute("confirmUpgrade", { ...confirmAction(dialog).data, ack: "true", typedName: "redis-session-prod" }, "card-9", impostor)))!;
    expect(text(stolen.value)).toContain("You are not an approver");
    await approvals.idle();
    expect(patches()).toEqual([]);
    expect(connector.calls.filter((c) => c.method === "PUT")).toEqual([]);
    const audit = (await fx.store.listAudit(100)).filter((e) => e.action === "approval.refused" && e.actor === "teams:0badc0de-0000-4000-a000-000000000099");
    expect(audit.map((e) => e.detail["reason"])).toEqual(["notApprover", "notApprover"]);
  });

  it("an Entra id is taken only from Teams: the same aadObjectId arriving on another channel (Direct Line) is refused", async () => {
    const directLine = { channelId: "directline" };
    const refused = (await post(execute("approveUpgrade", { resourceId: SESSION, lang: "en" }, "card-dl", directLine)))!;
    expect(text(refused.value)).toContain("You are not an approver");
    expect(text(refused.value)).not.toContain("typedName");
    await approvals.idle();
    expect(patches()).toEqual([]);
    const audit = (await fx.store.listAudit(100)).filter((e) => e.action === "approval.refused" && e.actor === "teams:unverified:29:1a2b3c-user-id");
    expect(audit.map((e) => e.detail["reason"])).toEqual(["notApprover"]);
  });

  it("Action.Submit fallback: the dialog arrives as a message, the confirmation (inputs beside verb and payload) applies once and updates the dialog in place", async () => {
    await post(submit({ verb: "approveUpgrade", payload: { resourceId: PAYMENTS, lang: "en" } }, "card-10"));
    const posted = await connector.waitFor(() => connector.calls.find((c) => c.method === "POST" && text(c.activity).includes("Raise redis-payments-prod to TLS 1.2?")));
    const dialogId = posted.id;
    const dialog = cardOfCall(posted).content;
    const fallback = confirmAction(dialog).fallback!;
    expect(fallback.type).toBe("Action.Submit");
    expect(fallback.data).toMatchObject({ verb: "confirmUpgrade", payload: { resourceId: PAYMENTS, target: "1.2" } });

    // A missing tick comes back as the dialog with the problem, on the same card; nothing is written.
    await post(submit({ ...fallback.data, ack: "false", typedName: "redis-payments-prod" }, dialogId));
    await approvals.idle();
    expect(patches()).toEqual([]);

    await post(submit({ ...fallback.data, ack: "true", typedName: "redis-payments-prod" }, dialogId));
    await approvals.idle();
    expect(patches()).toHaveLength(1);
    const onDialog = connector.calls.filter((c) => c.method === "PUT" && c.activityId === dialogId).map((c) => text(cardOfCall(c).content));
    expect(onDialog[0]).toContain("Tick the acknowledgement to continue.");
    expect(onDialog.at(-1)).toContain("redis-payments-prod now requires TLS 1.2 or later");
    // No stray "Raising…" message left behind beside the dialog.
    expect(connector.calls.filter((c) => c.method === "POST")).toHaveLength(1);
    expect(errors).toEqual([]);
  }, 60_000);

  it("Cancel sends the dialog's token back: a forged one is refused and audited; the card's own calls the request off in place, with either action", async () => {
    const cancelAction = (card: Record<string, unknown>) => actionsOf(card).find((a) => a.verb === "cancelUpgrade")!;
    const dialog = (await post(execute("approveUpgrade", { resourceId: SESSION, lang: "en" }, "card-11")))!.value;
    const data = cancelAction(dialog).data!;
    expect(data).toMatchObject({ approvalId: expect.any(String), token: confirmAction(dialog).data!["token"], resourceId: SESSION });
    const approvalId = data["approvalId"] as string;
    // The request may be one an earlier test opened here (asked again, the open request is given back): only what follows counts.
    const lastSeq = (await fx.store.listAudit(1))[0]?.seq ?? 0;
    const forged = (await post(execute("cancelUpgrade", { ...data, token: "forged-token" }, "card-11")))!;
    expect(text(forged.value)).toContain("This confirmation is not valid.");
    expect(await approvals.get(approvalId)).toMatchObject({ state: "requested" });
    const refused = (await fx.store.listAudit(1000)).filter((e) => e.seq > lastSeq && e.action === "approval.refused" && e.detail["approvalId"] === approvalId);
    expect(refused.map((e) => [e.actor, e.detail["reason"]])).toEqual([[`teams:${AKI}`, "tokenInvalid"]]);

    const cancelled = (await post(execute("cancelUpgrade", data, "card-11")))!;
    expect(text(cancelled.value)).toContain("Upgrade of redis-session-prod cancelled");
    expect(await approvals.get(approvalId)).toMatchObject({ state: "cancelled" });

    // A client without Universal Actions sends the fallback's payload (no inputs): the same token, the card updated in place.
    await post(submit({ verb: "approveUpgrade", payload: { resourceId: SESSION, lang: "en" } }, "card-12"));
    const posted = await connector.waitFor(() => connector.calls.find((c) => c.method === "POST" && text(c.activity).includes("Raise redis-session-prod to TLS 1.2?")));
    const fallback = cancelAction(cardOfCall(posted).content).fallback!;
    expect(fallback.data).toMatchObject({ verb: "cancelUpgrade", payload: { token: expect.any(String) } });
    await post(submit(fallback.data, posted.id));
    const onCard = await connector.waitFor(() => connector.calls.find((c) => c.method === "PUT" && c.activityId === posted.id));
    expect(text(cardOfCall(onCard).content)).toContain("Upgrade of redis-session-prod cancelled");
    expect(await approvals.get((fallback.data["payload"] as Record<string, unknown>)["approvalId"] as string)).toMatchObject({ state: "cancelled" });
    await approvals.idle();
    expect(patches()).toEqual([]);
    expect(errors).toEqual([]);
  }, 60_000);
});
