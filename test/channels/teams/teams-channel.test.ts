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
import { allowedTeamsTenants } from "../../../src/channels/teams/allowed-tenants.ts";
import type { TenantRefusal } from "../../../src/channels/teams/teams-bot.ts";
import { teamsDeliverer } from "../../../src/channels/teams/teams-deliverer.ts";
import { createPoster } from "../../../src/posts/poster.ts";
import type { View } from "../../../src/render/view-model.ts";

const NOW = new Date("2026-11-26T03:00:00Z");
const TENANT = "72f988bf-0000-4000-a000-0000000000aa";
const FOREIGN = "11111111-aaaa-4aaa-aaaa-111111111111";
const OTHER_ALLOWED = "0f0e0d0c-0000-4000-a000-0000000000bb";
const APP_ID = "3f2a0000-0000-4000-a000-00000000abcd";
const CART = "/subscriptions/11111111-1111-4111-a111-111111111111/resourceGroups/rg-commerce-prod/providers/Microsoft.Cache/Redis/redis-cart-prod";

describe("Teams through botbuilder's CloudAdapter, replying to a fake Bot Connector", () => {
  let fx: ScanFixture;
  let connector: FakeBotConnector;
  let open: RunningHttpServer;
  let secured: RunningHttpServer;
  let openId: FakeOpenId;
  const errors: unknown[] = [];
  const refusals: TenantRefusal[] = [];
  const post = (server: RunningHttpServer, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${server.url}/api/messages`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: typeof body === "string" ? body : JSON.stringify(body) });
  const values = () => ({ SERVICE_URL: connector.serviceUrl, RESOURCE_ID: CART });

  beforeAll(async () => {
    fx = await scanFixture({ tenant: await loadTenantFile(DEMO_TENANT_FILE) });
    await runScan({ clients: fx.clients, store: fx.store, now: () => NOW }, { source: "arm", concurrency: 4, timeoutMs: 30_000 });
    connector = await startFakeBotConnector();
    const engine = createEngine({ store: fx.store, now: () => NOW });
    // As serve builds them: no tenant filter in unauthenticated local mode (a tenant id there is only the
    // caller's claim), the allowed tenants with an app id.
    const bot = new TeamsBot(engine, { remember: conversationMemory(fx.store), now: () => NOW, allowedTenants: null, onError: (e) => errors.push(e) });
    const securedBot = new TeamsBot(engine, { remember: conversationMemory(fx.store), now: () => NOW, allowedTenants: allowedTeamsTenants({ appTenantId: undefined, tenants: [TENANT.toUpperCase(), OTHER_ALLOWED] }), onRefused: (r) => refusals.push(r), onError: (e) => errors.push(e) });
    const health = { method: "GET" as const, pattern: /^\/healthz$/, handler: (_r: unknown, res: import("node:http").ServerResponse) => sendJson(res, 200, { ok: true }) };
    open = await startHttpServer([health, teamsRoute(createTeamsAdapter({ appId: undefined, appPassword: undefined, appType: "MultiTenant", appTenantId: undefined }, (e) => errors.push(e)), bot, { local: true, onError: (e) => errors.push(e) })], { host: "127.0.0.1", port: 0 });
    openId = await startFakeOpenId();
    const app = { appId: APP_ID, appPassword: "not-a-real-secret", appType: "MultiTenant" as const, appTenantId: undefined };
    secured = await startHttpServer([teamsRoute(createTeamsAdapter(app, (e) => errors.push(e), { openIdMetadataUrl: openId.metadataUrl }), securedBot, { local: false, onError: (e) => errors.push(e) })], { host: "127.0.0.1", port: 0 });
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

  it("ignores unknown activity types and answers invokes without data clearly", async () => {
    const before = connector.calls.length;
    expect((await post(open, teamsActivity("message-channel", values(), { type: "messageReaction", id: "react-1" }))).status).toBe(200);
    const noVerb = await post(open, teamsActivity("invoke-action-execute", values(), { value: {} }));
    expect(((await noVerb.json()) as { statusCode: number }).statusCode).toBe(400);
    await new Promise((r) => setTimeout(r, 100));
    expect(connector.calls.slice(before)).toEqual([]);
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

  it("with a MultiTenant app id, answers only the allowed tenants: another tenant's genuine token gets no data, and its conversation is never stored", async () => {
    const auth = { authorization: `Bearer ${openId.token({ aud: APP_ID, serviceurl: connector.serviceUrl })}` };
    const from = (tenant: string | null, id: string, other: string | null = tenant) => ({
      conversation: { id, conversationType: "channel", ...(tenant ? { tenantId: tenant } : {}) }, channelData: other ? { tenant: { id: other } } : {},
    });
    const before = connector.calls.length;
    refusals.length = 0;
    const refused = {
      message: teamsActivity("message-channel", values(), { id: "foreign-msg", ...from(FOREIGN, "19:foreign-a@thread.tacv2") }),
      install: teamsActivity("conversation-update-installed", values(), { id: "foreign-install", ...from(FOREIGN, "19:foreign-b@thread.tacv2") }),
      // Teams names the tenant twice; an activity whose two ids disagree is trusted on neither.
      mixed: teamsActivity("message-channel", values(), { id: "foreign-mixed", ...from(TENANT, "19:foreign-c@thread.tacv2", FOREIGN) }),
      noTenant: teamsActivity("message-channel", values(), { id: "foreign-none", ...from(null, "19:foreign-d@thread.tacv2") }),
    };
    for (const [why, activity] of Object.entries(refused)) expect((await post(secured, activity, auth)).status, why).toBe(200);
    const invoke = await post(secured, teamsActivity("invoke-action-execute", values(), { id: "foreign-invoke", locale: "ja-JP", ...from(FOREIGN, "a:foreign-personal") }), auth);
    const body = (await invoke.json()) as { statusCode: number; value: { message: string } };
    expect(body.statusCode).toBe(403);
    expect(body.value.message).toContain("お使いの組織では利用できません");
    expect(JSON.stringify(body)).not.toContain("redis");

    await new Promise((r) => setTimeout(r, 100));
    expect(connector.calls.slice(before)).toEqual([]);
    for (const id of ["19:foreign-a@thread.tacv2", "19:foreign-b@thread.tacv2", "19:foreign-c@thread.tacv2", "19:foreign-d@thread.tacv2", "a:foreign-personal"]) {
      expect(await fx.store.getConversation(`teams:${id}`), id).toBeNull();
    }
    expect(refusals).toHaveLength(5);
    expect(refusals[0]).toEqual({ tenants: [FOREIGN, FOREIGN], channelId: "msteams", activityType: "message", conversationType: "channel" });
    expect(JSON.stringify(refusals)).not.toContain("Bearer");

    // The allowed tenants (spelled in any case) are answered as before (an invoke: its answer needs no outbound token).
    const ok = await post(secured, teamsActivity("invoke-action-execute", values(), { id: "allowed-upper", ...from(OTHER_ALLOWED.toUpperCase(), "a:allowed-personal") }), auth);
    expect(JSON.stringify(await ok.json())).toContain("redis-cart-prod");
    expect(await fx.store.getConversation("teams:a:allowed-personal")).toMatchObject({ tenant: OTHER_ALLOWED.toUpperCase() });
  });

  it("never posts to a conversation of a tenant that is not allowed (stored by an older version): it is unsubscribed and audited", async () => {
    const ref = (id: string, tenantId: string) => ({ channelId: "msteams", serviceUrl: connector.serviceUrl, conversation: { id, conversationType: "channel", tenantId }, bot: { id: "28:bot", name: "tlsbot" } });
    for (const [id, tenant] of [["19:old-foreign@thread.tacv2", FOREIGN], ["19:old-allowed@thread.tacv2", TENANT]] as const) {
      await fx.store.upsertConversation({ key: `teams:${id}`, platform: "teams", reference: ref(id, tenant), kind: "channel", tenant, scopes: ["*"], updatedAt: NOW.toISOString() });
    }
    const adapter = createTeamsAdapter({ appId: undefined, appPassword: undefined, appType: "MultiTenant", appTenantId: undefined }, (e) => errors.push(e));
    const poster = createPoster({ store: fx.store, now: () => NOW, deliverers: [teamsDeliverer(adapter, undefined, { allowedTenants: [TENANT] })], onError: (e) => errors.push(e) });
    const view: View = { type: "reminderDone", retirementId: "redis-tls10-11", deadline: "2025-03-01" };
    await poster.post("reminder:tenant-test:1", (c) => (c.key.startsWith("teams:19:old-") ? view : null));
    expect(connector.calls.filter((c) => c.conversationId === "19:old-foreign@thread.tacv2")).toEqual([]);
    expect(connector.calls.filter((c) => c.conversationId === "19:old-allowed@thread.tacv2")).toHaveLength(1);
    expect((await fx.store.getConversation("teams:19:old-foreign@thread.tacv2"))?.scopes).toEqual([]);
    const audit = (await fx.store.listAudit(50)).filter((e) => e.action === "channel.removed" && e.target === "teams:19:old-foreign@thread.tacv2");
    expect(audit.map((e) => e.detail["reason"])).toEqual(["TenantNotAllowed"]);
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
