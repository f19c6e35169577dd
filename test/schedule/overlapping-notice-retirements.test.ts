import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Command } from "../../src/conversation/command.ts";
import { createEngine } from "../../src/conversation/engine.ts";
import { dueDigests } from "../../src/schedule/post-digest.ts";
import { dueAllDone, dueReminders, postReminders, reminderFor, snapshot, type DueReminder } from "../../src/schedule/post-reminders.ts";
import { startPostingWorld, type PostingWorld } from "../support/posting-world.ts";
import { EARLIER, LATER, noticeRetirement, PROD, scannedTenant } from "../support/overlapping-retirements.ts";
import type { ScanFixture } from "../support/scan-fixture.ts";

/** 30 days before the later deadline; the earlier one passed 154 days ago (its 22nd weekly reminder). */
const LATER_30_DAYS = new Date("2027-08-02T00:00:00Z");
/** A week after the later deadline: both have passed. */
const BOTH_PAST = new Date("2027-09-08T00:00:00Z");
const TEAMS = "19:platform@thread.tacv2";

const noticeReminders = (due: readonly DueReminder[]) => due.filter((d) => d.retirementId.startsWith("tracking-"))
  .map((d) => ({ id: d.retirementId, milestone: d.milestone, afterDays: d.afterDays, affected: d.affected.map((r) => `${r.name} ${r.status} ${r.deadline}`).sort() }));

/**
 * Two trusted notices created retirements for PostgreSQL flexible servers, which the catalog does not cover: due
 * 1 March 2027 and 1 September 2027. The deadline book gives the servers the earlier one, so that is the retirement
 * they are reminded under; the later one has no resources of its own and says nothing of them.
 */
describe("reminders of two notice-created retirements for the same type", () => {
  let fx: ScanFixture;
  let world: PostingWorld;

  beforeAll(async () => {
    fx = await scannedTenant();
    await fx.store.upsertRetirement(noticeRetirement(EARLIER, 21));
    await fx.store.upsertRetirement(noticeRetirement(LATER, 22));
    world = await startPostingWorld(fx.store, LATER_30_DAYS);
    await fx.store.upsertConversation({ key: "slack:C0PROD", platform: "slack", reference: { channel: "C0PROD" }, kind: "channel", tenant: "T0", scopes: [PROD], langs: "en", updatedAt: LATER_30_DAYS.toISOString() });
    await fx.store.upsertConversation({ key: `teams:${TEAMS}`, platform: "teams", reference: world.teamsRef(TEAMS), kind: "channel", tenant: "t", scopes: ["*"], langs: "en", updatedAt: LATER_30_DAYS.toISOString() });
  });
  afterAll(async () => {
    await world?.close();
    await fx?.close();
  });

  it("the later retirement's 30-day reminder is not due: every server below 1.2 is the earlier one's, overdue since 1 March", async () => {
    expect(noticeReminders(await dueReminders(fx.store, LATER_30_DAYS))).toEqual([{
      id: EARLIER.id, milestone: -154, afterDays: 154,
      affected: ["pg-billing-prod overdue 2027-03-01", "pg-orders-prod overdue 2027-03-01", "pg-playground-dev overdue 2027-03-01"],
    }]);
  });

  it("posts the servers to Slack and Teams once, under the earlier retirement and its date, never under the later one", async () => {
    await postReminders(fx.store, world.poster, LATER_30_DAYS);
    const slack = world.api.calls.filter((c) => c.method === "chat.postMessage" && c.args["channel"] === "C0PROD").map((c) => JSON.stringify(c.args["blocks"]));
    const teams = world.connector.calls.filter((c) => c.conversationId === TEAMS).map((c) => JSON.stringify(c.activity));
    for (const [platform, posts] of [["slack", slack], ["teams", teams]] as const) {
      const naming = posts.filter((p) => p.includes("pg-orders-prod"));
      expect(naming, platform).toHaveLength(1);
      expect(naming[0], platform).toContain("Tracking ID AAAA-111");
      expect(naming[0], platform).toContain("1 Mar 2027");
      expect(posts.filter((p) => p.includes("BBBB-222")), platform).toEqual([]);
    }
    expect(world.errors).toEqual([]);
  });

  it("after both deadlines only the earlier retirement's weekly reminder names them, and the later one is never 'all done'", async () => {
    expect(noticeReminders(await dueReminders(fx.store, BOTH_PAST))).toEqual([{
      id: EARLIER.id, milestone: -189, afterDays: 189,
      affected: ["pg-billing-prod overdue 2027-03-01", "pg-orders-prod overdue 2027-03-01", "pg-playground-dev overdue 2027-03-01"],
    }]);
    await postReminders(fx.store, world.poster, BOTH_PAST);
    expect((await dueAllDone(fx.store, BOTH_PAST, await snapshot(fx.store, BOTH_PAST))).filter((d) => d.retirementId.startsWith("tracking-"))).toEqual([]);
  });

  it("'snooze postgres' holds back every reminder that names the servers, not only the earlier retirement's", async () => {
    const asked = new Date("2027-07-20T00:00:00Z");
    await fx.store.upsertConversation({ key: "slack:C0QUIET", platform: "slack", reference: { channel: "C0QUIET" }, kind: "channel", tenant: "T0", scopes: ["*"], updatedAt: asked.toISOString() });
    const engine = createEngine({ store: fx.store, now: () => asked, freshnessMs: 0 });
    await engine.handle({ actor: { platform: "slack", id: "U1" }, conversationId: "slack:C0QUIET", text: "snooze postgres for 30 days" } satisfies Command);
    const quiet = (await fx.store.getConversation("slack:C0QUIET"))!;
    expect(Object.keys(quiet.snoozes ?? {})).toEqual([EARLIER.id]);
    const views = (await dueReminders(fx.store, LATER_30_DAYS)).map((d) => reminderFor(quiet, d, LATER_30_DAYS));
    const naming = views.filter((v) => v !== null && v !== "snoozed" && JSON.stringify(v).includes("pg-orders-prod"));
    expect(naming).toEqual([]);
  });

  it("the weekly digest counts each server once, under the retirement that governs it", async () => {
    const digest = (await dueDigests(fx.store, LATER_30_DAYS, { timeZone: "UTC" })).find((d) => d.conversation.key === "slack:C0PROD")!.view!;
    expect(digest.affected.filter((a) => a.retirementId.startsWith("tracking-"))).toEqual([
      { retirementId: EARLIER.id, deadline: EARLIER.deadline, daysLeft: -154, atRisk: 0, overdue: 2, unknown: 0 },
    ]);
  });
});
