import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ingestMessage } from "../../src/notices/ingest/ingest-message.ts";
import { postNewNotices } from "../../src/posts/notice-watcher.ts";
import { buildMail } from "../notices/mail-builder.ts";
import { startPostingWorld, type PostingWorld } from "../support/posting-world.ts";
import { EARLIER, LATER, noticeRetirement, PG, PROD, scannedTenant } from "../support/overlapping-retirements.ts";
import type { ScanFixture } from "../support/scan-fixture.ts";

const NOTICE_AT = new Date("2026-12-01T00:00:00Z");
const TEAMS = "19:platform@thread.tacv2";

const laterNotice = () => buildMail({
  subject: "Action required: Azure Database for PostgreSQL flexible servers must use TLS 1.2 by 1 September 2027",
  messageId: "pg-bbbb-222@notify.microsoft.com", date: "2026-11-30T09:00:00Z",
  body: "Tracking ID: BBBB-222\n\nAzure Database for PostgreSQL flexible servers will retire support for TLS 1.0 and 1.1 on 1 September 2027.\n\n"
    + "Required action\nSet the minimum TLS version of your servers to 1.2 before 1 September 2027.\n",
});

/**
 * A trusted notice creates a retirement for PostgreSQL flexible servers due 1 September 2027, while an earlier notice's
 * retirement, due 1 March 2027, already governs them. The post announces the new retirement without listing those
 * servers under its date: it says they keep the earlier deadline.
 */
describe("the post of a notice whose retirement's type an earlier retirement governs", () => {
  let fx: ScanFixture;
  let world: PostingWorld;
  const posted = () => ({
    slack: world.api.calls.filter((c) => c.method === "chat.postMessage" && c.args["channel"] === "C0PROD").map((c) => JSON.stringify(c.args["blocks"])),
    teams: world.connector.calls.filter((c) => c.conversationId === TEAMS).map((c) => JSON.stringify(c.activity)),
  });

  beforeAll(async () => {
    fx = await scannedTenant();
    await fx.store.upsertRetirement(noticeRetirement(EARLIER, 21));
    world = await startPostingWorld(fx.store, NOTICE_AT);
    await fx.store.upsertConversation({ key: "slack:C0PROD", platform: "slack", reference: { channel: "C0PROD" }, kind: "channel", tenant: "T0", scopes: [PROD], langs: "en", updatedAt: NOTICE_AT.toISOString() });
    await fx.store.upsertConversation({ key: `teams:${TEAMS}`, platform: "teams", reference: world.teamsRef(TEAMS), kind: "channel", tenant: "t", scopes: ["*"], langs: "ja", updatedAt: NOTICE_AT.toISOString() });
    expect(await postNewNotices(fx.store, world.poster, () => NOTICE_AT)).toBe(0);
    const r = await ingestMessage(fx.store, { bytes: laterNotice(), source: "file:test", receivedAt: NOTICE_AT.toISOString() }, { now: () => NOTICE_AT });
    expect([r.notice.status, r.notice.retirementIds]).toEqual(["applied", [LATER.id]]);
    // The created retirement applies to what the notice says retires: PostgreSQL flexible servers.
    expect((await fx.store.getRetirement(LATER.id))?.resourceTypes).toContain(PG);
    expect(await postNewNotices(fx.store, world.poster, () => new Date(NOTICE_AT.getTime() + 60_000))).toBe(2);
  });
  afterAll(async () => {
    await world?.close();
    await fx?.close();
  });

  it("lists none of the servers under the new date, and says they keep the earlier deadline (en)", () => {
    const [post, ...more] = posted().slack;
    expect(more).toEqual([]);
    expect(post).toContain("New TLS retirement: Tracking ID BBBB-222");
    expect(post).toContain("1 Sep 2027");
    expect(post).not.toContain("pg-orders-prod");
    expect(post).not.toContain("still need action");
    expect(post).toContain("2 resources of these types keep the deadline of Tracking ID AAAA-111 (1 Mar 2027); this notice does not change it.");
    expect(world.errors).toEqual([]);
  });

  it("says so in Japanese, counting every subscription in the channel's scope", () => {
    const [post, ...more] = posted().teams;
    expect(more).toEqual([]);
    expect(post).not.toContain("pg-playground-dev");
    expect(post).toContain("対象の種類のリソースのうち 3 件には、引き続き 追跡 ID AAAA-111 の期限 (2027年3月1日) が適用されます。このお知らせで期限は変わりません。");
  });
});
