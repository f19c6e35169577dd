import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runScan, type ScanOutcome } from "../../src/azure/scan/run-scan.ts";
import { loadTenantFile } from "../../src/azure/simulator/index.ts";
import { createPoster } from "../../src/posts/poster.ts";
import { heldNoticePost, noticeBroadcast } from "../../src/posts/notice-broadcast.ts";
import { postNewNotices } from "../../src/posts/notice-watcher.ts";
import { advisorSource } from "../../src/notices/sources/advisor/advisor-source.ts";
import { ingestMessage } from "../../src/notices/ingest/ingest-message.ts";
import { redisNotice } from "../notices/mail-builder.ts";
import { scanBroadcast } from "../../src/posts/scan-broadcast.ts";
import { postNewScans } from "../../src/posts/scan-watcher.ts";
import { createSlackChannel } from "../../src/channels/slack/slack-app.ts";
import { slackDeliverer } from "../../src/channels/slack/slack-deliverer.ts";
import { teamsDeliverer } from "../../src/channels/teams/teams-deliverer.ts";
import { createTeamsAdapter } from "../../src/channels/teams/teams-route.ts";
import { DEMO_TENANT_FILE } from "../../src/cli/runtime.ts";
import { createEngine } from "../../src/conversation/engine.ts";
import { InventoryIndex } from "../../src/conversation/inventory-index.ts";
import type { Deliverer } from "../../src/posts/deliverer.ts";
import { startFakeBotConnector, type FakeBotConnector } from "../support/fake-bot-connector.ts";
import { startFakeSlackApi, type FakeSlackApi } from "../support/fake-slack-api.ts";
import { scanFixture, type ScanFixture } from "../support/scan-fixture.ts";
import { conversationMemory } from "../../src/posts/conversation-memory.ts";

const NOW = new Date("2026-11-26T03:00:00Z");
const PROD = "11111111-1111-4111-a111-111111111111";
const TEAMS_CHANNEL = "19:general0000@thread.tacv2";

describe("proactive posts of scan differences", () => {
  let fx: ScanFixture;
  let connector: FakeBotConnector;
  let api: FakeSlackApi;
  let deliverers: Deliverer[];
  const errors: unknown[] = [];
  const sleeps: number[] = [];
  const scan = () => runScan({ clients: fx.clients, store: fx.store, now: () => NOW }, { source: "arm", concurrency: 4, timeoutMs: 30_000 });
  const poster = () => createPoster({ store: fx.store, now: () => NOW, deliverers, onError: (e) => errors.push(e), sleep: async (ms) => { sleeps.push(ms); } });
  let outcome: ScanOutcome;
  let names: Map<string, string>;
  const build = async () => scanBroadcast(await fx.store.scanChanges(outcome.scanId!), names, NOW, await InventoryIndex.load(fx.store, NOW, "UTC"));

  beforeAll(async () => {
    fx = await scanFixture({ tenant: await loadTenantFile(DEMO_TENANT_FILE) });
    await scan();
    connector = await startFakeBotConnector();
    api = await startFakeSlackApi();
    const engine = createEngine({ store: fx.store, now: () => NOW });
    const slack = await createSlackChannel({ botToken: "xoxb-test", signingSecret: "s", appToken: undefined, apiUrl: api.apiUrl, teamId: undefined }, engine, { remember: conversationMemory(fx.store), now: () => NOW, onError: (e) => errors.push(e) });
    const adapter = createTeamsAdapter({ appId: undefined, appPassword: undefined, appType: "MultiTenant", appTenantId: undefined }, (e) => errors.push(e));
    deliverers = [teamsDeliverer(adapter, undefined), slackDeliverer(slack.app)];

    const teamsRef = { channelId: "msteams", serviceUrl: connector.serviceUrl, conversation: { id: TEAMS_CHANNEL, conversationType: "channel", isGroup: true }, bot: { id: "28:bot", name: "tlsbot" } };
    await fx.store.upsertConversation({ key: `teams:${TEAMS_CHANNEL}`, platform: "teams", reference: teamsRef, kind: "channel", tenant: "t", updatedAt: NOW.toISOString() });
    await fx.store.upsertConversation({ key: "slack:C0OPS", platform: "slack", reference: { channel: "C0OPS" }, kind: "channel", tenant: "T0", updatedAt: NOW.toISOString() });
    await fx.store.upsertConversation({ key: "teams:19:quiet@thread.tacv2", platform: "teams", reference: { ...teamsRef, conversation: { id: "19:quiet@thread.tacv2" } }, kind: "channel", tenant: "t", updatedAt: NOW.toISOString() });
    // Subscribed the way users do it: through the engine, in their own words.
    const say = (conversationId: string, text: string) => engine.handle({ actor: { platform: conversationId.startsWith("slack") ? "slack" : "teams", id: "u" }, conversationId, text });
    expect((await say(`teams:${TEAMS_CHANNEL}`, "subscribe prod-jp")).view).toMatchObject({ type: "subscription", active: true, langs: "ja+en" });
    expect((await say("slack:C0OPS", "すべてを日本語で購読")).view).toMatchObject({ type: "subscription", active: true, langs: "ja", scopeNames: ["*"] });

    // Between two scans: one cache fixed, one new cache still accepting TLS 1.0, in prod-jp-east.
    const prod = fx.sim.state.subscription(PROD)!;
    const session = prod.resources.find((r) => r.name === "redis-session-prod")!;
    session.properties["minimumTlsVersion"] = "1.2";
    prod.resources.push({ ...structuredClone(session), name: "redis-new-prod", properties: { ...structuredClone(session.properties), minimumTlsVersion: "1.0" } });
    // The watcher's first look only remembers where the history stands.
    expect(await postNewScans(fx.store, poster(), () => NOW)).toBe(0);
    outcome = await scan();
    names = new Map((await fx.store.listSubscriptions()).map((s) => [s.subscriptionId.toLowerCase(), s.displayName]));
  });
  afterAll(async () => {
    await connector?.close();
    await api?.close();
    await fx?.close();
  });

  it("posts exactly one card per subscribed conversation, in its languages", async () => {
    // A scan run anywhere is found and posted by the watcher.
    expect(await postNewScans(fx.store, poster(), () => NOW)).toBe(2);
    const teams = connector.calls.filter((c) => c.conversationId === TEAMS_CHANNEL);
    expect(teams).toHaveLength(1);
    const card = JSON.stringify(teams[0]!.activity);
    expect(card).toContain("スキャン結果: 新たに対応が必要 1 件、対応済み 1 件");
    expect(card).toContain("Scan: 1 newly need action, 1 fixed");
    expect(card).toContain("redis-new-prod");
    expect(card).toContain("redis-session-prod");
    const slack = api.calls.filter((c) => c.method === "chat.postMessage" && c.args["channel"] === "C0OPS");
    expect(slack).toHaveLength(1);
    expect(JSON.stringify(slack[0]!.args["blocks"])).toContain("スキャン結果");
    expect(JSON.stringify(slack[0]!.args["blocks"])).not.toContain("Scan:");
    expect(connector.calls.filter((c) => c.conversationId === "19:quiet@thread.tacv2")).toEqual([]);
    expect(errors).toEqual([]);
  });

  it("does not post the same thing again after a restart", async () => {
    const before = { teams: connector.calls.length, slack: api.calls.length };
    expect(await postNewScans(fx.store, poster(), () => NOW)).toBe(0);
    const again = await poster().post(`scan:${outcome.scanId}`, await build());
    expect(again).toEqual({ sent: 0, skipped: 2, failed: 0, inFlight: 0 });
    expect(connector.calls.length).toBe(before.teams);
    expect(api.calls.length).toBe(before.slack);
  });

  it("waits out Teams' Retry-After and still posts once", async () => {
    connector.throttle(1, 2);
    const started = Date.now();
    const result = await poster().post("scan:retry-test", await build());
    expect(result.sent).toBe(2);
    // botbuilder's connector client retries a 429 after Retry-After itself; the poster's own wait is for
    // when it gives up.
    expect(Date.now() - started + sleeps.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(2000);
    expect(connector.calls.filter((c) => c.conversationId === TEAMS_CHANNEL)).toHaveLength(2);
  });

  it("posts a notice that moved a deadline, with the resources each conversation follows", async () => {
    const result = await ingestMessage(fx.store, { bytes: redisNotice("1 March 2027", { messageId: "broadcast@notify.microsoft.com" }), source: "test", receivedAt: NOW.toISOString() }, { now: () => NOW });
    const build = await noticeBroadcast(fx.store, result, NOW);
    expect(build).not.toBeNull();
    const before = connector.calls.length;
    expect(await poster().post(`notice:${result.notice.id}`, build!)).toMatchObject({ sent: 2 });
    const teams = JSON.stringify(connector.calls.slice(before).find((c) => c.conversationId === TEAMS_CHANNEL)?.activity);
    expect(teams).toContain("延期: Azure Cache for Redis の TLS 1.0/1.1 廃止");
    expect(teams).toContain("Postponed: Azure Cache for Redis TLS 1.0/1.1 retirement");
    expect(teams).toContain("redis-cart-prod");
    // prod-jp-east only: a dev-sandbox cache is not in this channel's post.
    expect(teams).not.toContain("redis-sandbox-tanaka");
    const slack = JSON.stringify(api.calls.filter((c) => c.method === "chat.postMessage").at(-1)?.args["blocks"]);
    expect(slack).toContain("redis-sandbox-tanaka");
    expect(await poster().post(`notice:${result.notice.id}`, build!)).toMatchObject({ sent: 0 });
  });

  it("posts a held notice once to every subscribed conversation, with its decisions, in each conversation's languages", async () => {
    const result = await ingestMessage(fx.store, { bytes: redisNotice("1 March 2028", { from: "azure-noreply@micros0ft-support.com", messageId: "held-post@example.invalid" }), source: "test", receivedAt: NOW.toISOString() }, { now: () => NOW });
    expect(result.notice.status).toBe("triage");
    const build = heldNoticePost(result);
    expect(build).not.toBeNull();
    const before = connector.calls.length;
    expect(await poster().post(`notice-held:${result.notice.id}`, build!)).toMatchObject({ sent: 2 });
    const teams = JSON.stringify(connector.calls.slice(before).find((c) => c.conversationId === TEAMS_CHANNEL)?.activity);
    expect(teams).toContain(`A notice needs review (#${result.notice.id})`);
    expect(teams).toContain(`確認が必要なお知らせがあります (#${result.notice.id})`);
    expect(teams).toContain("acceptNotice");
    const slack = JSON.stringify(api.calls.filter((c) => c.method === "chat.postMessage").at(-1)?.args["blocks"]);
    expect(slack).toContain("承認 (期限 2028年3月1日)");
    expect(slack).not.toContain("A notice needs review");
    expect(await poster().post(`notice-held:${result.notice.id}`, build!)).toMatchObject({ sent: 0 });
    // Applied or seen before: nothing to put in front of a person.
    expect(heldNoticePost({ ...result, duplicate: true })).toBeNull();
    expect(heldNoticePost({ ...result, notice: { ...result.notice, status: "applied" } })).toBeNull();
  });

  it("posts notices ingested elsewhere (a shell, another replica) once: a held one with its decisions, an applied one with its resources", async () => {
    const watch = () => postNewNotices(fx.store, poster(), () => NOW);
    // The first look only marks where notices stand: nothing old is replayed.
    expect(await watch()).toBe(0);
    const held = await ingestMessage(fx.store, { bytes: redisNotice("1 May 2028", { from: "noreply@azure-alerts.example", messageId: "watch-held@example.invalid" }), source: "file:cli", receivedAt: NOW.toISOString() }, { now: () => NOW });
    const applied = await ingestMessage(fx.store, { bytes: redisNotice("1 April 2027", { messageId: "watch-applied@notify.microsoft.com", date: "2026-11-25T00:00:00Z" }), source: "file:cli", receivedAt: NOW.toISOString() }, { now: () => NOW });
    expect([held.notice.status, applied.notice.status]).toEqual(["triage", "applied"]);
    const before = connector.calls.length;
    // Two conversations, two notices; notices the ingesting process already posted are not sent again.
    expect(await watch()).toBe(4);
    const teams = connector.calls.slice(before).filter((c) => c.conversationId === TEAMS_CHANNEL).map((c) => JSON.stringify(c.activity));
    expect(teams).toHaveLength(2);
    expect(teams[0]).toContain(`A notice needs review (#${held.notice.id})`);
    expect(teams[1]).toContain("redis-cart-prod");
    expect(await watch()).toBe(0);
  });

  it("replaces a held notice's posted card once it is decided, in place and once, saying who decided and what it moved", async () => {
    const watch = () => postNewNotices(fx.store, poster(), () => NOW);
    await watch();
    const mail = (date: string, id: string) => redisNotice(date, { from: "noreply@azure-alerts.example", messageId: `${id}@example.invalid`, date: "2026-11-26T01:00:00Z" });
    const accepted = await ingestMessage(fx.store, { bytes: mail("1 June 2028", "replace-accept"), source: "file:cli", receivedAt: NOW.toISOString() }, { now: () => NOW });
    const dismissed = await ingestMessage(fx.store, { bytes: mail("1 July 2028", "replace-dismiss"), source: "file:cli", receivedAt: NOW.toISOString() }, { now: () => NOW });
    expect([accepted.notice.status, dismissed.notice.status]).toEqual(["triage", "triage"]);
    expect(await watch()).toBe(4);
    const teamsPost = (id: number) => connector.calls.find((c) => c.method === "POST" && c.conversationId === TEAMS_CHANNEL && JSON.stringify(c.activity).includes(`(#${id})`))!;
    const slackPost = (id: number) => api.calls.find((c) => c.method === "chat.postMessage" && JSON.stringify(c.args["blocks"]).includes(`(#${id})`))!;
    const [teamsAccepted, teamsDismissed] = [teamsPost(accepted.notice.id), teamsPost(dismissed.notice.id)];
    const [slackAccepted, slackDismissed] = [slackPost(accepted.notice.id), slackPost(dismissed.notice.id)];
    for (const p of [teamsAccepted, teamsDismissed, slackAccepted, slackDismissed]) expect(p).toBeDefined();

    const { acceptTriagedNotice, dismissTriagedNotice } = await import("../../src/notices/ingest/ingest-message.ts");
    const done = await acceptTriagedNotice(fx.store, accepted.notice.id, "teams:29:reviewer", { now: () => NOW, actorName: "Aiko Sato" });
    expect(done.notice.status).toBe("applied");
    await dismissTriagedNotice(fx.store, dismissed.notice.id, "slack:U0REVIEW", NOW);
    const before = { teams: connector.calls.length, slack: api.calls.length };
    // Two replacements in each of two conversations, and the accepted notice's announcement in both.
    expect(await watch()).toBe(6);
    const puts = connector.calls.slice(before.teams).filter((c) => c.method === "PUT");
    expect(puts.map((c) => c.activityId).sort()).toEqual([teamsAccepted.id, teamsDismissed.id].sort());
    const teamsCard = JSON.stringify(puts.find((c) => c.activityId === teamsAccepted.id)!.activity);
    expect(teamsCard).toContain(`Notice #${accepted.notice.id} was accepted and applied`);
    expect(teamsCard).toContain(`お知らせ #${accepted.notice.id} は承認され、反映されました`);
    expect(teamsCard).toContain("Aiko Sato");
    expect(teamsCard).toContain("2028");
    expect(teamsCard).not.toContain("acceptNotice");
    expect(teamsCard).not.toContain("dismissNotice");
    const updates = api.calls.slice(before.slack).filter((c) => c.method === "chat.update");
    expect(updates.map((c) => c.args["ts"]).sort()).toEqual([slackAccepted.result?.["ts"], slackDismissed.result?.["ts"]].sort());
    const slackCard = JSON.stringify(updates.find((c) => c.args["ts"] === slackDismissed.result?.["ts"])!.args["blocks"]);
    // This channel reads Japanese only.
    expect(slackCard).toContain(`お知らせ #${dismissed.notice.id} は却下されました`);
    expect(slackCard).toContain("slack:U0REVIEW");
    expect(slackCard).not.toContain("was dismissed");
    expect(slackCard).not.toContain("dismissNotice");
    // Once: the next rounds (whose window still covers these notices) replace nothing again.
    const after = { teams: connector.calls.length, slack: api.calls.length };
    expect(await watch()).toBe(0);
    expect(connector.calls.length).toBe(after.teams);
    expect(api.calls.length).toBe(after.slack);
    expect(errors).toEqual([]);
  });

  it("does not announce Advisor's impacted resources: attached as evidence, they moved no deadline", async () => {
    const polled = await advisorSource(fx.clients).poll({ store: fx.store, options: { now: () => NOW } });
    const applied = polled.results.filter((r) => r.notice.status === "applied");
    expect(applied.length).toBeGreaterThan(0);
    for (const r of applied) expect(await noticeBroadcast(fx.store, r, NOW)).toBeNull();
  });

  it("stops posting to a conversation that unsubscribes", async () => {
    const engine = createEngine({ store: fx.store, now: () => NOW });
    expect((await engine.handle({ actor: { platform: "teams", id: "u" }, conversationId: `teams:${TEAMS_CHANNEL}`, text: "購読解除" })).view).toMatchObject({ type: "subscription", active: false });
    const result = await poster().post("scan:after-unsubscribe", await build());
    expect(result.sent).toBe(1);
    expect((await fx.store.listAudit()).some((a) => a.action === "channel.unsubscribe" && a.target === `teams:${TEAMS_CHANNEL}`)).toBe(true);
  });
});
