import { rsaKeyPair } from "../../support/rsa-key-pair.ts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeOpenId, type FakeOpenId } from "../../support/fake-openid.ts";
import { runScan } from "../../../src/azure/scan/run-scan.ts";
import { loadTenantFile } from "../../../src/azure/simulator/index.ts";
import { sendJson, startHttpServer, type RunningHttpServer } from "../../../src/channels/http/http-server.ts";
import { TeamsBot } from "../../../src/channels/teams/teams-bot.ts";
import { createTeamsAdapter, teamsRoute } from "../../../src/channels/teams/teams-route.ts";
import { DEMO_TENANT_FILE } from "../../../src/cli/runtime.ts";
import { createEngine } from "../../../src/conversation/engine.ts";
import { startFakeBotConnector, type FakeBotConnector } from "../../support/fake-bot-connector.ts";
import { scanFixture, type ScanFixture } from "../../support/scan-fixture.ts";
import { teamsActivity } from "../../support/teams-fixture.ts";
import { cardProblems } from "../../render/validate-card.ts";
import { conversationMemory } from "../../../src/posts/conversation-memory.ts";

const NOW = new Date("2026-11-26T03:00:00Z");
const TENANT = "72f988bf-0000-4000-a000-0000000000aa";
const APP_ID = "3f2a0000-0000-4000-a000-00000000abcd";
const CART = "/subscriptions/11111111-1111-4111-a111-111111111111/resourceGroups/rg-commerce-prod/providers/Microsoft.Cache/Redis/redis-cart-prod";

describe("Teams through botbuilder's CloudAdapter, replying to a fake Bot Connector", () => {
  let fx: ScanFixture;
  let connector: FakeBotConnector;
  let open: RunningHttpServer;
  let secured: RunningHttpServer;
  let openId: FakeOpenId;
  const errors: unknown[] = [];
  const post = (server: RunningHttpServer, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${server.url}/api/messages`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: typeof body === "string" ? body : JSON.stringify(body) });
  const values = () => ({ SERVICE_URL: connector.serviceUrl, RESOURCE_ID: CART });

  beforeAll(async () => {
    fx = await scanFixture({ tenant: await loadTenantFile(DEMO_TENANT_FILE) });
    await runScan({ clients: fx.clients, store: fx.store, now: () => NOW }, { source: "arm", concurrency: 4, timeoutMs: 30_000 });
    connector = await startFakeBotConnector();
    const engine = createEngine({ store: fx.store, now: () => NOW });
    const bot = new TeamsBot(engine, { remember: conversationMemory(fx.store), now: () => NOW, tenantId: TENANT, onError: (e) => errors.push(e) });
    const health = { method: "GET" as const, pattern: /^\/healthz$/, handler: (_r: unknown, res: import("node:http").ServerResponse) => sendJson(res, 200, { ok: true }) };
    open = await startHttpServer([health, teamsRoute(createTeamsAdapter({ appId: undefined, appPassword: undefined, appType: "MultiTenant", appTenantId: undefined }, (e) => errors.push(e)), bot, { local: true, onError: (e) => errors.push(e) })], { host: "127.0.0.1", port: 0 });
    openId = await startFakeOpenId();
    const app = { appId: APP_ID, appPassword: "not-a-real-secret", appType: "MultiTenant" as const, appTenantId: undefined };
    secured = await startHttpServer([teamsRoute(createTeamsAdapter(app, (e) => errors.push(e), { openIdMetadataUrl: openId.metadataUrl }), bot, { local: false, onError: (e) => errors.push(e) })], { host: "127.0.0.1", port: 0 });
  });
  afterAll(async () => {
    await open?.close();
    await secured?.close();
    await connector?.close();
    await openId?.close();
    await fx?.close();
  });

  it("answers a channel message with an @mention by replying to it with an Adaptive Card", async () => {
    const activity = teamsActivity("message-channel", values());
    const res = await post(open, activity);
    expect(res.status).toBe(200);
    const call = connector.calls.find((c) => c.replyToId === activity["id"])!;
    expect(call.method).toBe("POST");
    expect(call.conversationId).toBe("19:4a2f3b8c9d@thread.tacv2;messageid=1732590000000");
    const card = (call.activity["attachments"] as Array<{ contentType: string; content: unknown }>)[0]!;
    expect(card.contentType).toBe("application/vnd.microsoft.card.adaptive");
    expect(cardProblems(card.content)).toEqual([]);
    expect(JSON.stringify(card.content)).toContain("Redis caches below TLS 1.2 — 7 found");
    // The channel is remembered for proactive posts.
    expect(await fx.store.getConversation("teams:19:4a2f3b8c9d@thread.tacv2;messageid=1732590000000")).toMatchObject({ kind: "channel", tenant: TENANT });
  });

  it("answers a Japanese personal message in Japanese, on a URL-encoded conversation id", async () => {
    const activity = teamsActivity("message-personal-ja", values());
    await post(open, activity);
    const call = connector.calls.find((c) => c.replyToId === activity["id"])!;
    expect(call.conversationId).toBe("a:1Xk9personalChatId-with-@-and-;-chars");
    expect(JSON.stringify(call.activity)).toContain("TLS 1.2 未満の Redis キャッシュ");
  });

  it("answers an Action.Execute invoke with the refreshed card in the HTTP response", async () => {
    const res = await post(open, teamsActivity("invoke-action-execute", values()));
    expect(res.status).toBe(200);
    const body = (await res.json()) as { statusCode: number; type: string; value: unknown };
    expect(body.statusCode).toBe(200);
    expect(body.type).toBe("application/vnd.microsoft.card.adaptive");
    expect(JSON.stringify(body.value)).toContain("redis-cart-prod");
    expect(JSON.stringify(body.value)).toContain("cannot be undone");
  });

  it("updates the card in place when a page button arrives as Action.Submit (no Universal Actions)", async () => {
    const submit = teamsActivity("message-personal-ja", values(), {
      id: "submit-1", text: undefined, replyToId: "card-activity-7",
      value: { verb: "page", payload: { filter: { kinds: ["redis"] }, offset: 20, lang: "en" } },
    });
    await post(open, submit);
    const put = await connector.waitFor(() => connector.calls.find((c) => c.method === "PUT" && c.activityId === "card-activity-7"));
    expect(put.conversationId).toBe("a:1Xk9personalChatId-with-@-and-;-chars");
    expect(JSON.stringify(put.activity)).toContain("Redis caches");
  });

  it("greets a team it is added to, in the team's language, and remembers the channel", async () => {
    const activity = teamsActivity("conversation-update-installed", values());
    expect((await post(open, activity)).status).toBe(200);
    const greeting = await connector.waitFor(() => connector.calls.find((c) => c.conversationId === "19:general0000@thread.tacv2"));
    expect(JSON.stringify(greeting.activity)).toContain("追加していただきありがとうございます");
    expect(await fx.store.getConversation("teams:19:general0000@thread.tacv2")).toMatchObject({ kind: "channel", langs: "ja+en" });
  });

  it("ignores unknown activity types, answers invokes without data clearly, and refuses other tenants", async () => {
    const before = connector.calls.length;
    expect((await post(open, teamsActivity("message-channel", values(), { type: "messageReaction", id: "react-1" }))).status).toBe(200);
    const noVerb = await post(open, teamsActivity("invoke-action-execute", values(), { value: {} }));
    expect(((await noVerb.json()) as { statusCode: number }).statusCode).toBe(400);
    const foreign = teamsActivity("message-channel", values(), { id: "foreign-1", conversation: { id: "19:other@thread.tacv2", conversationType: "channel", tenantId: "11111111-aaaa-4aaa-aaaa-111111111111" }, channelData: { tenant: { id: "11111111-aaaa-4aaa-aaaa-111111111111" } } });
    expect((await post(open, foreign)).status).toBe(200);
    await new Promise((r) => setTimeout(r, 100));
    expect(connector.calls.slice(before)).toEqual([]);
    expect(errors.some((e) => String(e).includes("ignored a Teams activity from tenant 11111111-aaaa"))).toBe(true);
    expect((await post(open, "{not json")).status).toBe(400);
    expect((await post(open, { type: "message", text: "x".repeat(2 * 1024 * 1024) })).status).toBe(413);
  });

  it("with an app id, accepts only tokens signed by Bot Framework's keys for that app", async () => {
    const invoke = () => teamsActivity("invoke-action-execute", values());
    const claims = { aud: APP_ID, serviceurl: connector.serviceUrl };
    const good = await post(secured, invoke(), { authorization: `Bearer ${openId.token(claims)}` });
    expect(good.status).toBe(200);
    expect(JSON.stringify(await good.json())).toContain("redis-cart-prod");

    const { privateKey } = rsaKeyPair();
    const forged = openId.token(claims, { key: privateKey });
    expect((await post(secured, invoke(), { authorization: `Bearer ${forged}` })).status).toBe(401);
    expect((await post(secured, invoke(), { authorization: `Bearer ${openId.token({ ...claims, aud: "someone-else" })}` })).status).toBe(401);
    expect((await post(secured, invoke(), { authorization: `Bearer ${openId.token(claims, { kid: "unknown-key" })}` })).status).toBe(401);
    expect((await post(secured, invoke())).status).toBe(401);
  });

  it("with an app id, refuses expired, not-yet-valid and foreign-issuer tokens, and a token issued for another serviceUrl", async () => {
    const now = Math.floor(Date.now() / 1000);
    const claims = { aud: APP_ID, serviceurl: connector.serviceUrl };
    const before = connector.calls.length;
    const refused = {
      expired: openId.token({ ...claims, nbf: now - 7200, exp: now - 3600 }),
      notYetValid: openId.token({ ...claims, nbf: now + 3600 }),
      foreignIssuer: openId.token({ ...claims, iss: "https://issuer.evil.example" }),
      noServiceUrl: openId.token({ aud: APP_ID }),
    };
    for (const [why, token] of Object.entries(refused)) {
      expect((await post(secured, teamsActivity("message-channel", values(), { id: `jwt-${why}` }), { authorization: `Bearer ${token}` })).status, why).toBe(401);
    }
    // A genuine token names the connector it came from: the activity cannot send the answer elsewhere.
    const elsewhere = teamsActivity("message-channel", values(), { id: "jwt-elsewhere", serviceUrl: "http://127.0.0.1:9/" });
    expect((await post(secured, elsewhere, { authorization: `Bearer ${openId.token(claims)}` })).status).toBe(401);
    await new Promise((r) => setTimeout(r, 100));
    expect(connector.calls.slice(before)).toEqual([]);
  });

});
