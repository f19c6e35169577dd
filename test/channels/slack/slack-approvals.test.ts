import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApprovals, type Approvals } from "../../../src/approvals/approvals.ts";
import { parseApprovers } from "../../../src/approvals/approvers.ts";
import { RESOURCE_KINDS } from "../../../src/azure/kinds/load-kinds.ts";
import { runScan } from "../../../src/azure/scan/run-scan.ts";
import { loadTenantFile } from "../../../src/azure/simulator/index.ts";
import { startHttpServer, type RunningHttpServer } from "../../../src/channels/http/http-server.ts";
import { createSlackChannel, type SlackChannel } from "../../../src/channels/slack/slack-app.ts";
import { slackDeliverer } from "../../../src/channels/slack/slack-deliverer.ts";
import { DEMO_TENANT_FILE } from "../../../src/cli/runtime.ts";
import { createEngine, type Engine } from "../../../src/conversation/engine.ts";
import type { Approval } from "../../../src/domain/approval.ts";
import { approvalCardUpdater } from "../../../src/posts/approval-updates.ts";
import { conversationMemory } from "../../../src/posts/conversation-memory.ts";
import { createSqlApprovalStore } from "../../../src/store/sql-approval-store.ts";
import type { SqlExecutor } from "../../../src/store/sql-executor.ts";
import { startFakeSlackApi, type FakeSlackApi, type SlackCall } from "../../support/fake-slack-api.ts";
import { scanFixture, type ScanFixture } from "../../support/scan-fixture.ts";
import { form, signedSlackRequest } from "../../support/slack-request.ts";

const SECRET = "slack-signing-secret-for-tests";
const SUB_PROD = "11111111-1111-4111-a111-111111111111";
const rg = `/subscriptions/${SUB_PROD}/resourceGroups/rg-commerce-prod/providers/Microsoft.Cache/Redis`;
const CART = `${rg}/redis-cart-prod`;
const SESSION = `${rg}/redis-session-prod`;
const NOW = new Date("2026-11-26T03:00:00Z");

type Block = Record<string, unknown>;
type Modal = Record<string, unknown> & { blocks: Block[]; private_metadata: string; title: { text: string }; submit: { text: string }; close: { text: string }; callback_id: string };
type Button = { action_id: string; value: string; text: { text: string } };

/**
 * tlsbot as `serve` wires it for Slack, on the simulator: approvals (with this policy), the engine, the Bolt
 * app on the shared HTTP server, and card updates through the Slack Deliverer (chat.update). Requests go in
 * signed, as Slack signs them; everything tlsbot calls lands at the fake Slack Web API.
 */
function slackWorld(policy: { twoPerson?: string[] } = {}) {
  let fx: ScanFixture;
  let api: FakeSlackApi;
  let slack: SlackChannel;
  let server: RunningHttpServer;
  let engine: Engine;
  let approvals: Approvals;
  const errors: unknown[] = [];
  let n = 0;

  const writes = () => fx.sim.requests.filter((r) => r.method === "PATCH" || r.method === "PUT");
  const audits = async (action: string) => (await fx.store.listAudit(500)).filter((e) => e.action === action);
  const interact = (payload: Record<string, unknown>) =>
    fetch(`${server.url}/slack/events`, signedSlackRequest(SECRET, form({ payload: JSON.stringify(payload) }), "application/x-www-form-urlencoded"));
  const slash = (user: string, text: string, trigger: string) => {
    const id = `r${++n}`;
    const body = form({ token: "x", team_id: "T0CONTOSO", channel_id: "C0OPS", user_id: user, command: "/tls", text, response_url: api.responseUrl(id), trigger_id: trigger });
    return { id, sent: fetch(`${server.url}/slack/events`, signedSlackRequest(SECRET, body, "application/x-www-form-urlencoded")) };
  };

  /** A mention in #ops; resolves to the message tlsbot posted in answer (its blocks and ts). */
  async function mention(user: string, text: string): Promise<{ ts: string; blocks: Block[] }> {
    const ts = `1800000000.${String(++n).padStart(6, "0")}`;
    await fetch(`${server.url}/slack/events`, signedSlackRequest(SECRET, JSON.stringify({ type: "event_callback", team_id: "T0CONTOSO", api_app_id: "A1", event_id: `Ev${n}`, event_time: 1, event: { type: "app_mention", user, text: `<@U0BOT> ${text}`, channel: "C0OPS", ts } }), "application/json"));
    const post = await api.waitFor(() => api.calls.find((c) => c.method === "chat.postMessage" && c.args["thread_ts"] === ts && c.result));
    return { ts: String(post.result!["ts"]), blocks: post.args["blocks"] as Block[] };
  }
  const buttons = (blocks: Block[]) => blocks.filter((b) => b["type"] === "actions").flatMap((b) => b["elements"] as Button[]);

  /** Presses a button on a message in #ops, with a fresh trigger_id; returns the response_url id. */
  async function press(user: string, button: Button, messageTs: string, trigger = `trig-${++n}`) {
    const id = `r${++n}`;
    const res = await interact({
      type: "block_actions", team: { id: "T0CONTOSO" }, user: { id: user }, channel: { id: "C0OPS" }, api_app_id: "A1", token: "x", trigger_id: trigger,
      response_url: api.responseUrl(id), container: { type: "message", message_ts: messageTs, channel_id: "C0OPS", is_ephemeral: false },
      message: { type: "message", ts: messageTs }, actions: [{ type: "button", action_id: button.action_id, block_id: "b", value: button.value, action_ts: "1" }],
    });
    expect(res.status).toBe(200);
    return { id, trigger };
  }
  const modalFor = (trigger: string) => api.waitFor(() => api.views.find((v) => v.triggerId === trigger)?.view as Modal | undefined);

  /** What Slack sends when the modal's submit is pressed, with these input values. */
  async function submit(user: string, modal: Modal, inputs: { ack: boolean; typedName: string }, metadata = modal.private_metadata) {
    const values = {
      ack: { ack: { type: "checkboxes", selected_options: inputs.ack ? [{ text: { type: "plain_text", text: "…" }, value: "true" }] : [] } },
      typedName: { typedName: { type: "plain_text_input", value: inputs.typedName } },
    };
    const res = await interact({
      type: "view_submission", team: { id: "T0CONTOSO", domain: "contoso" }, user: { id: user, team_id: "T0CONTOSO" }, api_app_id: "A1", token: "x", trigger_id: `sub-${++n}`,
      view: { id: "V1", team_id: "T0CONTOSO", type: "modal", callback_id: modal.callback_id, private_metadata: metadata, blocks: modal.blocks, title: modal.title, state: { values }, hash: "h", app_id: "A1", bot_id: "B0BOT", clear_on_close: false, notify_on_close: false, root_view_id: "V1", previous_view_id: null },
    });
    expect(res.status).toBe(200);
    const text = await res.text();
    return text ? (JSON.parse(text) as Record<string, unknown>) : null;
  }
  const updatesOf = (ts: string): SlackCall[] => api.calls.filter((c) => c.method === "chat.update" && c.args["ts"] === ts);

  beforeAll(async () => {
    fx = await scanFixture({ tenant: await loadTenantFile(DEMO_TENANT_FILE), redisPatchMode: "202", asyncPollsBeforeDone: 2 });
    await runScan({ clients: fx.clients, store: fx.store, now: () => NOW }, { source: "arm", concurrency: 4, timeoutMs: 30_000 });
    api = await startFakeSlackApi();
    api.setLocale("U0HANAKO", "ja-JP");
    const { entries } = parseApprovers([`slack:U0ALICE@/subscriptions/${SUB_PROD}`, `slack:U0HANAKO@/subscriptions/${SUB_PROD}`]);
    let onChange: (a: Approval) => Promise<void> = async () => {};
    approvals = createApprovals({
      approvals: createSqlApprovalStore((fx.store as unknown as { exec: SqlExecutor }).exec), store: fx.store, clients: () => fx.clients, kinds: RESOURCE_KINDS,
      policy: { approvers: entries, twoPersonScopes: policy.twoPerson ?? [], dryRunScopes: [], ttlMs: 24 * 3600_000 }, now: () => NOW,
      onChange: (a) => onChange(a), onRecorded: () => engine.invalidate(), onError: (e) => errors.push(e),
    });
    engine = createEngine({ store: fx.store, now: () => NOW, approvals });
    slack = await createSlackChannel({ botToken: "xoxb-test", signingSecret: SECRET, appToken: undefined, apiUrl: api.apiUrl, teamId: "T0CONTOSO" }, engine, { remember: conversationMemory(fx.store), now: () => NOW, onError: (e) => errors.push(e) });
    // As `serve` wires it: an approval that moves updates its card through the Slack Deliverer (chat.update).
    onChange = approvalCardUpdater({ store: fx.store, deliverers: [slackDeliverer(slack.app)], onError: (e) => errors.push(e) });
    server = await startHttpServer([slack.route], { host: "127.0.0.1", port: 0 });
    fx.sim.clearRequests();
  }, 60_000);
  afterAll(async () => {
    await approvals?.idle();
    await server?.close();
    await api?.close();
    await fx?.close();
  });

  return {
    get fx() { return fx; }, get api() { return api; }, get approvals() { return approvals; }, errors,
    writes, audits, slash, mention, buttons, press, modalFor, submit, updatesOf,
  };
}

/** Upgrade approvals through the real Bolt app: signed requests in, the fake Slack Web API out, the simulator written to. */
describe("Slack approvals: modal, submission, card updates", () => {
  const w = slackWorld();
  const { errors, writes, audits, slash, mention, buttons, press, modalFor, submit, updatesOf } = w;

  let cart: { ts: string; modal: Modal };

  it("opens the dialog as a modal from the Upgrade button on a detail card", async () => {
    const detail = await mention("U0ALICE", "redis-cart-prod");
    const upgrade = buttons(detail.blocks).find((b) => b.action_id.startsWith("approveUpgrade:"))!;
    expect(upgrade).toBeDefined();
    const { id, trigger } = await press("U0ALICE", upgrade, detail.ts);
    const modal = await modalFor(trigger);
    expect(modal).toMatchObject({ type: "modal", callback_id: "tlsbotApproval", title: { type: "plain_text", text: "Confirm upgrade" }, submit: { text: "Raise to TLS 1.2" }, close: { text: "Cancel" } });
    expect(modal.title.text.length).toBeLessThanOrEqual(24);
    expect(modal.blocks.length).toBeLessThanOrEqual(100);
    const json = JSON.stringify(modal.blocks);
    expect(json).toContain("Raise redis-cart-prod to TLS 1.2?");
    expect(json).toContain("This change cannot be undone");
    expect(json).toContain("no record of the TLS versions clients use");
    const inputs = modal.blocks.filter((b) => b["type"] === "input");
    expect(inputs).toEqual([
      expect.objectContaining({ block_id: "ack", element: expect.objectContaining({ type: "checkboxes", action_id: "ack", options: [expect.objectContaining({ value: "true", text: expect.objectContaining({ text: "I understand that this change cannot be undone" }) })] }) }),
      expect.objectContaining({ block_id: "typedName", label: expect.objectContaining({ text: "Type the resource name to confirm: redis-cart-prod" }), element: expect.objectContaining({ type: "plain_text_input", action_id: "typedName" }) }),
    ]);
    expect(modal.private_metadata.length).toBeLessThanOrEqual(3000);
    expect(JSON.parse(modal.private_metadata)).toMatchObject({ resourceId: CART, target: "1.2", lang: "en", channel: "C0OPS", messageTs: detail.ts, approvalId: expect.any(String), token: expect.any(String) });
    // The modal is the answer: nothing is posted, nothing written.
    await new Promise((r) => setTimeout(r, 200));
    expect(w.api.responses.some((r) => r.id === id)).toBe(false);
    expect(writes()).toEqual([]);
    cart = { ts: detail.ts, modal };
  });

  it("a submission without the tick, or with a wrong name, keeps the modal open with the field's error and writes nothing", async () => {
    expect(await submit("U0ALICE", cart.modal, { ack: false, typedName: "redis-cart-prod" })).toEqual({ response_action: "errors", errors: { ack: "Tick the acknowledgement to continue." } });
    expect(await submit("U0ALICE", cart.modal, { ack: true, typedName: "redis-cart-pro" })).toEqual({ response_action: "errors", errors: { typedName: "The name you typed does not match. Type redis-cart-prod exactly." } });
    await new Promise((r) => setTimeout(r, 200));
    expect(writes()).toEqual([]);
    expect(updatesOf(cart.ts)).toEqual([]);
    expect((await audits("approval.refused")).map((e) => [e.actor, e.detail["reason"]])).toEqual(expect.arrayContaining([["slack:U0ALICE", "ackMissing"], ["slack:U0ALICE", "nameMismatch"]]));
  });

  it("the right submission closes the modal, replaces the card with the status, writes once and keeps the card current", async () => {
    expect(await submit("U0ALICE", cart.modal, { ack: true, typedName: " redis-cart-prod " })).toBeNull();
    const first = await w.api.waitFor(() => updatesOf(cart.ts)[0]);
    expect(first.args["channel"]).toBe("C0OPS");
    expect(JSON.stringify(first.args["blocks"])).toMatch(/Raising redis-cart-prod to TLS 1\.2…|redis-cart-prod now requires TLS 1\.2 or later/);
    await w.approvals.idle();
    // The workflow's own update (applying → succeeded) arrives through the Deliverer on the same message.
    const last = await w.api.waitFor(() => updatesOf(cart.ts).find((c) => JSON.stringify(c.args["blocks"]).includes("redis-cart-prod now requires TLS 1.2 or later")));
    expect(updatesOf(cart.ts).at(-1)).toBe(last);
    expect(writes()).toHaveLength(1);
    expect(writes()[0]).toMatchObject({ method: "PATCH" });
    expect(writes()[0]!.path.toLowerCase()).toContain("/redis/redis-cart-prod");
    expect(await w.fx.store.getResource(CART)).toMatchObject({ configuredTls: "1.2", status: "compliant" });
    const applied = await audits("approval.applied");
    expect(applied).toHaveLength(1);
    expect((await audits("approval.acknowledged"))[0]).toMatchObject({ actor: "slack:U0ALICE", detail: { channel: "slack:C0OPS", typedName: "redis-cart-prod" } });
  }, 30_000);

  it("the same submission replayed writes nothing more and shows where things stand", async () => {
    const before = updatesOf(cart.ts).length;
    expect(await submit("U0ALICE", cart.modal, { ack: true, typedName: "redis-cart-prod" })).toBeNull();
    const again = await w.api.waitFor(() => updatesOf(cart.ts)[before]);
    expect(JSON.stringify(again.args["blocks"])).toContain("redis-cart-prod now requires TLS 1.2 or later");
    await w.approvals.idle();
    expect(writes()).toHaveLength(1);
    expect((await audits("approval.refused")).some((e) => e.detail["reason"] === "tokenUsed")).toBe(true);
  });

  it("refuses a non-approver's Upgrade button with a message of its own, audited, and opens no dialog", async () => {
    const detail = await mention("U0ALICE", "redis-session-prod");
    const upgrade = buttons(detail.blocks).find((b) => b.action_id.startsWith("approveUpgrade:"))!;
    const opened = w.api.views.length;
    const { id } = await press("U0MALLORY", upgrade, detail.ts);
    const answer = await w.api.waitFor(() => w.api.responses.find((r) => r.id === id)?.body);
    expect(answer).toMatchObject({ response_type: "ephemeral", replace_original: false });
    expect(JSON.stringify(answer["blocks"])).toContain("You are not an approver for upgrades");
    expect(w.api.views.length).toBe(opened);
    expect(updatesOf(detail.ts)).toEqual([]);
    expect((await audits("approval.refused")).find((e) => e.actor === "slack:U0MALLORY")?.detail).toMatchObject({ reason: "notApprover", channel: "slack:C0OPS" });
  });

  it("a button value edited to another verb stays the button it was: no confirmation comes from a button", async () => {
    const before = w.api.calls.length;
    const forged = { action_id: "approveUpgrade:0", value: JSON.stringify({ verb: "confirmUpgrade", resourceId: SESSION, token: "y", ack: "true", typedName: "redis-session-prod" }), text: { text: "" } };
    const { trigger } = await press("U0ALICE", forged, "1800000000.999999");
    // Read as approveUpgrade: Alice gets a fresh dialog for the resource, not a confirmation.
    expect(JSON.parse((await modalFor(trigger)).private_metadata)).toMatchObject({ resourceId: SESSION });
    expect(w.api.calls.slice(before).filter((c) => c.method === "chat.update")).toEqual([]);
    expect(writes()).toHaveLength(1);
  });

  it("refuses a submission whose private_metadata was edited to another resource, and writes nothing", async () => {
    const detail = await mention("U0ALICE", "redis-session-prod");
    const { trigger } = await press("U0ALICE", buttons(detail.blocks).find((b) => b.action_id.startsWith("approveUpgrade:"))!, detail.ts);
    const modal = await modalFor(trigger);
    const edited = JSON.stringify({ ...JSON.parse(modal.private_metadata), resourceId: `${rg}/redis-payments-prod` });
    const before = w.api.calls.length;
    expect(await submit("U0ALICE", modal, { ack: true, typedName: "redis-session-prod" }, edited)).toBeNull();
    // The refusal is the submitter's: an ephemeral message, the shared card left as it was.
    const shown = await w.api.waitFor(() => w.api.calls.slice(before).find((c) => c.method === "chat.postEphemeral"));
    expect(shown.args).toMatchObject({ channel: "C0OPS", user: "U0ALICE" });
    expect(JSON.stringify(shown.args["blocks"])).toContain("does not match the request it was issued for");
    expect(updatesOf(detail.ts)).toEqual([]);
    // Another channel in the metadata is another conversation: refused too.
    const elsewhere = JSON.stringify({ ...JSON.parse(modal.private_metadata), channel: "C0ELSEWHERE" });
    expect(await submit("U0ALICE", modal, { ack: true, typedName: "redis-session-prod" }, elsewhere)).toBeNull();
    await w.approvals.idle();
    expect(writes()).toHaveLength(1);
    expect((await audits("approval.refused")).map((e) => e.detail["reason"])).toEqual(expect.arrayContaining(["payloadMismatch", "otherConversation"]));
  });

  it("a mention 'upgrade X' posts the dialog as a message whose one button opens the modal, without the token", async () => {
    const posted = await mention("U0ALICE", "upgrade redis-session-prod");
    const json = JSON.stringify(posted.blocks);
    expect(json).toContain("Raise redis-session-prod to TLS 1.2?");
    expect(json).toContain("This change cannot be undone");
    expect(posted.blocks.some((b) => b["type"] === "input")).toBe(false);
    const [review, ...more] = buttons(posted.blocks);
    expect(more).toEqual([]);
    expect(review).toMatchObject({ action_id: expect.stringMatching(/^approveUpgrade:\d+$/), text: { text: "Review and confirm…" } });
    expect(Object.keys(JSON.parse(review!.value)).sort()).toEqual(["approvalId", "lang", "resourceId", "verb"]);
    const { trigger } = await press("U0ALICE", review!, posted.ts);
    expect(JSON.parse((await modalFor(trigger)).private_metadata)).toMatchObject({ resourceId: SESSION, messageTs: posted.ts });
  });

  it("'/tls upgrade X' opens the modal at once; the result is posted to the channel and kept current", async () => {
    const payments = `/subscriptions/${SUB_PROD}/resourceGroups/rg-payments-prod/providers/Microsoft.Cache/Redis/redis-payments-prod`;
    const { id, sent } = slash("U0ALICE", "upgrade redis-payments-prod", "trig-slash");
    expect((await sent).status).toBe(200);
    const modal = await modalFor("trig-slash");
    expect(JSON.parse(modal.private_metadata)).toMatchObject({ resourceId: payments, channel: "C0OPS", messageTs: null });
    w.fx.sim.clearRequests();
    expect(await submit("U0ALICE", modal, { ack: true, typedName: "redis-payments-prod" })).toBeNull();
    // A message stands in for the result first, so the workflow has a message to update later.
    const holder = await w.api.waitFor(() => w.api.calls.find((c) => c.method === "chat.postMessage" && c.args["channel"] === "C0OPS" && String(c.args["text"]).includes("Checking the confirmation") && c.result));
    const ts = String(holder.result!["ts"]);
    await w.approvals.idle();
    await w.api.waitFor(() => updatesOf(ts).find((c) => JSON.stringify(c.args["blocks"]).includes("redis-payments-prod now requires TLS 1.2 or later")));
    expect(writes()).toHaveLength(1);
    expect(w.api.responses.some((r) => r.id === id)).toBe(false);
  }, 30_000);

  it("a Japanese user gets the modal in Japanese", async () => {
    const detail = await mention("U0HANAKO", "redis-session-prod");
    expect(JSON.stringify(detail.blocks)).toContain("期限切れ");
    const { trigger } = await press("U0HANAKO", buttons(detail.blocks).find((b) => b.action_id.startsWith("approveUpgrade:"))!, detail.ts);
    const modal = await modalFor(trigger);
    expect(modal.title.text).toBe("アップグレードの確認");
    expect(modal.submit.text).toBe("TLS 1.2 に引き上げる");
    expect(modal.close.text).toBe("キャンセル");
    expect(JSON.stringify(modal.blocks)).toContain("この変更は元に戻せません");
    expect(JSON.parse(modal.private_metadata)).toMatchObject({ lang: "ja" });
    expect(await submit("U0HANAKO", modal, { ack: false, typedName: "" })).toEqual({ response_action: "errors", errors: { ack: "続けるには確認のチェックを入れてください。" } });
  });

  it("a resource changed since the dialog replaces the modal with the current one (a new token), which then applies", async () => {
    const detail = await mention("U0ALICE", "redis-session-prod");
    const { trigger } = await press("U0ALICE", buttons(detail.blocks).find((b) => b.action_id.startsWith("approveUpgrade:"))!, detail.ts);
    const modal = await modalFor(trigger);
    // Someone raises it to 1.1 in the portal meanwhile.
    const sim = w.fx.sim.state.subscriptions.flatMap((x) => x.resources).find((r) => r.name === "redis-session-prod")!;
    sim.properties = { ...sim.properties, minimumTlsVersion: "1.1" };
    w.fx.sim.state.touch(sim);
    w.fx.sim.clearRequests();
    const answer = await submit("U0ALICE", modal, { ack: true, typedName: "redis-session-prod" });
    expect(answer).toMatchObject({ response_action: "update", view: { callback_id: "tlsbotApproval" } });
    const again = (answer as { view: Modal }).view;
    expect(JSON.stringify(again.blocks)).toContain("redis-session-prod has changed since this dialog was shown");
    expect(JSON.stringify(again.blocks)).toContain("1.1 → 1.2");
    const [before, after] = [JSON.parse(modal.private_metadata) as Record<string, unknown>, JSON.parse(again.private_metadata) as Record<string, unknown>];
    expect(after).toMatchObject({ approvalId: before["approvalId"], messageTs: detail.ts, channel: "C0OPS" });
    expect(after["token"]).not.toBe(before["token"]);
    expect(writes()).toEqual([]);
    expect(await submit("U0ALICE", again, { ack: true, typedName: "redis-session-prod" })).toBeNull();
    await w.approvals.idle();
    await w.api.waitFor(() => updatesOf(detail.ts).find((c) => JSON.stringify(c.args["blocks"]).includes("redis-session-prod now requires TLS 1.2 or later")));
    expect(writes()).toHaveLength(1);
  }, 30_000);

  it("called no Slack method it does not implement, and logged no errors", () => {
    expect(w.api.unknown).toEqual([]);
    expect(errors).toEqual([]);
  });
});

describe("Slack approvals: two-person rule", () => {
  const w = slackWorld({ twoPerson: [`/subscriptions/${SUB_PROD}`] });
  const { errors, writes, mention, buttons, press, modalFor, submit, updatesOf } = w;

  it("the first approval turns the card into a second approver's request; the requester cannot give it, another approver can", async () => {
    const detail = await mention("U0ALICE", "redis-cart-prod");
    const first = await modalFor((await press("U0ALICE", buttons(detail.blocks).find((b) => b.action_id.startsWith("approveUpgrade:"))!, detail.ts)).trigger);
    expect(JSON.stringify(first.blocks)).toContain("A second approver must confirm before anything changes.");
    expect(await submit("U0ALICE", first, { ack: true, typedName: "redis-cart-prod" })).toBeNull();
    const card = await w.api.waitFor(() => updatesOf(detail.ts)[0]);
    const blocks = card.args["blocks"] as Block[];
    expect(JSON.stringify(blocks)).toContain("Second approval: raise redis-cart-prod to TLS 1.2?");
    const review = buttons(blocks)[0]!;
    expect(review.value).not.toContain(String(JSON.parse(first.private_metadata)["token"]));
    expect(writes()).toEqual([]);
    // The requester presses it: refused at once (no dialog, no new request), only to them.
    const mine = await press("U0ALICE", review, detail.ts);
    const refusal = await w.api.waitFor(() => w.api.responses.find((r) => r.id === mine.id)?.body);
    expect(JSON.stringify(refusal["blocks"])).toContain("cannot also give the second approval");
    expect(w.api.views.some((v) => v.triggerId === mine.trigger)).toBe(false);
    expect(updatesOf(detail.ts)).toHaveLength(1);
    // Hanako gives it (in the card's language, as a card's buttons answer); the write happens once and the card follows it.
    const theirs = await modalFor((await press("U0HANAKO", review, detail.ts)).trigger);
    expect(JSON.stringify(theirs.blocks)).toContain("Second approval: raise redis-cart-prod to TLS 1.2?");
    expect(await submit("U0HANAKO", theirs, { ack: true, typedName: "redis-cart-prod" })).toBeNull();
    await w.approvals.idle();
    await w.api.waitFor(() => updatesOf(detail.ts).find((c) => JSON.stringify(c.args["blocks"]).includes("redis-cart-prod now requires TLS 1.2 or later")));
    expect(writes()).toHaveLength(1);
    expect(await w.approvals.get(JSON.parse(first.private_metadata)["approvalId"] as string)).toMatchObject({ state: "succeeded", approvedBy: ["slack:U0ALICE", "slack:U0HANAKO"] });
    expect(errors).toEqual([]);
  }, 30_000);
});
