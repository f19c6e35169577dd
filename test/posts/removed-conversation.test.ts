import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { View } from "../../src/render/view-model.ts";
import { startPostingWorld, type PostingWorld } from "../support/posting-world.ts";
import { sharedStore, type SharedStore } from "../support/scan-fixture.ts";

const NOW = new Date("2026-11-30T00:00:00Z");
const REMOVED = "19:removed@thread.tacv2";
const DELETED = "19:deleted@thread.tacv2";
const KEPT = "19:kept@thread.tacv2";
const VIEW: View = { type: "reminderDone", retirementId: "redis-tls10-11", deadline: "2025-03-01" };

/**
 * A conversation the bot was removed from: the platform's answer (Teams 403/404, Slack channel_not_found,
 * not_in_channel, is_archived) unsubscribes it after one attempt, audited; the others keep getting posts.
 */
describe("posting to a conversation the bot was removed from", () => {
  let shared: SharedStore;
  let world: PostingWorld;
  let connector: PostingWorld["connector"];
  let api: PostingWorld["api"];
  let poster: PostingWorld["poster"];
  let errors: unknown[];
  const sleeps: number[] = [];

  beforeAll(async () => {
    shared = await sharedStore();
    const store = shared.store;
    world = await startPostingWorld(store, NOW, async (ms) => void sleeps.push(ms));
    ({ connector, api, poster, errors } = world);
    const ref = world.teamsRef;
    for (const id of [REMOVED, DELETED, KEPT]) await store.upsertConversation({ key: `teams:${id}`, platform: "teams", reference: ref(id), kind: "channel", tenant: "t", scopes: ["*"], updatedAt: NOW.toISOString() });
    for (const ch of ["C0GONE", "C0OUT", "C0ARCH", "C0KEPT"]) await store.upsertConversation({ key: `slack:${ch}`, platform: "slack", reference: { channel: ch }, kind: "channel", tenant: "T0", scopes: ["*"], updatedAt: NOW.toISOString() });
    connector.remove(REMOVED);
    connector.remove(DELETED, { status: 404, code: "ConversationNotFound" });
  });
  afterAll(async () => {
    await world?.close();
    await shared?.close();
  });

  it("unsubscribes after one attempt, audits it, and keeps posting elsewhere", async () => {
    const first = api.calls.length;
    // Each Slack channel answers with one of the three codes (the fake answers the next call with it).
    let failed = 0;
    for (const [channel, error] of [["C0ARCH", "is_archived"], ["C0GONE", "channel_not_found"], ["C0OUT", "not_in_channel"]] as const) {
      api.fail("chat.postMessage", error);
      const r = await poster.post(`probe:${channel}`, (c) => (c.key === `slack:${channel}` ? VIEW : null));
      expect(r.sent).toBe(0);
      failed += r.failed;
    }
    expect(failed).toBe(3);
    const teams = await poster.post("reminder:test:1", () => VIEW);
    expect(teams).toMatchObject({ sent: 2, failed: 2 });
    expect(errors).toEqual([]);
    expect(sleeps).toEqual([]);

    // One attempt each: no retry storm.
    expect(connector.calls.filter((c) => c.conversationId === REMOVED)).toHaveLength(1);
    expect(connector.calls.filter((c) => c.conversationId === DELETED)).toHaveLength(1);
    expect(connector.calls.filter((c) => c.conversationId === KEPT && c.method === "POST")).toHaveLength(1);
    const slackCalls = api.calls.slice(first).filter((c) => c.method.startsWith("chat.postMessage"));
    for (const ch of ["C0ARCH", "C0GONE", "C0OUT"]) expect(slackCalls.filter((c) => c.args["channel"] === ch), ch).toHaveLength(1);

    // Unsubscribed and audited with the platform's reason.
    const subscribed = (await shared.store.listSubscribedConversations()).map((c) => c.key).sort();
    expect(subscribed).toEqual([`slack:C0KEPT`, `teams:${KEPT}`]);
    const audit = (await shared.store.listAudit(20)).filter((e) => e.action === "channel.removed");
    expect(audit.map((e) => [e.target, e.detail["reason"], e.actor]).sort()).toEqual([
      ["slack:C0ARCH", "is_archived", "tlsbot"], ["slack:C0GONE", "channel_not_found", "tlsbot"], ["slack:C0OUT", "not_in_channel", "tlsbot"],
      [`teams:${DELETED}`, "ConversationNotFound", "tlsbot"], [`teams:${REMOVED}`, "BotNotInConversationRoster", "tlsbot"],
    ].sort());
    expect(audit.find((e) => e.target === `teams:${REMOVED}`)!.detail).toMatchObject({ platform: "teams", post: "reminder:test:1", scopes: ["*"] });
  });

  it("posts nothing more to them in later rounds", async () => {
    const before = connector.calls.length;
    const slackBefore = api.calls.length;
    const r = await poster.post("reminder:test:2", () => VIEW);
    expect(r.sent).toBe(2);
    expect(r.failed).toBe(0);
    const teamsCalls = connector.calls.slice(before).map((c) => c.conversationId);
    expect(teamsCalls).toEqual([KEPT]);
    expect(api.calls.slice(slackBefore).filter((c) => c.method === "chat.postMessage").map((c) => c.args["channel"])).toEqual(["C0KEPT"]);
  });

  it("keeps a transient failure subscribed (a 500 is not a removal)", async () => {
    api.fail("chat.postMessage", "internal_error");
    const r = await poster.post("reminder:test:3", (c) => (c.key === "slack:C0KEPT" ? VIEW : null));
    expect(r.failed).toBe(1);
    expect(errors).toHaveLength(1);
    errors.length = 0;
    expect((await shared.store.listSubscribedConversations()).map((c) => c.key)).toContain("slack:C0KEPT");
  });
});
