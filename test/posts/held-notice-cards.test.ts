import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTeamsAdapter } from "../../src/channels/teams/teams-route.ts";
import { teamsDeliverer } from "../../src/channels/teams/teams-deliverer.ts";
import { acceptTriagedNotice, dismissTriagedNotice, ingestMessage } from "../../src/notices/ingest/ingest-message.ts";
import { postNewNotices } from "../../src/posts/notice-watcher.ts";
import { createPoster } from "../../src/posts/poster.ts";
import { redisNotice } from "../notices/mail-builder.ts";
import { startFakeBotConnector, type FakeBotConnector } from "../support/fake-bot-connector.ts";
import { sharedStore, type SharedStore } from "../support/scan-fixture.ts";

const START = Date.parse("2026-12-01T00:00:00Z");
const MINUTE = 60_000;
const A = "19:a@thread.tacv2";
const B = "19:b@thread.tacv2";

/**
 * A held notice's posted cards once it is decided, as two replicas and flaky platforms leave them: every card is
 * replaced, however late it was delivered or however often its replacement failed, and none is replaced twice.
 */
describe("replacing a decided notice's held cards", () => {
  let shared: SharedStore;
  let connector: FakeBotConnector;
  const errors: unknown[] = [];
  // The watchers' clock only moves forward, as the cursor they share expects.
  let clock = START;
  const at = (minutes: number) => new Date((clock += minutes * MINUTE));
  let watch: (minutesLater: number) => Promise<number>;
  let n = 0;
  const hold = async () => {
    const now = new Date(clock);
    const r = await ingestMessage(shared.store, { bytes: redisNotice("1 June 2030", { from: "azure-noreply@micros0ft-support.com", messageId: `held-cards-${n++}@example.invalid` }), source: "file:test", receivedAt: now.toISOString() }, { now: () => now });
    expect(r.notice.status).toBe("triage");
    return r.notice.id;
  };
  const dismiss = (id: number) => dismissTriagedNotice(shared.store, id, "teams:29:reviewer", new Date(clock), "Aiko Sato");
  const posts = (id: number) => connector.calls.filter((c) => c.method === "POST" && JSON.stringify(c.activity).includes(`(#${id})`));
  const puts = (activityId: string) => connector.calls.filter((c) => c.method === "PUT" && c.activityId === activityId);

  beforeAll(async () => {
    shared = await sharedStore();
    connector = await startFakeBotConnector();
    const adapter = createTeamsAdapter({ appId: undefined, appPassword: undefined, appType: "MultiTenant", appTenantId: undefined }, (e) => errors.push(e));
    const poster = createPoster({ store: shared.store, now: () => new Date(clock), deliverers: [teamsDeliverer(adapter, undefined)], onError: (e) => errors.push(e), sleep: async () => {} });
    watch = (minutesLater) => postNewNotices(shared.store, poster, () => at(minutesLater));
    const ref = (id: string) => ({ channelId: "msteams", serviceUrl: connector.serviceUrl, conversation: { id, conversationType: "channel", isGroup: true }, bot: { id: "28:bot", name: "tlsbot" } });
    for (const id of [A, B]) await shared.store.upsertConversation({ key: `teams:${id}`, platform: "teams", reference: ref(id), kind: "channel", tenant: "t", scopes: ["*"], langs: "en", updatedAt: new Date(START).toISOString() });
    expect(await watch(0)).toBe(0);
  });
  afterAll(async () => {
    await connector?.close();
    await shared?.close();
  });

  it("replaces a card another replica delivered after the decision, rounds later", async () => {
    const id = await hold();
    // Another replica is sending the card to B when this one's round posts it.
    expect(await shared.store.claimPost(`teams:${B}`, `notice-held:${id}`, new Date(clock).toISOString())).toBe(true);
    expect(await watch(1)).toBe(1);
    const [onA] = posts(id);
    expect(onA?.conversationId).toBe(A);
    await dismiss(id);
    expect(await watch(1)).toBe(1);
    expect(puts(onA!.id)).toHaveLength(1);
    expect(await watch(5)).toBe(0);
    // The other replica's card lands now, after every round whose window held the decision.
    await shared.store.completePost(`teams:${B}`, `notice-held:${id}`, { activityId: "activity-late" }, new Date(clock).toISOString());
    expect(await watch(5)).toBe(1);
    expect(JSON.stringify(puts("activity-late")[0]?.activity)).toContain(`Notice #${id} was dismissed`);
    expect(await watch(5)).toBe(0);
    expect(puts(onA!.id)).toHaveLength(1);
    expect(errors).toEqual([]);
  });

  it("tries a failed replacement again on later rounds, and stops trying a card that cannot be replaced", async () => {
    const id = await hold();
    expect(await watch(1)).toBe(2);
    const [first, second] = posts(id).sort((x, y) => x.conversationId.localeCompare(y.conversationId));
    await dismiss(id);
    connector.fail(1, 404);
    expect(await watch(1)).toBe(1);
    expect(errors).toHaveLength(1);
    expect(puts(first!.id)).toHaveLength(0);
    expect(puts(second!.id)).toHaveLength(1);
    // Failing again on the next round, and replaced on the one after, whose window no longer holds the decision.
    connector.fail(1, 404);
    expect(await watch(5)).toBe(0);
    expect(errors).toHaveLength(2);
    expect(await watch(5)).toBe(1);
    expect(puts(first!.id)).toHaveLength(1);
    expect(puts(second!.id)).toHaveLength(1);

    // A card no replacement reaches (a user deleted it) is tried ten times, not every round for a week.
    errors.length = 0;
    const gone = await hold();
    expect(await watch(1)).toBe(2);
    await dismiss(gone);
    connector.fail(1_000, 404);
    for (let round = 0; round < 15; round++) await watch(1);
    connector.fail(0, 404);
    expect(errors).toHaveLength(20);
    expect(await watch(1)).toBe(0);
  });

  it("says so when a notice accepted with tlsbot accept-notice changed nothing, older than the one that set the deadline", async () => {
    const now = () => new Date(clock);
    const setter = await ingestMessage(shared.store, { bytes: redisNotice("1 April 2027", { date: "2026-11-20T00:00:00Z", messageId: "setter@notify.microsoft.com" }), source: "file:test", receivedAt: now().toISOString() }, { now });
    expect(setter.notice.status).toBe("applied");
    const older = await ingestMessage(shared.store, { bytes: redisNotice("1 July 2031", { from: "noreply@azure-alerts.example", date: "2026-09-01T00:00:00Z", messageId: "older@example.invalid" }), source: "file:test", receivedAt: now().toISOString() }, { now });
    expect(older.notice.status).toBe("triage");
    await watch(1);
    const cards = posts(older.notice.id);
    expect(cards).toHaveLength(2);
    const accepted = await acceptTriagedNotice(shared.store, older.notice.id, "cli:alice", { now });
    expect(accepted.notice).toMatchObject({ status: "ignored", reason: "superseded" });
    await watch(1);
    for (const card of cards) {
      const replaced = puts(card.id);
      expect(replaced).toHaveLength(1);
      const text = JSON.stringify(replaced[0]!.activity);
      expect(text).toContain(`Notice #${older.notice.id} was accepted but changed nothing`);
      expect(text).toContain("older than the notice that set the current deadline");
      expect(text).toContain("cli:alice");
      expect(text).not.toContain("acceptNotice");
    }
  });

  it("posts a held notice processed in the same round as hundreds of mails that were no notices", async () => {
    const id = await hold();
    const now = new Date(clock).toISOString();
    for (let i = 0; i < 210; i++) {
      const { notice } = await shared.store.recordNotice({ messageKey: `newsletter-${i}`, source: "file:test", receivedAt: now, raw: null });
      await shared.store.updateNotice(notice.id, { status: "ignored", reason: "notRetirement", at: now });
    }
    expect(await watch(1)).toBe(2);
    expect(posts(id)).toHaveLength(2);
  });
});
