import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Command } from "../../src/conversation/command.ts";
import { createEngine, type Engine } from "../../src/conversation/engine.ts";
import type { Deliverer, RenderedPost } from "../../src/posts/deliverer.ts";
import { createPoster } from "../../src/posts/poster.ts";
import { renderBroadcast } from "../../src/render/broadcast.ts";
import { present } from "../../src/render/present.ts";
import type { View } from "../../src/render/view-model.ts";
import { dueReminders, postReminders } from "../../src/schedule/post-reminders.ts";
import { sharedStore, type SharedStore } from "../support/scan-fixture.ts";

const NOW = new Date("2026-11-26T03:00:00Z");
const MARS = "backup-mars-tls10-11";
const CONNECT = "aad-connect-agents-tls10-11";
const say = (engine: Engine, text: string, id = "U1") => engine.handle({ actor: { platform: "slack", id }, conversationId: "slack:C1", text } satisfies Command);
const tick = (engine: Engine, data: Record<string, unknown>) => engine.handle({ actor: { platform: "teams", id: "aad-2" }, conversationId: "teams:ops", action: { verb: "tickChecklist", data } } satisfies Command);
type Checklist = Extract<View, { type: "checklist" }>;
const words = (view: View, lang: "en" | "ja") => {
  const p = present(view, lang);
  return [p.title, p.subtitle ?? "", ...p.bullets, ...p.notes, ...p.actions.map((a) => a.title)].join("\n");
};

describe("agent retirements: a checklist ticked in words or from the card", () => {
  let shared: SharedStore;
  let engine: Engine;
  const posts: Array<{ key: string; post: RenderedPost }> = [];
  const recorder: Deliverer = { platform: "slack", minIntervalMs: 0, send: async (c, post) => { posts.push({ key: c.key, post }); return { activityId: String(posts.length) }; }, update: async () => {} };

  beforeAll(async () => {
    shared = await sharedStore();
    await shared.store.upsertConversation({ key: "slack:C1", platform: "slack", reference: { channel: "C1" }, kind: "channel", tenant: null, scopes: ["*"], langs: "ja+en", updatedAt: NOW.toISOString() });
    engine = createEngine({ store: shared.store, now: () => NOW, freshnessMs: 0 });
  });
  afterAll(async () => { await shared.close(); });

  it("reminds every subscribed conversation of the open items, with a button per item", async () => {
    const due = (await dueReminders(shared.store, NOW)).find((d) => d.retirementId === MARS)!;
    expect(due.openItems).toEqual(["marsAgentUpdated", "schannelTls12Client", "dotnetSystemDefaultTls", "dotnetStrongCrypto", "restartServices"]);
    const poster = createPoster({ store: shared.store, now: () => NOW, deliverers: [recorder], onError: (e) => { throw e; } });
    await postReminders(shared.store, poster, NOW);
    const mars = posts.find((p) => p.post.text.includes("MARS"))!;
    expect(mars.post.text).toContain("☐ 1. Update the MARS agent to the latest version on every server");
    expect(mars.post.text).toContain("☐ 1. Azure にバックアップしているすべてのサーバーで、MARS エージェントを最新バージョンに更新します。");
    // Slack buttons and Teams Action.Execute carry the item to tick.
    const buttons = JSON.stringify(mars.post.slack.blocks);
    expect(buttons).toContain("tickChecklist");
    expect(buttons).toContain("dotnetStrongCrypto");
    const card = JSON.stringify(renderBroadcast({ type: "reminder", retirementId: MARS, deadline: "2021-09-01", daysLeft: -1912, affected: [], affectedTotal: 0, affectedKinds: [], affectedScope: null, openItems: ["restartServices"] }, "en").card);
    expect(card).toMatch(/"verb":"tickChecklist"|"action":"tickChecklist"|tickChecklist/);
    expect(card).toContain("restartServices");
  });

  it("ticks the headline item when an operator says it is done, in either language: stored and audited", async () => {
    const en = await say(engine, "MARS agents on all servers updated");
    expect(en.view.type).toBe("checklist");
    const view = en.view as Checklist;
    expect(view).toMatchObject({ retirementId: MARS, ticked: "marsAgentUpdated" });
    expect(view.items.map((i) => i.done)).toEqual([true, false, false, false, false]);
    expect(words(view, "en")).toContain("Marked done: Update the MARS agent");
    expect(words(view, "en")).toContain("checklist 1/5 done");
    expect((await shared.store.getRetirement(MARS))!.data["checklist"]).toMatchObject([{ key: "marsAgentUpdated", done: true, doneBy: "slack:U1", doneAt: NOW.toISOString() }, {}, {}, {}, {}]);
    const [audit] = await shared.store.listAudit(1);
    expect(audit).toMatchObject({ action: "checklist.done", actor: "slack:U1", target: `retirement:${MARS}`, detail: { item: "marsAgentUpdated" } });

    const ja = await say(engine, "Entra Connect エージェント更新済み", "U2");
    expect(ja.view).toMatchObject({ type: "checklist", retirementId: CONNECT, ticked: "connectAgentsUpdated" });
    expect(words(ja.view, "ja")).toContain("完了にしました: すべてのサーバーで、Azure AD Connect");
    expect((await shared.store.listAudit(1))[0]).toMatchObject({ actor: "slack:U2", target: `retirement:${CONNECT}` });
    const ja2 = await say(engine, "MARS エージェント更新済み", "U2");
    // Already done: answered with the checklist, not audited twice.
    expect(ja2.view).toMatchObject({ type: "checklist", retirementId: MARS });
    expect((await shared.store.listAudit(10)).filter((a) => a.target === `retirement:${MARS}`)).toHaveLength(1);
  });

  it("does not take a question for a report", async () => {
    for (const q of ["are the MARS agents updated?", "MARS エージェントは更新済みですか", "is azure backup done"]) {
      expect((await say(engine, q)).view.type, q).not.toBe("checklist");
    }
  });

  it("ticks an item from the card; an edited payload gets a clear answer and changes nothing", async () => {
    const reply = await tick(engine, { retirementId: MARS, item: "dotnetStrongCrypto", lang: "ja" });
    expect(reply.view).toMatchObject({ type: "checklist", ticked: "dotnetStrongCrypto" });
    expect(words(reply.view, "ja")).toContain("チェックリスト 2/5 完了");
    expect((await shared.store.listAudit(1))[0]).toMatchObject({ action: "checklist.done", actor: "teams:aad-2", detail: { item: "dotnetStrongCrypto" } });
    const before = await shared.store.getRetirement(MARS);
    const bad = await tick(engine, { retirementId: MARS, item: "nope", lang: "en" });
    expect(bad.view).toMatchObject({ type: "error", code: "checklistItemUnknown" });
    expect(words(bad.view, "en")).toContain("has no checklist step nope");
    expect((await tick(engine, { retirementId: "redis-tls10-11", item: "marsAgentUpdated" })).view).toMatchObject({ type: "error", code: "retirementUnknown" });
    expect(await shared.store.getRetirement(MARS)).toEqual(before);
  });

  it("lists the open items on the retirements card, and stops reminding once all are done", async () => {
    const card = await say(engine, "which retirements are tracked");
    expect(card.view.type).toBe("retirements");
    const text = words(card.view, "en");
    expect(text).toContain("☐ 2. Enable TLS 1.2 in SChannel");
    expect(text).not.toContain("☐ 1. Update the MARS agent");
    for (const item of ["schannelTls12Client", "dotnetSystemDefaultTls", "restartServices"]) await tick(engine, { retirementId: MARS, item });
    const due = await dueReminders(shared.store, new Date("2026-12-10T03:00:00Z"));
    expect(due.find((d) => d.retirementId === MARS)).toBeUndefined();
    expect(due.find((d) => d.retirementId === CONNECT)?.openItems).toHaveLength(4);
    // No "all done" broadcast for an agent retirement: the checklist card said it.
    const poster = createPoster({ store: shared.store, now: () => new Date("2026-12-10T03:00:00Z"), deliverers: [recorder], onError: (e) => { throw e; } });
    const before = posts.length;
    await postReminders(shared.store, poster, new Date("2026-12-10T03:00:00Z"));
    expect(posts.slice(before).some((p) => p.post.text.includes("MARS"))).toBe(false);
  });
});
