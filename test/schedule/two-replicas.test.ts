import { fileURLToPath } from "node:url";
import type { ChildProcess } from "node:child_process";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { effectiveRetirements } from "../../src/catalog/effective-retirements.ts";
import { daysUntil } from "../../src/domain/finding-status.ts";
import { markChecklistItem } from "../../src/notices/apply/checklist.ts";
import { currentMilestone, daysPastSlot } from "../../src/schedule/reminder-milestones.ts";
import { openStore } from "../../src/store/open-store.ts";
import { exited, spawnTs, waitForLine } from "../support/child-process.ts";
import { startFakeBotConnector, type FakeBotConnector } from "../support/fake-bot-connector.ts";
import { startFakeSlackApi, type FakeSlackApi } from "../support/fake-slack-api.ts";
import { createScratchDatabase, postgresAvailability, type ScratchDatabase } from "../support/postgres.ts";
import { finding, SUB1, SUB2 } from "../store/finding-fixture.ts";

const availability = await postgresAvailability();
const REPLICA = fileURLToPath(new URL("../support/replica-process.ts", import.meta.url));
// 120 days of daily reminder rounds (09:00 Tokyo = 00:00 UTC) and Monday digests, in about 25 seconds.
const START = "2024-12-31T12:00:00.000Z";
const END = "2025-04-30T12:00:00.000Z";
const SPEED = 400_000;
// Long enough for a round on a loaded machine (a live replica must keep its slot), short enough to take over soon.
const LEASE_MS = 4000;
const TEAMS = ["19:a1@thread.tacv2", "19:a2@thread.tacv2", "19:a3@thread.tacv2", "19:b1@thread.tacv2", "19:b2@thread.tacv2", "19:all@thread.tacv2"];
const SLACK = ["C0ALL", "C0SUB2"];
const scopeOf = (conversation: string) => (/a\d/.test(conversation) ? [SUB1] : /b\d|SUB2/.test(conversation) ? [SUB2] : ["*"]);

/** What must be posted, from the planner's pure rules: every daily round's reminder key and every Monday's digest, per conversation. */
function expectedPosts(conversations: readonly string[]): Set<string> {
  const redis = effectiveRetirements([]).find((r) => r.id === "redis-tls10-11")!;
  const out = new Set<string>();
  for (let day = Date.parse("2025-01-01T00:00:00Z"); day <= Date.parse(END); day += 86_400_000) {
    const at = new Date(day);
    const left = daysUntil(redis.deadline, at);
    const after = daysPastSlot(left, 7);
    const milestone = after !== null ? -after : currentMilestone(left);
    for (const c of conversations) {
      if (milestone !== null) out.add(`${c} ${after !== null ? `reminder:${redis.id}:${redis.deadline}:after:${after}` : `reminder:${redis.id}:${redis.deadline}:${milestone}`}`);
      if (at.getUTCDay() === 1) out.add(`${c} digest:${at.toISOString().slice(0, 10)}`);
    }
  }
  return out;
}

describe.skipIf(!availability.ok)("two replicas on one PostgreSQL over 120 simulated days", () => {
  let url = "";
  let scratch: ScratchDatabase | null = null;
  let connector: FakeBotConnector;
  let api: FakeSlackApi;
  const children: ChildProcess[] = [];
  const output = new Map<string, string[]>();

  beforeAll(async () => {
    if (!availability.ok) return;
    scratch = await createScratchDatabase(availability.url, "tlsbot_replicas");
    url = scratch.url;
    connector = await startFakeBotConnector();
    api = await startFakeSlackApi();
    // The inventory and the conversations: Redis caches still on TLS 1.0 in both subscriptions.
    const store = await openStore({ dataDir: "/nonexistent-unused", databaseUrl: url });
    try {
      const at = "2024-12-31T00:00:00.000Z";
      const scan = await store.beginScan("arm", at);
      await store.completeScan(scan, [finding("redis-a"), finding("redis-b"), finding("redis-c", {}, SUB2)], [], { subscriptionIds: [SUB1, SUB2], types: [] }, at);
      for (const id of TEAMS) {
        const reference = { channelId: "msteams", serviceUrl: connector.serviceUrl, conversation: { id, conversationType: "channel", isGroup: true }, bot: { id: "28:bot", name: "tlsbot" } };
        await store.upsertConversation({ key: `teams:${id}`, platform: "teams", reference, kind: "channel", tenant: "t", scopes: scopeOf(id), updatedAt: at });
      }
      for (const ch of SLACK) await store.upsertConversation({ key: `slack:${ch}`, platform: "slack", reference: { channel: ch }, kind: "channel", tenant: "T", scopes: ch === "C0ALL" ? ["*"] : [SUB2], langs: "en", updatedAt: at });
      // Agent checklists done: this test is about Redis reminders and digests only.
      for (const r of effectiveRetirements([]).filter((x) => x.resourceTypes.length === 0)) {
        for (const item of (r.data["checklist"] as Array<{ key: string }> | undefined) ?? []) await markChecklistItem(store, r.id, item.key, true, "test", at);
      }
    } finally {
      await store.close();
    }
  });

  afterAll(async () => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill("SIGKILL");
    await connector?.close();
    await api?.close();
    await scratch?.drop();
  });

  it("delivers every reminder and digest exactly once and runs every slot once, though one replica is killed mid-round", async () => {
    const spawn = (name: string, extra: Record<string, string> = {}) => {
      const child = spawnTs(REPLICA, [], { REPLICA: name, DATABASE_URL: url, SLACK_API_URL: api.apiUrl, START, END, SPEED: String(SPEED), LEASE_MS: String(LEASE_MS), ...extra });
      output.set(name, []);
      child.stdout?.on("data", (c: Buffer) => output.get(name)!.push(...c.toString().split("\n").filter(Boolean)));
      children.push(child);
      return child;
    };
    // A stops for good before its 12th reminder post (its second or third round); B, started once A is
    // running, shares the rounds with it until then and runs to the end.
    const a = spawn("A", { PAUSE_AT: "12" });
    await waitForLine(a, /^run reminders:/, 30_000);
    const b = spawn("B");
    const pausedLine = await waitForLine(a, /^paused /, 50_000);
    a.kill("SIGKILL");
    await exited(a);
    const killedRound = output.get("A")!.filter((l) => l.startsWith("run reminders:")).at(-1)!.slice(4);
    expect(pausedLine).toMatch(/^paused (teams|slack):/);

    // Wait until every slot up to END is completed (B takes over A's round once the lease is over).
    const conversations = [...TEAMS.map((id) => `teams:${id}`), ...SLACK.map((ch) => `slack:${ch}`)];
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const deadline = Date.now() + 50_000;
      const slotCount = 120 + 17;
      for (;;) {
        // The jobs' slots only: a reminder round also records the deadline day's round it went through.
        const { rows } = await client.query<{ n: number }>("SELECT count(*)::int AS n FROM job_runs WHERE completed_at IS NOT NULL AND (key LIKE 'reminders:%' OR key LIKE 'digest:%')");
        if (rows[0]!.n >= slotCount) break;
        if (Date.now() > deadline) {
          const open = await client.query<{ key: string }>("SELECT key FROM job_runs WHERE completed_at IS NULL");
          throw new Error(`slots completed: ${rows[0]!.n}/${slotCount}; open: ${open.rows.map((r) => r.key).join(", ")}; killed: ${killedRound}; B said: ${output.get("B")!.filter((l) => !l.startsWith("run ")).slice(0, 5).join(" | ")}`);
        }
        await new Promise((r) => setTimeout(r, 200));
      }
      b.kill("SIGTERM");
      await exited(b);

      // Every slot once: 120 daily rounds and 17 Mondays, all completed; each run once, but the killed round twice (A's start, B's takeover).
      const slots = await client.query<{ key: string; done: boolean }>("SELECT key, completed_at IS NOT NULL AS done FROM job_runs ORDER BY key");
      expect(slots.rows.filter((r) => r.key.startsWith("reminders:"))).toHaveLength(120);
      expect(slots.rows.filter((r) => r.key.startsWith("digest:"))).toHaveLength(17);
      expect(slots.rows.every((r) => r.done)).toBe(true);
      expect(slots.rows.filter((r) => r.key.startsWith("reminders-deadline-day:")).map((r) => r.key)).toEqual(["reminders-deadline-day:redis-tls10-11:2025-03-01"]);
      const runs = [...output.get("A")!, ...output.get("B")!].filter((l) => l.startsWith("run ")).map((l) => l.slice(4));
      const counts = new Map<string, number>();
      for (const r of runs) counts.set(r, (counts.get(r) ?? 0) + 1);
      // Run twice: only what A had started when it was killed (its paused round, perhaps a digest it was in), finished by B.
      const twice = [...counts].filter(([, n]) => n > 1);
      expect(twice.every(([, n]) => n === 2), JSON.stringify(twice)).toBe(true);
      expect(twice.map(([k]) => k)).toContain(killedRound);
      // (A frozen, a round of each job it was in stayed unfinished; B ran those again, nothing else.)
      const unfinishedByA = output.get("A")!.filter((l) => l.startsWith("run ")).map((l) => l.slice(4));
      for (const [k] of twice) expect(unfinishedByA, JSON.stringify({ twice, unfinishedByA })).toContain(k);
      expect(counts.size).toBe(137);
      expect(output.get("B")!.filter((l) => l.startsWith("error"))).toEqual([]);

      // Every post exactly once: what the store recorded is what must be posted, and the fakes got as many, per conversation.
      const sent = await client.query<{ conversation_key: string; post_key: string; status: string }>("SELECT conversation_key, post_key, status FROM posts");
      expect(sent.rows.filter((r) => r.status !== "sent")).toEqual([]);
      const recorded = new Set(sent.rows.map((r) => `${r.conversation_key} ${r.post_key}`));
      expect(recorded).toEqual(expectedPosts(conversations));
      for (const c of conversations) {
        const want = [...recorded].filter((k) => k.startsWith(`${c} `)).length;
        const got = c.startsWith("teams:")
          ? connector.calls.filter((x) => `teams:${x.conversationId}` === c && x.method === "POST").length
          : api.calls.filter((x) => x.method === "chat.postMessage" && `slack:${String(x.args["channel"])}` === c).length;
        expect(got, c).toBe(want);
      }
    } finally {
      await client.end();
    }
  }, 110_000);
});
