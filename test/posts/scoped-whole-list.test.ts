import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runScan } from "../../src/azure/scan/run-scan.ts";
import { loadTenantFile } from "../../src/azure/simulator/index.ts";
import { DEMO_TENANT_FILE } from "../../src/cli/runtime.ts";
import { createEngine } from "../../src/conversation/engine.ts";
import type { Finding } from "../../src/domain/resource.ts";
import { ingestMessage, type IngestResult } from "../../src/notices/ingest/ingest-message.ts";
import { noticeBroadcast } from "../../src/posts/notice-broadcast.ts";
import { postReminders } from "../../src/schedule/post-reminders.ts";
import { redisNotice } from "../notices/mail-builder.ts";
import { startPostingWorld, type PostingWorld } from "../support/posting-world.ts";
import { scanFixture, type ScanFixture } from "../support/scan-fixture.ts";
import { PROD, scopedConversations, subscribeInWords } from "../support/scoped-conversations.ts";

const NOW = new Date("2026-11-26T03:00:00Z");
const REMINDED = new Date("2027-01-30T00:00:00Z");
const TEAMS_PROD = "19:prod@thread.tacv2";

const CONVERSATIONS = scopedConversations(TEAMS_PROD);

/** The "showing 20 of N; ask …" note of a post in both languages: N and the questions it suggests. */
function wholeListNotes(post: string): Array<{ lang: "en" | "ja"; total: number; questions: string[] }> {
  const en = /Showing 20 of (\d+);[^.]*? for the whole list\./.exec(post);
  const ja = /(\d+) 件中 20 件を表示しています。[^。]*?聞いてください。/.exec(post);
  return [
    ...(en ? [{ lang: "en" as const, total: Number(en[1]), questions: [...en[0].matchAll(/“([^”]+)”/g)].map((m) => m[1]!) }] : []),
    ...(ja ? [{ lang: "ja" as const, total: Number(ja[1]), questions: [...ja[0].matchAll(/「([^」]+)」/g)].map((m) => m[1]!) }] : []),
  ];
}

/**
 * A reminder or notice post lists 20 resources and says how many there are and what to ask for all of them. In a
 * conversation that follows a subscription or a resource group, both are about what it follows: the count, and the
 * answer to the question asked there.
 */
describe("the whole-list note of a post to a conversation that follows part of the tenant", () => {
  let fx: ScanFixture;
  let world: PostingWorld;
  let notice: IngestResult;
  let atRiskCaches: Finding[];

  beforeAll(async () => {
    fx = await scanFixture({ tenant: await loadTenantFile(DEMO_TENANT_FILE) });
    // 20 more caches on TLS 1.0 in prod-jp-east's rg-commerce-prod: more than a post shows, for every scope below.
    const prod = fx.sim.state.subscription(PROD)!;
    const session = prod.resources.find((r) => r.name === "redis-session-prod")!;
    for (let i = 0; i < 20; i++) prod.resources.push({ ...structuredClone(session), name: `redis-shard-${String(i).padStart(2, "0")}-prod` });
    await runScan({ clients: fx.clients, store: fx.store, now: () => NOW }, { source: "arm", concurrency: 4, timeoutMs: 30_000 });
    world = await startPostingWorld(fx.store, NOW);
    const engine = createEngine({ store: fx.store, now: () => NOW });
    for (const view of await subscribeInWords(fx.store, engine, world, CONVERSATIONS, NOW)) expect(view).toMatchObject({ type: "subscription", active: true });
    // Redis postponed to 2027-03-01: the caches below TLS 1.2 are at risk, with the 30-day reminder on 2027-01-30.
    notice = await ingestMessage(fx.store, { bytes: redisNotice("1 March 2027", { messageId: "scoped-more@notify.microsoft.com" }), source: "test", receivedAt: NOW.toISOString() }, { now: () => NOW });
    atRiskCaches = (await fx.store.currentResources()).filter((f) => f.kind === "redis" && (f.effectiveTls === "1.0" || f.effectiveTls === "1.1"));
  });
  afterAll(async () => {
    await world?.close();
    await fx?.close();
  });

  /** What each conversation was last posted about Redis, as its platform received it. */
  const lastRedisPost = (key: string): string => {
    const [platform, id] = [key.slice(0, key.indexOf(":")), key.slice(key.indexOf(":") + 1)];
    const posts = platform === "teams"
      ? world.connector.calls.filter((c) => c.conversationId === id).map((c) => JSON.stringify(c.activity))
      : world.api.calls.filter((c) => c.method === "chat.postMessage" && c.args["channel"] === id).map((c) => JSON.stringify(c.args["blocks"]));
    return posts.filter((p) => p.includes("Azure Cache for Redis")).at(-1) ?? "";
  };

  /** Asks each suggested question in the conversation; together the answers are exactly the post's resources. */
  async function expectNotesMatchScope(now: Date): Promise<void> {
    const engine = createEngine({ store: fx.store, now: () => now });
    for (const c of CONVERSATIONS) {
      const expected = atRiskCaches.filter((f) => c.has(f)).map((f) => f.id).sort();
      expect(expected.length, c.key).toBeGreaterThan(20);
      const notes = wholeListNotes(lastRedisPost(c.key));
      expect(notes.map((n) => n.lang), c.key).toEqual(["en", "ja"]);
      for (const note of notes) {
        expect(note.total, `${c.key} ${note.lang}`).toBe(expected.length);
        expect(note.questions.length, `${c.key} ${note.lang}`).toBeGreaterThan(0);
        const listed = new Set<string>();
        for (const question of note.questions) {
          const reply = await engine.handle({ actor: { platform: c.key.startsWith("teams") ? "teams" : "slack", id: "u" }, conversationId: c.key, text: question });
          expect(reply.intent, question).toBe("list");
          for (const r of reply.matches) listed.add(r.finding.id);
        }
        expect([...listed].sort(), `${c.key} ${note.lang}: ${note.questions.join(" + ")}`).toEqual(expected);
      }
    }
  }

  it("a notice counts what the conversation follows, and its question lists exactly that there", async () => {
    const build = await noticeBroadcast(fx.store, notice, NOW);
    expect(await world.poster.post(`notice:${notice.notice.id}`, build!)).toMatchObject({ sent: CONVERSATIONS.length, failed: 0 });
    await expectNotesMatchScope(NOW);
    expect(world.errors).toEqual([]);
  });

  it("a reminder counts what the conversation follows, and its question lists exactly that there", async () => {
    await postReminders(fx.store, world.poster, REMINDED);
    await expectNotesMatchScope(REMINDED);
    expect(world.errors).toEqual([]);
  });
});
