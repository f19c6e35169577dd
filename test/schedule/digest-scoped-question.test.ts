import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runScan } from "../../src/azure/scan/run-scan.ts";
import { loadTenantFile } from "../../src/azure/simulator/index.ts";
import { effectiveRetirements } from "../../src/catalog/effective-retirements.ts";
import { DEMO_TENANT_FILE } from "../../src/cli/runtime.ts";
import { createEngine } from "../../src/conversation/engine.ts";
import { dueDigests, postDigest } from "../../src/schedule/post-digest.ts";
import { startPostingWorld, type PostingWorld } from "../support/posting-world.ts";
import { scanFixture, type ScanFixture } from "../support/scan-fixture.ts";
import { scopedConversations, STG, subscribeInWords } from "../support/scoped-conversations.ts";

const SCANNED = new Date("2026-11-20T00:00:00Z");
// Monday 2026-11-30 09:00 in Tokyo.
const MONDAY = new Date("2026-11-30T00:00:00Z");
const ZONE = "Asia/Tokyo";
const TEAMS_PROD = "19:prod-digest@thread.tacv2";

const CONVERSATIONS = scopedConversations(TEAMS_PROD, [{ key: "slack:C0STG", say: "subscribe stg-global", has: (f) => f.subscriptionId === STG }]);

/** The digest's "ask … for the list" in both languages: the questions it suggests, and how many more it says they list. */
function listHints(text: string): Array<{ lang: "en" | "ja"; questions: string[]; more: number }> {
  const en = /Ask ((?:“[^”]+”(?: and )?)+) for the list, or open a resource to request its upgrade\.(?:[^.]*?The list also shows (\d+) more with no known deadline, not counted above\.)?/.exec(text);
  const ja = /一覧は((?:「[^」]+」と?)+)(?:をそれぞれ)?聞いてください。リソースを開くとアップグレードを申請できます。(?:[^。]*?この一覧には、期限が分からないため上の件数に含めていないリソースがほかに (\d+) 件含まれます。)?/.exec(text);
  return [
    ...(en ? [{ lang: "en" as const, questions: [...en[1]!.matchAll(/“([^”]+)”/g)].map((m) => m[1]!), more: Number(en[2] ?? 0) }] : []),
    ...(ja ? [{ lang: "ja" as const, questions: [...ja[1]!.matchAll(/「([^」]+)」/g)].map((m) => m[1]!), more: Number(ja[2] ?? 0) }] : []),
  ];
}

/**
 * The weekly digest counts what is still affected in the conversation's part of the tenant (at risk, overdue or unknown,
 * of a kind a retirement covers) and says what to ask for the list: asked there, the question lists those, and the
 * resources no retirement covers (no deadline known) only as many as the digest says it also shows.
 */
describe("the weekly digest's question for the list, in a conversation that follows part of the tenant", () => {
  let fx: ScanFixture;
  let world: PostingWorld;

  beforeAll(async () => {
    fx = await scanFixture({ tenant: await loadTenantFile(DEMO_TENANT_FILE) });
    await runScan({ clients: fx.clients, store: fx.store, now: () => SCANNED }, { source: "arm", concurrency: 4, timeoutMs: 30_000 });
    world = await startPostingWorld(fx.store, MONDAY);
    const engine = createEngine({ store: fx.store, now: () => MONDAY });
    for (const view of await subscribeInWords(fx.store, engine, world, CONVERSATIONS, MONDAY)) expect(view).toMatchObject({ type: "subscription", active: true });
  });
  afterAll(async () => {
    await world?.close();
    await fx?.close();
  });

  const digestPost = (key: string): string => {
    const [platform, id] = [key.slice(0, key.indexOf(":")), key.slice(key.indexOf(":") + 1)];
    const posts = platform === "teams"
      ? world.connector.calls.filter((c) => c.conversationId === id).map((c) => JSON.stringify(c.activity))
      : world.api.calls.filter((c) => c.method === "chat.postMessage" && c.args["channel"] === id).map((c) => JSON.stringify(c.args["blocks"]));
    return posts.find((p) => p.includes("Weekly TLS digest")) ?? "";
  };

  it("names the conversation's part of the tenant, and lists there what the digest counts as still affected, and as many more as it says", async () => {
    const covered = new Set(effectiveRetirements(await fx.store.listRetirements()).flatMap((r) => r.resourceTypes.map((t) => t.toLowerCase())));
    const inventory = await fx.store.currentResources();
    // The demo's PostgreSQL server accepts TLS 1.0, and no retirement covers PostgreSQL: the digest leaves it out.
    expect(inventory.some((f) => f.status === "at-risk" && !covered.has(f.type.toLowerCase()) && CONVERSATIONS[0]!.has(f))).toBe(true);
    const counted = new Map((await dueDigests(fx.store, MONDAY, { timeZone: ZONE })).map((d) => [d.conversation.key, d.view?.affected.reduce((n, a) => n + a.atRisk + a.overdue + a.unknown, 0)]));
    expect(await postDigest(fx.store, world.poster, MONDAY, { timeZone: ZONE })).toBe(CONVERSATIONS.length);
    const engine = createEngine({ store: fx.store, now: () => MONDAY });
    for (const c of CONVERSATIONS) {
      const expected = inventory.filter((f) => f.status !== "compliant" && c.has(f) && covered.has(f.type.toLowerCase())).map((f) => f.id).sort();
      const uncovered = inventory.filter((f) => f.status !== "compliant" && c.has(f) && !covered.has(f.type.toLowerCase())).map((f) => f.id);
      expect(counted.get(c.key), c.key).toBe(expected.length);
      const hints = listHints(digestPost(c.key));
      expect(hints.map((h) => h.lang), c.key).toEqual(["en", "ja"]);
      for (const hint of hints) {
        const where = `${c.key} ${hint.lang}: ${hint.questions.join(" + ")}`;
        expect(hint.questions.length, where).toBeGreaterThan(0);
        const listed = new Set<string>();
        for (const question of hint.questions) {
          const reply = await engine.handle({ actor: { platform: c.key.startsWith("teams") ? "teams" : "slack", id: "u" }, conversationId: c.key, text: question });
          expect(reply.intent, question).toBe("list");
          for (const r of reply.matches) listed.add(r.finding.id);
        }
        const more = [...listed].filter((id) => !expected.includes(id));
        expect([...listed].filter((id) => expected.includes(id)).sort(), where).toEqual(expected);
        expect(more.length, where).toBe(hint.more);
        expect(uncovered, where).toEqual(expect.arrayContaining(more));
      }
    }
    expect(world.errors).toEqual([]);
  });
});
