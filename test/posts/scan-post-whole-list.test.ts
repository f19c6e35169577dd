import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runScan } from "../../src/azure/scan/run-scan.ts";
import { loadTenantFile } from "../../src/azure/simulator/index.ts";
import { DEMO_TENANT_FILE } from "../../src/cli/runtime.ts";
import { createEngine } from "../../src/conversation/engine.ts";
import type { Finding } from "../../src/domain/resource.ts";
import { present } from "../../src/render/present.ts";
import { postNewScans } from "../../src/posts/scan-watcher.ts";
import { startPostingWorld, type PostingWorld } from "../support/posting-world.ts";
import { scanFixture, type ScanFixture } from "../support/scan-fixture.ts";
import { PROD, scopedConversations, STG, subscribeInWords } from "../support/scoped-conversations.ts";

const FIRST = new Date("2026-11-25T03:00:00Z");
const SECOND = new Date("2026-11-26T03:00:00Z");
const TEAMS_PROD = "19:prod-scan@thread.tacv2";

const CONVERSATIONS = scopedConversations(TEAMS_PROD);

const needsAction = (f: Finding) => f.status === "at-risk" || f.status === "overdue";

/**
 * The "showing 20 of the N new ones" note of a scan post or answer, in both languages: N, the questions it suggests
 * and how many it says they list.
 */
function newOnesNotes(text: string): Array<{ lang: "en" | "ja"; added: number; listed: number; questions: string[] }> {
  const en = /Showing 20 of the (\d+) that newly need action; ask (.*?) for all (\d+) that need action now, these among them\./.exec(text);
  const ja = /新たに対応が必要になった (\d+) 件中 20 件を表示しています。これらを含め、いま対応が必要な (\d+) 件すべてを見るには(.*?)聞いてください。/.exec(text);
  return [
    ...(en ? [{ lang: "en" as const, added: Number(en[1]), listed: Number(en[3]), questions: [...en[2]!.matchAll(/“([^”]+)”/g)].map((m) => m[1]!) }] : []),
    ...(ja ? [{ lang: "ja" as const, added: Number(ja[1]), listed: Number(ja[2]), questions: [...ja[3]!.matchAll(/「([^」]+)」/g)].map((m) => m[1]!) }] : []),
  ];
}

/**
 * A scan post lists the first 20 resources that newly need action. No question lists only the new ones, so its note
 * says how many new ones there are, and offers the list that holds them with everything else that needs action in the
 * conversation's part of the tenant, saying how long that list is: asked there, the question lists exactly that many,
 * the new ones among them.
 */
describe("the note of a scan post that shows only the first of the resources newly needing action", () => {
  let fx: ScanFixture;
  let world: PostingWorld;
  let fresh: Finding[];

  beforeAll(async () => {
    fx = await scanFixture({ tenant: await loadTenantFile(DEMO_TENANT_FILE) });
    await runScan({ clients: fx.clients, store: fx.store, now: () => FIRST }, { source: "arm", concurrency: 4, timeoutMs: 30_000 });
    world = await startPostingWorld(fx.store, SECOND);
    const engine = createEngine({ store: fx.store, now: () => FIRST });
    for (const view of await subscribeInWords(fx.store, engine, world, CONVERSATIONS, FIRST)) expect(view).toMatchObject({ type: "subscription", active: true });
    // The first call only remembers where the scan history stands.
    expect(await postNewScans(fx.store, world.poster, () => FIRST)).toBe(0);
    // Before the second scan: 21 caches on TLS 1.0 appear in prod-jp-east's rg-commerce-prod, 2 in stg-global with an IoT hub.
    const prod = fx.sim.state.subscription(PROD)!;
    const stg = fx.sim.state.subscription(STG)!;
    const like = (resources: typeof prod.resources, name: string) => structuredClone(resources.find((r) => r.name === name)!);
    for (let i = 0; i < 21; i++) prod.resources.push({ ...like(prod.resources, "redis-session-prod"), name: `redis-shard-${String(i).padStart(2, "0")}-prod` });
    for (let i = 0; i < 2; i++) stg.resources.push({ ...like(stg.resources, "redis-web-stg"), name: `redis-shard-${i}-stg` });
    stg.resources.push({ ...like(stg.resources, "iot-telemetry-stg"), name: "iot-telemetry-2-stg" });
    await runScan({ clients: fx.clients, store: fx.store, now: () => SECOND }, { source: "arm", concurrency: 4, timeoutMs: 30_000 });
    fresh = (await fx.store.currentResources()).filter((f) => /^(redis-shard-|iot-telemetry-2-)/.test(f.name));
    expect(fresh.filter(needsAction)).toHaveLength(24);
  });
  afterAll(async () => {
    await world?.close();
    await fx?.close();
  });

  /** What each conversation was last posted about a scan, as its platform received it. */
  const lastScanPost = (key: string): string => {
    const [platform, id] = [key.slice(0, key.indexOf(":")), key.slice(key.indexOf(":") + 1)];
    const posts = platform === "teams"
      ? world.connector.calls.filter((c) => c.conversationId === id).map((c) => JSON.stringify(c.activity))
      : world.api.calls.filter((c) => c.method === "chat.postMessage" && c.args["channel"] === id).map((c) => JSON.stringify(c.args["blocks"]));
    return posts.filter((p) => p.includes("Scan: ")).at(-1) ?? "";
  };

  /** Asks a note's questions in a conversation: every resource the answers list, each once. */
  async function listedBy(conversationKey: string, questions: readonly string[]): Promise<string[]> {
    const engine = createEngine({ store: fx.store, now: () => SECOND });
    const listed = new Set<string>();
    for (const question of questions) {
      const reply = await engine.handle({ actor: { platform: conversationKey.startsWith("teams") ? "teams" : "slack", id: "u" }, conversationId: conversationKey, text: question });
      expect(reply.intent, question).toBe("list");
      for (const r of reply.matches) listed.add(r.finding.id);
    }
    return [...listed].sort();
  }

  it("in each conversation: how many are new there, and a question for everything there that needs action of their kinds, which lists as many as it says", async () => {
    expect(await postNewScans(fx.store, world.poster, () => SECOND)).toBe(CONVERSATIONS.length);
    const inventory = await fx.store.currentResources();
    for (const c of CONVERSATIONS) {
      const mine = fresh.filter((f) => needsAction(f) && c.has(f));
      expect(mine.length, c.key).toBeGreaterThan(20);
      const kinds = new Set(mine.map((f) => f.kind));
      const expected = inventory.filter((f) => needsAction(f) && c.has(f) && kinds.has(f.kind)).map((f) => f.id).sort();
      const notes = newOnesNotes(lastScanPost(c.key));
      expect(notes.map((n) => n.lang), c.key).toEqual(["en", "ja"]);
      for (const note of notes) {
        const where = `${c.key} ${note.lang}: ${note.questions.join(" + ")}`;
        expect(note.added, where).toBe(mine.length);
        expect(note.questions.length, where).toBeGreaterThan(0);
        const listed = await listedBy(c.key, note.questions);
        expect(listed, where).toEqual(expected);
        expect(note.listed, where).toBe(listed.length);
        expect(listed, where).toEqual(expect.arrayContaining(mine.map((f) => f.id)));
      }
    }
    expect(world.errors).toEqual([]);
  });

  it("\"what changed\", asked in a conversation that follows part of the tenant, answers for the whole tenant, and so does its note (of the new resources' kinds)", async () => {
    const engine = createEngine({ store: fx.store, now: () => SECOND });
    const kinds = new Set(fresh.map((f) => f.kind));
    const everything = (await fx.store.currentResources()).filter((f) => needsAction(f) && kinds.has(f.kind)).map((f) => f.id).sort();
    for (const text of ["what changed since the last scan", "前回のスキャンから何が変わった？"]) {
      const reply = await engine.handle({ actor: { platform: "teams", id: "u" }, conversationId: `teams:${TEAMS_PROD}`, text });
      expect(reply.view.type, text).toBe("findingsBroadcast");
      const notes = (["en", "ja"] as const).flatMap((lang) => newOnesNotes(present(reply.view, lang).notes.join("")));
      expect(notes.map((n) => n.lang), text).toEqual(["en", "ja"]);
      for (const note of notes) {
        const where = `${text} ${note.lang}: ${note.questions.join(" + ")}`;
        expect(note.added, where).toBe(fresh.filter(needsAction).length);
        const listed = await listedBy(`teams:${TEAMS_PROD}`, note.questions);
        expect(listed, where).toEqual(everything);
        expect(note.listed, where).toBe(listed.length);
      }
    }
  });
});
