import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTeamsAdapter } from "../../src/channels/teams/teams-route.ts";
import { teamsDeliverer } from "../../src/channels/teams/teams-deliverer.ts";
import { createSlackChannel } from "../../src/channels/slack/slack-app.ts";
import { slackDeliverer } from "../../src/channels/slack/slack-deliverer.ts";
import { runScan } from "../../src/azure/scan/run-scan.ts";
import { loadTenantFile } from "../../src/azure/simulator/index.ts";
import { DEMO_TENANT_FILE } from "../../src/cli/runtime.ts";
import { createEngine } from "../../src/conversation/engine.ts";
import { ingestMessage } from "../../src/notices/ingest/ingest-message.ts";
import { conversationMemory } from "../../src/posts/conversation-memory.ts";
import { createPoster } from "../../src/posts/poster.ts";
import { digestKey, dueDigests, postDigest } from "../../src/schedule/post-digest.ts";
import { createSqlApprovalStore } from "../../src/store/sql-approval-store.ts";
import type { SqlExecutor } from "../../src/store/sql-executor.ts";
import { redisNotice } from "../notices/mail-builder.ts";
import { startFakeBotConnector, type FakeBotConnector } from "../support/fake-bot-connector.ts";
import { startFakeSlackApi, type FakeSlackApi } from "../support/fake-slack-api.ts";
import { scanFixture, type ScanFixture } from "../support/scan-fixture.ts";

const PROD = "11111111-1111-4111-a111-111111111111";
const TEAMS_CHANNEL = "19:digest0000@thread.tacv2";
// Monday 2026-11-30 09:00 in Tokyo, and the Monday after.
const MONDAY = new Date("2026-11-30T00:00:00Z");
const NEXT_MONDAY = new Date("2026-12-07T00:00:00Z");
const ZONE = "Asia/Tokyo";

describe("weekly digest", () => {
  let fx: ScanFixture;
  let connector: FakeBotConnector;
  let api: FakeSlackApi;
  let poster: ReturnType<typeof createPoster>;
  let approvals: ReturnType<typeof createSqlApprovalStore>;
  const errors: unknown[] = [];
  const slackPosts = () => api.calls.filter((c) => c.method === "chat.postMessage");
  const teamsPosts = () => connector.calls.filter((c) => c.conversationId === TEAMS_CHANNEL);

  beforeAll(async () => {
    fx = await scanFixture({ tenant: await loadTenantFile(DEMO_TENANT_FILE) });
    const at = (iso: string) => () => new Date(iso);
    await runScan({ clients: fx.clients, store: fx.store, now: at("2026-11-20T00:00:00Z") }, { source: "arm", concurrency: 4, timeoutMs: 30_000 });
    connector = await startFakeBotConnector();
    api = await startFakeSlackApi();
    const engine = createEngine({ store: fx.store, now: () => MONDAY });
    const slack = await createSlackChannel({ botToken: "xoxb-test", signingSecret: "s", appToken: undefined, apiUrl: api.apiUrl, teamId: undefined }, engine, { remember: conversationMemory(fx.store), now: () => MONDAY, onError: (e) => errors.push(e) });
    const adapter = createTeamsAdapter({ appId: undefined, appPassword: undefined, appType: "MultiTenant", appTenantId: undefined }, (e) => errors.push(e));
    poster = createPoster({ store: fx.store, now: () => MONDAY, deliverers: [teamsDeliverer(adapter, undefined), slackDeliverer(slack.app)], onError: (e) => errors.push(e), sleep: async () => {} });
    const teamsRef = { channelId: "msteams", serviceUrl: connector.serviceUrl, conversation: { id: TEAMS_CHANNEL, conversationType: "channel", isGroup: true }, bot: { id: "28:bot", name: "tlsbot" } };
    await fx.store.upsertConversation({ key: `teams:${TEAMS_CHANNEL}`, platform: "teams", reference: teamsRef, kind: "channel", tenant: "t", updatedAt: MONDAY.toISOString() });
    await fx.store.upsertConversation({ key: "slack:C0DIGEST", platform: "slack", reference: { channel: "C0DIGEST" }, kind: "channel", tenant: "T0", updatedAt: MONDAY.toISOString() });
    await fx.store.upsertConversation({ key: "slack:C0EMPTY", platform: "slack", reference: { channel: "C0EMPTY" }, kind: "channel", tenant: "T0", updatedAt: MONDAY.toISOString() });
    const say = (conversationId: string, text: string) => engine.handle({ actor: { platform: conversationId.startsWith("slack") ? "slack" : "teams", id: "u" }, conversationId, text });
    expect((await say(`teams:${TEAMS_CHANNEL}`, "subscribe prod-jp")).view).toMatchObject({ type: "subscription", active: true, langs: "ja+en" });
    expect((await say("slack:C0DIGEST", "subscribe everything in english")).view).toMatchObject({ type: "subscription", active: true, langs: "en" });
    await fx.store.updateConversationSettings("slack:C0EMPTY", { scopes: ["no-such-group"], langs: "en" }, MONDAY.toISOString());

    // During the week: Redis postponed by a notice, one cache fixed between two scans, two upgrades requested.
    await ingestMessage(fx.store, { bytes: redisNotice("1 March 2027"), source: "test", receivedAt: "2026-11-27T00:00:00.000Z" }, { now: at("2026-11-27T00:00:00Z") });
    const prod = fx.sim.state.subscription(PROD)!;
    prod.resources.find((r) => r.name === "redis-session-prod")!.properties["minimumTlsVersion"] = "1.2";
    await runScan({ clients: fx.clients, store: fx.store, now: at("2026-11-28T00:00:00Z") }, { source: "arm", concurrency: 4, timeoutMs: 30_000 });

    approvals = createSqlApprovalStore((fx.store as unknown as { exec: SqlExecutor }).exec);
    const cart = (await fx.store.currentResources()).find((f) => f.name === "redis-cart-prod")!;
    const iot = (await fx.store.currentResources()).find((f) => f.name === "iot-factory-osaka")!;
    const request = (id: string, f: typeof cart, createdAt: string) => approvals.create(
      { id, resourceId: f.id, resourceName: f.name, kind: f.kind, target: "1.2", seenTls: "1.0", requestedBy: "teams:u", actorNames: {}, conversationId: `teams:${TEAMS_CHANNEL}`, needsSecond: false, dryRun: false, expiresAt: "2027-01-01T00:00:00.000Z", createdAt },
      { hash: `h-${id}`, step: "confirm", boundActor: "teams:u", expiresAt: "2027-01-01T00:00:00.000Z" });
    await request("a-pending", cart, "2026-11-29T00:00:00.000Z");
    await request("a-done", iot, "2026-11-28T00:00:00.000Z");
    expect(await approvals.move("a-done", ["requested"], "succeeded", {}, "2026-11-28T01:00:00.000Z")).not.toBeNull();
  });
  afterAll(async () => {
    await connector?.close();
    await api?.close();
    await fx?.close();
  });

  it("is keyed by the run's local date in the schedule's zone", () => {
    expect(digestKey(MONDAY, ZONE)).toBe("digest:2026-11-30");
    // 23:30 UTC on Sunday is already Monday in Tokyo, still Sunday in New York.
    expect(digestKey(new Date("2026-11-29T23:30:00Z"), ZONE)).toBe("digest:2026-11-30");
    expect(digestKey(new Date("2026-11-29T23:30:00Z"), "America/New_York")).toBe("digest:2026-11-29");
  });

  it("previews each conversation's digest without sending or claiming anything", async () => {
    const due = await dueDigests(fx.store, MONDAY, { timeZone: ZONE, approvals });
    const byKey = new Map(due.map((d) => [d.conversation.key, d]));
    const teams = byKey.get(`teams:${TEAMS_CHANNEL}`)!.view!;
    expect(teams.notices.map((n) => [n.retirementId, n.deadline])).toEqual([["redis-tls10-11", "2027-03-01"]]);
    expect(teams.fixed.map((r) => r.name)).toEqual(["redis-session-prod"]);
    expect(teams.affected[0]!.deadline <= teams.affected.at(-1)!.deadline).toBe(true);
    expect(teams.upgradesDone.map((u) => u.resourceName)).toEqual(["iot-factory-osaka"]);
    expect(teams.upgradesPending.map((u) => [u.resourceName, u.state])).toEqual([["redis-cart-prod", "requested"]]);
    // Nothing in its scope: only the notice, which every subscribed conversation hears (as when it came).
    expect(byKey.get("slack:C0EMPTY")!.view).toMatchObject({ notices: [{ retirementId: "redis-tls10-11" }], fixed: [], affected: [], upgradesDone: [], upgradesPending: [] });
    expect(connector.calls).toHaveLength(0);
    expect(slackPosts()).toHaveLength(0);
  });

  it("posts one digest per conversation and week, in its languages, on both platforms", async () => {
    expect(await postDigest(fx.store, poster, MONDAY, { timeZone: ZONE, approvals })).toBe(3);
    expect(errors).toEqual([]);
    expect(teamsPosts()).toHaveLength(1);
    const card = JSON.stringify(teamsPosts()[0]!.activity);
    expect(card).toContain("AdaptiveCard");
    expect(card).toContain("TLS 週次ダイジェスト (2026年11月23日～2026年11月30日)");
    expect(card).toContain("Weekly TLS digest, 23 Nov 2026 – 30 Nov 2026");
    expect(card).toContain("新しい通知: Azure Cache for Redis の TLS 1.0/1.1 廃止、期限 2027年3月1日");
    expect(card).toContain("New notice: Azure Cache for Redis TLS 1.0/1.1 retirement, deadline 1 Mar 2027");
    expect(card).toContain("Fixed: redis-session-prod");
    expect(card).toContain("Upgraded: iot-factory-osaka");
    expect(card).toContain("Upgrade pending: redis-cart-prod (waiting for confirmation)");
    expect(card).toContain("Azure Cache for Redis: 3 still affected (2 at risk, 1 unknown), deadline 1 Mar 2027 (91 days left)");
    // Earliest deadline first: long-overdue Service Bus before Redis, whose deadline the notice moved ahead.
    expect(card.indexOf("Azure Service Bus: 1 still affected (1 overdue)")).toBeLessThan(card.indexOf("Azure Cache for Redis: 3 still affected"));
    expect(card).toContain("Azure Cache for Redis: 未対応 3 件 (要対応 2 件、未確認 1 件)、期限 2027年3月1日 (残り 91 日)");
    // English only in Slack, as Block Kit; the everything-scope sees resources outside prod-jp too.
    expect(slackPosts().map((c) => c.args["channel"]).sort()).toEqual(["C0DIGEST", "C0EMPTY"]);
    const slack = JSON.stringify(slackPosts().find((c) => c.args["channel"] === "C0DIGEST")!.args);
    expect(slack).toContain("Weekly TLS digest");
    expect(slack).not.toContain("週次ダイジェスト");
    expect(slack).toContain("\"blocks\"");
    // Run again, or by a second replica's poster: nothing more.
    expect(await postDigest(fx.store, poster, new Date("2026-11-30T05:00:00Z"), { timeZone: ZONE, approvals })).toBe(0);
    const other = createPoster({ store: fx.store, now: () => MONDAY, deliverers: [{ platform: "teams", minIntervalMs: 0, send: async () => { throw new Error("second replica must not send"); }, update: async () => {} }], onError: (e) => errors.push(e) });
    expect(await postDigest(fx.store, other, MONDAY, { timeZone: ZONE, approvals })).toBe(0);
    expect(teamsPosts()).toHaveLength(1);
    expect(errors).toEqual([]);
  });

  it("next week covers only what happened since the last digest", async () => {
    const due = await dueDigests(fx.store, NEXT_MONDAY, { timeZone: ZONE, approvals });
    const teams = due.find((d) => d.conversation.key === `teams:${TEAMS_CHANNEL}`)!;
    expect(teams.key).toBe("digest:2026-12-07");
    expect(teams.alreadySent).toBe(false);
    expect(teams.view!.since).toBe(MONDAY.toISOString());
    expect(teams.view!.notices).toEqual([]);
    expect(teams.view!.fixed).toEqual([]);
    expect(teams.view!.upgradesDone).toEqual([]);
    // A week with nothing in its scope: no digest at all.
    expect(due.find((d) => d.conversation.key === "slack:C0EMPTY")!.view).toBeNull();
    // Still pending, still affected: said again.
    expect(teams.view!.upgradesPending).toHaveLength(1);
    expect(teams.view!.affected.length).toBeGreaterThan(0);
  });

  it("says how many notices wait for review, and since when, in every conversation until they are decided", async () => {
    const at = (iso: string) => () => new Date(iso);
    const held = await Promise.all([["2026-12-01T00:00:00.000Z", "1 May 2028"], ["2026-12-03T00:00:00.000Z", "1 June 2028"]].map(([when, day], n) => ingestMessage(fx.store,
      { bytes: redisNotice(day!, { from: "azure-noreply@micros0ft-support.com", messageId: `digest-held-${n}@example.invalid` }), source: "test", receivedAt: when! }, { now: at(when!) })));
    expect(held.map((h) => h.notice.status)).toEqual(["triage", "triage"]);
    const due = await dueDigests(fx.store, NEXT_MONDAY, { timeZone: ZONE, approvals });
    for (const d of due) expect(d.view?.heldNotices).toEqual({ count: 2, oldestReceivedAt: "2026-12-01T00:00:00.000Z" });
    // A conversation with nothing else in its week still hears of them: nobody would otherwise be reminded.
    expect(due.find((d) => d.conversation.key === "slack:C0EMPTY")!.view).toMatchObject({ notices: [], fixed: [], affected: [], heldNotices: { count: 2 } });
    const { present } = await import("../../src/render/present.ts");
    const teams = due.find((d) => d.conversation.key === `teams:${TEAMS_CHANNEL}`)!.view!;
    expect(present(teams, "en").bullets?.[0]).toBe("2 notices have been waiting for review, the oldest since 1 Dec 2026: until someone accepts them, they change no deadline. Ask \"notices to review\".");
    expect(present(teams, "ja").bullets?.[0]).toBe("確認待ちのお知らせが 2 件あります (最も古いものは 2026年12月1日 から)。承認されるまで、期限には反映されません。「確認待ちのお知らせは？」と聞いてください。");
    const { dismissTriagedNotice } = await import("../../src/notices/ingest/ingest-message.ts");
    // One left: said of one notice in both languages (Japanese has no singular form to fall back on).
    await dismissTriagedNotice(fx.store, held[1]!.notice.id, "teams:reviewer", NEXT_MONDAY);
    const one = (await dueDigests(fx.store, NEXT_MONDAY, { timeZone: ZONE, approvals })).find((d) => d.conversation.key === `teams:${TEAMS_CHANNEL}`)!.view!;
    expect(one.heldNotices).toEqual({ count: 1, oldestReceivedAt: "2026-12-01T00:00:00.000Z" });
    expect(present(one, "en").bullets?.[0]).toBe("1 notice has been waiting for review since 1 Dec 2026: until someone accepts it, it changes no deadline. Ask \"notices to review\".");
    expect(present(one, "ja").bullets?.[0]).toBe("確認待ちのお知らせが 1 件あります (2026年12月1日 から)。承認されるまで、期限には反映されません。「確認待ちのお知らせは？」と聞いてください。");
    await dismissTriagedNotice(fx.store, held[0]!.notice.id, "teams:reviewer", NEXT_MONDAY);
    const after = await dueDigests(fx.store, NEXT_MONDAY, { timeZone: ZONE, approvals });
    expect(after.find((d) => d.conversation.key === "slack:C0EMPTY")!.view).toBeNull();
    expect(after.find((d) => d.conversation.key === `teams:${TEAMS_CHANNEL}`)!.view!.heldNotices).toEqual({ count: 0, oldestReceivedAt: null });
  });
});
