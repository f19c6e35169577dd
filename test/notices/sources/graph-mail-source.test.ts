import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { StaticTokenCredential } from "../../../src/azure/static-token-credential.ts";
import { graphMailSource } from "../../../src/notices/sources/graph/graph-mail-source.ts";
import { startFakeGraphMail, type FakeGraphMail } from "../../support/fake-graph-mail.ts";
import { sharedStore, type SharedStore } from "../../support/scan-fixture.ts";
import { buildMail, forgedRedisPostponement, redisNotice } from "../mail-builder.ts";

const USER = "azure-notices@contoso.co.jp";
const now = () => new Date("2026-11-01T00:00:00Z");

function addMessages(fake: FakeGraphMail, count: number, startMs: number): void {
  for (let i = 0; i < count; i++) {
    const n = fake.messages.length + 1;
    const mid = `graph-${n}@notify.microsoft.com`;
    const mime = n % 10 === 0
      ? redisNotice("1 March 2027", { messageId: mid })
      : buildMail({ subject: `Weekly usage summary ${n}`, body: `Your usage this week: ${n} GB.`, messageId: mid });
    // Pairs of messages share a timestamp: the inclusive cursor must not lose or repeat either.
    fake.messages.push({ id: `AAMk${n}`, internetMessageId: `<${mid}>`, receivedDateTime: new Date(startMs + Math.floor(i / 2) * 60_000).toISOString().replace(/\.\d+Z$/, "Z"), mime });
  }
}

describe("Microsoft Graph mail source against a local HTTPS fake", () => {
  let fake: FakeGraphMail;
  let s: SharedStore;
  const sleeps: number[] = [];
  const source = () => graphMailSource({
    endpoint: fake.url, user: USER, folder: "inbox", ca: fake.ca, pageSize: 50,
    credential: new StaticTokenCredential(fake.token), scope: "https://graph.microsoft.com/.default",
    sleep: async (ms) => { sleeps.push(ms); },
  });

  beforeAll(async () => {
    fake = await startFakeGraphMail(USER);
    s = await sharedStore();
  });
  afterAll(async () => {
    await s.close();
    await fake.close();
  });

  it("pages through the folder oldest first and ingests every message once", async () => {
    addMessages(fake, 120, Date.parse("2026-10-01T00:00:00Z"));
    const r = await source().poll({ store: s.store, options: { now } });
    expect(r.results).toHaveLength(120);
    expect(r.results.filter((x) => x.notice.status === "applied")).toHaveLength(12);
    expect(r.results.every((x) => x.notice.messageKey.startsWith("mid:graph-"))).toBe(true);
    expect(fake.requests.filter((u) => u.includes("/mailFolders/"))).toHaveLength(3);
    expect(fake.requests.filter((u) => u.endsWith("/$value"))).toHaveLength(120);
    expect(await s.store.getCursor(source().name)).toBe(fake.messages.at(-1)!.receivedDateTime);
  });

  it("a second poll downloads nothing already seen; new mail is picked up", async () => {
    const before = fake.requests.length;
    expect((await source().poll({ store: s.store, options: { now } })).results).toHaveLength(0);
    expect(fake.requests.slice(before).some((u) => u.endsWith("/$value"))).toBe(false);
    addMessages(fake, 3, Date.parse("2026-10-05T00:00:00Z"));
    const r = await source().poll({ store: s.store, options: { now } });
    expect(r.results.map((x) => x.notice.messageKey)).toEqual(["mid:graph-121@notify.microsoft.com", "mid:graph-122@notify.microsoft.com", "mid:graph-123@notify.microsoft.com"]);
  });

  it("honours Retry-After when Graph throttles", async () => {
    addMessages(fake, 1, Date.parse("2026-10-06T00:00:00Z"));
    fake.throttle(2, 3);
    const r = await source().poll({ store: s.store, options: { now } });
    expect(r.results).toHaveLength(1);
    expect(sleeps).toEqual([3000, 3000]);
  });

  it("a rejected token is a clear error and moves no cursor", async () => {
    const cursor = await s.store.getCursor(source().name);
    const bad = graphMailSource({ endpoint: fake.url, user: USER, folder: "inbox", ca: fake.ca, credential: new StaticTokenCredential("wrong"), scope: "x" });
    await expect(bad.poll({ store: s.store, options: { now } })).rejects.toMatchObject({ code: "mailSourceFailed", params: { reason: expect.stringContaining("InvalidAuthenticationToken") } });
    expect(await s.store.getCursor(source().name)).toBe(cursor);
  });

  it("a postponement without Authentication-Results may apply: the organisation's own mailbox is an authenticated source", async () => {
    const mid = "graph-postpone@notify.microsoft.com";
    fake.messages.push({ id: "AAMkPostpone", internetMessageId: `<${mid}>`, receivedDateTime: "2026-11-02T08:12:50Z", mime: forgedRedisPostponement({ messageId: mid }) });
    const r = await source().poll({ store: s.store, options: { now } });
    expect(r.results.map((x) => [x.notice.status, x.notice.reason, x.parsed?.trust.reason])).toEqual([["applied", "postponed", "listedAuthenticatedSource"]]);
    expect((await s.store.getRetirement("redis-tls10-11"))?.deadline).toBe("2030-12-01");
  });
});
