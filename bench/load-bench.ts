import { randomUUID } from "node:crypto";
import { Agent, request } from "node:http";
import { rmSync } from "node:fs";
import { startHttpServer } from "../src/channels/http/http-server.ts";
import { TeamsBot } from "../src/channels/teams/teams-bot.ts";
import { createTeamsAdapter, teamsRoute } from "../src/channels/teams/teams-route.ts";
import { createEngine } from "../src/conversation/engine.ts";
import { conversationMemory } from "../src/posts/conversation-memory.ts";
import { openStore } from "../src/store/open-store.ts";
import { startFakeBotConnector } from "../test/support/fake-bot-connector.ts";
import { freshStoreDir, percentile, syntheticFindings } from "./bench-util.ts";

const USERS = Number(process.env["LOAD_USERS"] ?? 200);
const SECONDS = Number(process.env["LOAD_SECONDS"] ?? 10);
const RESOURCES = Number(process.env["LOAD_INVENTORY"] ?? 50_000);
const NOW = new Date("2026-11-26T03:00:00Z");
/** What users ask, each followed by "more" (the next page of the same list). */
const QUESTIONS = ["which caches are below 1.2", "what is overdue", "iot hubs on 1.0", "unknown resources", "redis-42"];

const mib = (bytes: number) => Math.round(bytes / 1024 / 1024);

/**
 * USERS chat users at once, each in its own conversation, asking and paging ("more") through
 * /api/messages (botbuilder in local mode, the reply POSTed to a local Bot Connector) for SECONDS, over a
 * RESOURCES-row inventory on PGlite. Baseline: the same round trip with one user, measured first.
 * Loopback only; bounded by time.
 */
export async function loadBench(): Promise<void> {
  const dir = await freshStoreDir("tlsbot-load-bench-");
  const store = await openStore({ dataDir: dir });
  try {
    const { findings, subscriptions } = syntheticFindings(RESOURCES);
    await store.upsertSubscriptions(subscriptions.map((s, i) => ({ subscriptionId: s, displayName: `sub-${i}`, state: "Enabled" })), NOW.toISOString());
    const scanId = await store.beginScan("graph", NOW.toISOString());
    await store.completeScan(scanId, findings, [], { subscriptionIds: subscriptions, types: ["Microsoft.Cache/redis", "Microsoft.Devices/IotHubs"] }, NOW.toISOString());
    const engine = createEngine({ store, now: () => NOW });
    const errorsSeen: unknown[] = [];
    const adapter = createTeamsAdapter({ appId: undefined, appPassword: undefined, appType: "MultiTenant", appTenantId: undefined }, (e) => errorsSeen.push(e));
    const bot = new TeamsBot(engine, { remember: conversationMemory(store), now: () => NOW, onError: (e) => errorsSeen.push(e) });
    const server = await startHttpServer([teamsRoute(adapter, bot, { local: true, onError: (e) => errorsSeen.push(e) })], { host: "127.0.0.1", port: 0 });
    // Replies go to a Bot Connector of their own (any conversation), as Teams' would take them.
    const connector = await startFakeBotConnector();
    const agent = new Agent({ keepAlive: true, maxSockets: USERS });

    const ask = (conversation: string, text: string) => new Promise<number>((resolve, reject) => {
      const data = Buffer.from(JSON.stringify({
        type: "message", id: randomUUID(), channelId: "webchat", serviceUrl: connector.serviceUrl, from: { id: conversation }, recipient: { id: "tlsbot" },
        conversation: { id: conversation }, text, locale: "en-US",
      }));
      const req = request(`${server.url}/api/messages`, { method: "POST", headers: { "content-type": "application/json", "content-length": data.length }, agent }, (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
      });
      req.on("error", reject);
      req.end(data);
    });
    const timedAsk = async (conversation: string, text: string, into: number[], errors: { n: number }) => {
      const t = performance.now();
      try {
        if ((await ask(conversation, text)) !== 200) errors.n++;
      } catch {
        errors.n++;
      }
      into.push(performance.now() - t);
    };

    // Baseline: one user, warm.
    const single: number[] = [];
    const singleErrors = { n: 0 };
    for (let i = 0; i < 60; i++) await timedAsk("load-single", i % 2 ? "more" : QUESTIONS[i % QUESTIONS.length]!, i < 10 ? [] : single, singleErrors);

    const latencies: number[] = [];
    const errors = { n: 0 };
    const rss: number[] = [];
    const sampler = setInterval(() => rss.push(process.memoryUsage().rss), 1000);
    rss.push(process.memoryUsage().rss);
    const end = Date.now() + SECONDS * 1000;
    await Promise.all(Array.from({ length: USERS }, async (_, u) => {
      const conversation = `load-${u}`;
      for (let i = 0; Date.now() < end; i++) await timedAsk(conversation, i % 2 ? "more" : QUESTIONS[(u + i) % QUESTIONS.length]!, latencies, errors);
    }));
    clearInterval(sampler);
    rss.push(process.memoryUsage().rss);
    await server.close();
    await connector.close();
    agent.destroy();

    const f = (xs: number[], q: number) => percentile(xs, q).toFixed(1).padStart(7);
    console.log(`\nload: ${USERS} chat users asking and paging through /api/messages for ${SECONDS} s over ${RESOURCES.toLocaleString("en")} resources (PGlite, one process)`);
    console.log(`  one user (baseline)   p50 ${f(single, 0.5)} ms  p95 ${f(single, 0.95)} ms  p99 ${f(single, 0.99)} ms  ${single.length} requests, ${singleErrors.n} errors`);
    console.log(`  ${String(USERS).padStart(3)} users at once    p50 ${f(latencies, 0.5)} ms  p95 ${f(latencies, 0.95)} ms  p99 ${f(latencies, 0.99)} ms  ` +
      `${latencies.length} requests (${(latencies.length / SECONDS).toFixed(0)}/s), ${errors.n} errors, ${errorsSeen.length} logged — p95 ${(percentile(latencies, 0.95) / percentile(single, 0.95)).toFixed(1)}× the single user's (target p95 ≤ 100 ms, 0 errors)`);
    if (errorsSeen.length) console.log(`  first logged error: ${String((errorsSeen[0] as Error)?.message ?? errorsSeen[0]).slice(0, 300)}`);
    console.log(`  RSS over the run: start ${mib(rss[0]!)} MiB, max ${mib(Math.max(...rss))} MiB, end ${mib(rss.at(-1)!)} MiB (sampled each second: ${rss.map(mib).join(" ")})`);
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
