import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runScan } from "../../../src/azure/scan/run-scan.ts";
import { loadTenantFile } from "../../../src/azure/simulator/index.ts";
import { startHttpServer, type RunningHttpServer } from "../../../src/channels/http/http-server.ts";
import { createSlackChannel, type SlackChannel } from "../../../src/channels/slack/slack-app.ts";
import { DEMO_TENANT_FILE } from "../../../src/cli/runtime.ts";
import { createEngine } from "../../../src/conversation/engine.ts";
import { startFakeSlackApi, type FakeSlackApi } from "../../support/fake-slack-api.ts";
import { scanFixture, type ScanFixture } from "../../support/scan-fixture.ts";
import { form, signedSlackRequest } from "../../support/slack-request.ts";
import { conversationMemory } from "../../../src/posts/conversation-memory.ts";
import { DEMO_INVENTORY_SIZE } from "../../support/demo-inventory.ts";
import { ingestMessage } from "../../../src/notices/ingest/ingest-message.ts";
import { createNoticeReview } from "../../../src/notices/review/notice-review.ts";
import { redisNotice } from "../../notices/mail-builder.ts";

const SECRET = "slack-signing-secret-for-tests";
const NOW = new Date("2026-11-26T03:00:00Z");
const BELOW_12 = ["redis-cart-prod", "redis-ml-cache-dev", "redis-payments-prod", "redis-queue-stg", "redis-sandbox-tanaka", "redis-session-prod", "redis-web-stg"];
type Blocks = Array<Record<string, unknown>>;
const textOf = (blocks: unknown) => JSON.stringify(blocks);

describe("Slack channel through Bolt, against a fake Slack Web API", () => {
  let fx: ScanFixture;
  let api: FakeSlackApi;
  let slack: SlackChannel;
  let server: RunningHttpServer;
  const errors: unknown[] = [];
  let n = 0;
  // The Slack adapter's clock (how long what users.info said is kept); the engine's stays at NOW.
  let slackNow = NOW;

  const slash = (text: string, user = "U0ALICE", fields: Record<string, string> = {}) => {
    const id = `r${++n}`;
    const body = form({ token: "x", team_id: "T0CONTOSO", channel_id: "C0OPS", user_id: user, command: "/tls", text, response_url: api.responseUrl(id), trigger_id: "t", ...fields });
    return { id, send: () => fetch(`${server.url}/slack/events`, signedSlackRequest(SECRET, body, "application/x-www-form-urlencoded")) };
  };
  const event = (ev: Record<string, unknown>, team = "T0CONTOSO") =>
    fetch(`${server.url}/slack/events`, signedSlackRequest(SECRET, JSON.stringify({ type: "event_callback", team_id: team, api_app_id: "A1", event_id: `Ev${++n}`, event_time: 1, event: ev }), "application/json"));
  const response = (id: string) => api.waitFor(() => api.responses.find((r) => r.id === id)?.body);

  beforeAll(async () => {
    fx = await scanFixture({ tenant: await loadTenantFile(DEMO_TENANT_FILE) });
    await runScan({ clients: fx.clients, store: fx.store, now: () => NOW }, { source: "arm", concurrency: 4, timeoutMs: 30_000 });
    api = await startFakeSlackApi();
    api.setLocale("U0HANAKO", "ja-JP");
    api.setDisplayName("U0BOB", "Bob Tanaka");
    const noticeReview = createNoticeReview({ store: fx.store, now: () => NOW, reviewers: new Set(["slack:U0BOB"]), parseOptions: {} });
    const engine = createEngine({ store: fx.store, now: () => NOW, noticeReview });
    slack = await createSlackChannel({ botToken: "xoxb-test", signingSecret: SECRET, appToken: undefined, apiUrl: api.apiUrl, teamId: "T0CONTOSO" }, engine, { remember: conversationMemory(fx.store), now: () => slackNow, onError: (e) => errors.push(e) });
    server = await startHttpServer([slack.route], { host: "127.0.0.1", port: 0 });
  });
  afterAll(async () => {
    await server?.close();
    await api?.close();
    await fx?.close();
  });

  it("acks /tls at once and answers through response_url with Block Kit", async () => {
    const { id, send } = slash("caches below 1.2");
    const started = performance.now();
    const res = await send();
    expect(res.status).toBe(200);
    expect(performance.now() - started).toBeLessThan(3000);
    const body = await response(id);
    expect(body["response_type"]).toBe("ephemeral");
    const blocks = body["blocks"] as Blocks;
    expect(blocks[0]).toMatchObject({ type: "header", text: { text: "Redis caches below TLS 1.2 — 7 found" } });
    for (const name of BELOW_12) expect(textOf(blocks)).toContain(name);
    expect(api.calls.filter((c) => c.method === "auth.test")).toHaveLength(1);
  });

  it("answers in the user's Slack locale when the text has no words, and Japanese questions in Japanese", async () => {
    const ja = slash("期限", "U0ALICE");
    await ja.send();
    expect(textOf((await response(ja.id))["blocks"])).toContain("期限");
    const neutral = slash("1.2?", "U0HANAKO");
    await neutral.send();
    expect(textOf((await response(neutral.id))["blocks"])).toContain("件");
    expect(api.calls.filter((c) => c.method === "users.info").map((c) => c.args)).toContainEqual(expect.objectContaining({ user: "U0HANAKO", include_locale: "true" }));
  });

  it("pages with the Block Kit button, replacing the list in place", async () => {
    const list = slash("resources");
    await list.send();
    const blocks = (await response(list.id))["blocks"] as Blocks;
    const actions = blocks.find((b) => b["type"] === "actions") as { elements: Array<{ action_id: string; value: string }> };
    const button = actions.elements[0]!;
    const id = `r${++n}`;
    const payload = { type: "block_actions", team: { id: "T0CONTOSO" }, user: { id: "U0ALICE" }, channel: { id: "C0OPS" }, api_app_id: "A1", token: "x", trigger_id: "t", response_url: api.responseUrl(id), actions: [{ type: "button", action_id: button.action_id, block_id: "b", value: button.value, action_ts: "1" }] };
    const res = await fetch(`${server.url}/slack/events`, signedSlackRequest(SECRET, form({ payload: JSON.stringify(payload) }), "application/x-www-form-urlencoded"));
    expect(res.status).toBe(200);
    const next = await response(id);
    expect(next["replace_original"]).toBe(true);
    expect(textOf(next["blocks"])).toContain(`Showing 21–${Math.min(40, DEMO_INVENTORY_SIZE)} of ${DEMO_INVENTORY_SIZE}`);
  });

  it("ticks an agent retirement's checklist item with its Block Kit button, audited as the clicking user", async () => {
    const said = slash("MARS agents on all servers updated");
    await said.send();
    const blocks = (await response(said.id))["blocks"] as Blocks;
    expect(textOf(blocks)).toContain("Marked done: Update the MARS agent");
    const actions = blocks.find((b) => b["type"] === "actions") as { elements: Array<{ action_id: string; value: string }> };
    const button = actions.elements.find((e) => e.value.includes("restartServices"))!;
    expect(button.action_id).toMatch(/^tickChecklist:/);
    const id = `r${++n}`;
    const payload = { type: "block_actions", team: { id: "T0CONTOSO" }, user: { id: "U0BOB" }, channel: { id: "C0OPS" }, api_app_id: "A1", token: "x", trigger_id: "t", response_url: api.responseUrl(id), actions: [{ type: "button", action_id: button.action_id, block_id: "b", value: button.value, action_ts: "1" }] };
    expect((await fetch(`${server.url}/slack/events`, signedSlackRequest(SECRET, form({ payload: JSON.stringify(payload) }), "application/x-www-form-urlencoded"))).status).toBe(200);
    expect(textOf((await response(id))["blocks"])).toContain("Marked done: Restart the agent service");
    const audit = (await fx.store.listAudit(5)).filter((e) => e.action === "checklist.done").map((e) => [e.actor, e.detail["item"]]);
    expect(audit).toEqual([["slack:U0BOB", "restartServices"], ["slack:U0ALICE", "marsAgentUpdated"]]);
  });

  it("decides a held notice with its Block Kit buttons: refused for a non-reviewer, applied once for a reviewer, audited as them", async () => {
    // A look-alike sender confirming the Redis date: held for a person, and changing no deadline when accepted.
    const held = await ingestMessage(fx.store, { bytes: redisNotice("1 March 2025", { from: "azure-noreply@micros0ft-support.com" }), source: "file:test", receivedAt: NOW.toISOString() }, { now: () => NOW });
    expect(held.notice.status).toBe("triage");
    const asked = slash("notices to review");
    await asked.send();
    const blocks = (await response(asked.id))["blocks"] as Blocks;
    expect(textOf(blocks)).toContain(`Notice #${held.notice.id} is waiting for review`);
    const buttons = (blocks.find((b) => b["type"] === "actions") as { elements: Array<{ action_id: string; value: string }> }).elements;
    expect(buttons.map((b) => b.action_id)).toEqual(["acceptNotice:0", "dismissNotice:1"]);
    const press = async (user: string) => {
      const id = `r${++n}`;
      const payload = { type: "block_actions", team: { id: "T0CONTOSO" }, user: { id: user }, channel: { id: "C0OPS" }, api_app_id: "A1", token: "x", trigger_id: "t", response_url: api.responseUrl(id), actions: [{ type: "button", action_id: buttons[0]!.action_id, block_id: "b", value: buttons[0]!.value, action_ts: "1" }] };
      expect((await fetch(`${server.url}/slack/events`, signedSlackRequest(SECRET, form({ payload: JSON.stringify(payload) }), "application/x-www-form-urlencoded"))).status).toBe(200);
      return textOf((await response(id))["blocks"]);
    };
    expect(await press("U0ALICE")).toContain("Only approvers for all subscriptions");
    expect((await fx.store.getNotice(held.notice.id))?.status).toBe("triage");
    expect(await press("U0BOB")).toContain(`Notice #${held.notice.id} accepted and applied`);
    expect(await press("U0BOB")).toContain(`Notice #${held.notice.id} is not waiting for review`);
    const audit = (await fx.store.listAudit(20)).filter((e) => e.action === "notice.accept" && e.target === `notice:${held.notice.id}`);
    expect(audit.map((e) => e.actor)).toEqual(["slack:U0BOB"]);
    // The name Slack shows for the reviewer is kept beside the id, for the cards that say who decided.
    expect(audit.map((e) => e.detail["name"])).toEqual(["Bob Tanaka"]);
  });

  it("reads a user's display name again after an hour, not on every message: a rename reaches the next decision", async () => {
    const held = await ingestMessage(fx.store, { bytes: redisNotice("1 March 2025", { from: "azure-noreply@micros0ft-support.com", messageId: "renamed-reviewer@test.invalid" }), source: "file:test", receivedAt: NOW.toISOString() }, { now: () => NOW });
    const infoCalls = () => api.calls.filter((c) => c.method === "users.info" && c.args["user"] === "U0BOB").length;
    const ask = async () => {
      const asked = slash(`review notice ${held.notice.id}`, "U0BOB");
      await asked.send();
      return (await response(asked.id))["blocks"] as Blocks;
    };
    try {
      await ask();
      const before = infoCalls();
      api.setDisplayName("U0BOB", "Bob T. (on call)");
      slackNow = new Date(NOW.getTime() + 30 * 60_000);
      await ask();
      expect(infoCalls()).toBe(before);
      slackNow = new Date(NOW.getTime() + 61 * 60_000);
      const blocks = await ask();
      expect(infoCalls()).toBe(before + 1);
      const accept = (blocks.find((b) => b["type"] === "actions") as { elements: Array<{ action_id: string; value: string }> }).elements[0]!;
      const id = `r${++n}`;
      const payload = { type: "block_actions", team: { id: "T0CONTOSO" }, user: { id: "U0BOB" }, channel: { id: "C0OPS" }, api_app_id: "A1", token: "x", trigger_id: "t", response_url: api.responseUrl(id), actions: [{ type: "button", action_id: accept.action_id, block_id: "b", value: accept.value, action_ts: "1" }] };
      expect((await fetch(`${server.url}/slack/events`, signedSlackRequest(SECRET, form({ payload: JSON.stringify(payload) }), "application/x-www-form-urlencoded"))).status).toBe(200);
      expect(textOf((await response(id))["blocks"])).toContain(`Notice #${held.notice.id} accepted`);
      const audit = (await fx.store.listAudit(20)).filter((e) => e.action === "notice.accept" && e.target === `notice:${held.notice.id}`);
      expect(audit.map((e) => e.detail["name"])).toEqual(["Bob T. (on call)"]);
    } finally {
      api.setDisplayName("U0BOB", "Bob Tanaka");
      slackNow = NOW;
    }
  });

  it("answers mentions in a thread and direct messages", async () => {
    await event({ type: "app_mention", user: "U0ALICE", text: "<@U0BOT> 1.2未満のキャッシュは？", channel: "C0OPS", ts: "1700000000.000200" });
    const post = await api.waitFor(() => api.calls.find((c) => c.method === "chat.postMessage" && c.args["thread_ts"] === "1700000000.000200"));
    expect(textOf(post.args["blocks"])).toContain("TLS 1.2 未満の Redis キャッシュ");
    await event({ type: "message", channel_type: "im", user: "U0ALICE", text: "retirements", channel: "D0ALICE", ts: "1700000000.000300" });
    const dm = await api.waitFor(() => api.calls.find((c) => c.method === "chat.postMessage" && c.args["channel"] === "D0ALICE"));
    expect(textOf(dm.args["blocks"])).toContain("TLS 1.0/1.1 retirements");
  });

  it("honours Retry-After when Slack rate-limits a post", async () => {
    api.throttle("chat.postMessage", 1, 1);
    const started = Date.now();
    await event({ type: "message", channel_type: "im", user: "U0ALICE", text: "help", channel: "D0RATE", ts: "1700000000.000400" });
    await api.waitFor(() => api.calls.find((c) => c.method === "chat.postMessage" && c.args["channel"] === "D0RATE"), 15_000);
    expect(api.calls.some((c) => c.method === "chat.postMessage (429)")).toBe(true);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
  }, 20_000);

  it("rejects a bad signature and a stale timestamp with 401", async () => {
    const body = form({ command: "/tls", text: "help", team_id: "T0CONTOSO", user_id: "U0ALICE", channel_id: "C0OPS", response_url: api.responseUrl("never") });
    const bad = signedSlackRequest("wrong-secret", body, "application/x-www-form-urlencoded");
    expect((await fetch(`${server.url}/slack/events`, bad)).status).toBe(401);
    const stale = signedSlackRequest(SECRET, body, "application/x-www-form-urlencoded", Math.floor(Date.now() / 1000) - 10 * 60);
    expect((await fetch(`${server.url}/slack/events`, stale)).status).toBe(401);
    await new Promise((r) => setTimeout(r, 200));
    expect(api.responses.some((r) => r.id === "never")).toBe(false);
  });

  it("refuses an oversized payload without crashing", async () => {
    const body = form({ command: "/tls", text: "x".repeat(2 * 1024 * 1024), team_id: "T0CONTOSO", user_id: "U0ALICE", channel_id: "C0OPS", response_url: api.responseUrl("huge") });
    const res = await fetch(`${server.url}/slack/events`, signedSlackRequest(SECRET, body, "application/x-www-form-urlencoded"));
    expect(res.status).toBeGreaterThanOrEqual(400);
    const after = slash("help");
    expect((await after.send()).status).toBe(200);
    expect(api.responses.some((r) => r.id === "huge")).toBe(false);
  });

  it("ignores Slack's retries and other workspaces, and answers the URL check", async () => {
    const before = api.calls.length;
    const retry = signedSlackRequest(SECRET, JSON.stringify({ type: "event_callback", team_id: "T0CONTOSO", event: { type: "message", channel_type: "im", user: "U0ALICE", text: "help", channel: "D0RETRY", ts: "1" } }), "application/json");
    (retry.headers as Record<string, string>)["x-slack-retry-num"] = "1";
    expect((await fetch(`${server.url}/slack/events`, retry)).status).toBe(200);
    await event({ type: "message", channel_type: "im", user: "U0EVE", text: "help", channel: "D0OTHER", ts: "2" }, "T0OTHER");
    await new Promise((r) => setTimeout(r, 300));
    expect(api.calls.slice(before).filter((c) => c.method === "chat.postMessage")).toEqual([]);
    const check = await fetch(`${server.url}/slack/events`, signedSlackRequest(SECRET, JSON.stringify({ type: "url_verification", challenge: "c-123", token: "x" }), "application/json"));
    expect(await check.text()).toContain("c-123");
  });

  it("refuses requests signed more than 5 minutes away from now, in the future as in the past", async () => {
    const now = Math.floor(Date.now() / 1000);
    for (const offset of [600, -600, 301, -301]) {
      const body = form({ token: "x", team_id: "T0CONTOSO", channel_id: "C0OPS", user_id: "U0ALICE", command: "/tls", text: "help", response_url: api.responseUrl(`skew${offset}`), trigger_id: "t" });
      const res = await fetch(`${server.url}/slack/events`, signedSlackRequest(SECRET, body, "application/x-www-form-urlencoded", now + offset));
      expect(res.status, String(offset)).toBe(401);
    }
    const unsigned = await fetch(`${server.url}/slack/events`, { method: "POST", body: "payload={}", headers: { "content-type": "application/x-www-form-urlencoded" } });
    expect(unsigned.status).toBe(401);
    // Within the window the same request is answered.
    const ok = await fetch(`${server.url}/slack/events`, signedSlackRequest(SECRET, form({ token: "x", team_id: "T0CONTOSO", channel_id: "C0OPS", user_id: "U0ALICE", command: "/tls", text: "help", response_url: api.responseUrl("skew-ok"), trigger_id: "t" }), "application/x-www-form-urlencoded", now + 200));
    expect(ok.status).toBe(200);
    await response("skew-ok");
    expect(api.responses.filter((r) => String(r.id).startsWith("skew") && r.id !== "skew-ok")).toEqual([]);
  });

  // Last: a 429 pauses every call of Bolt's Web API client until its Retry-After, so nothing after it in this file could
  // post through the client. Answers to slash commands and buttons go to their response_url, not through the client.
  it("does not keep a slash command's answer waiting while Slack rate-limits users.info: answered without the name", async () => {
    // Slack's client would wait out Retry-After (and retry for up to half an hour) before the answer could go.
    api.throttle("users.info", 1, 120);
    const first = slash("caches below 1.2", "U0NEWCOMER");
    await first.send();
    expect(textOf((await response(first.id))["blocks"])).toContain("Redis caches below TLS 1.2");
    expect(api.calls.filter((c) => c.method === "users.info (429)" && c.args["user"] === "U0NEWCOMER")).toHaveLength(1);
  });
});
