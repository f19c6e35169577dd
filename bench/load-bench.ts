import { fork, type ChildProcess } from "node:child_process";
import { rmSync } from "node:fs";
import { startHttpServer } from "../src/channels/http/http-server.ts";
import { TeamsBot } from "../src/channels/teams/teams-bot.ts";
import { createTeamsAdapter, teamsRoute } from "../src/channels/teams/teams-route.ts";
import { createEngine } from "../src/conversation/engine.ts";
import { conversationMemory } from "../src/posts/conversation-memory.ts";
import { openStore } from "../src/store/open-store.ts";
import type { Store } from "../src/store/store.ts";
import { startThrowawayPostgres } from "../scripts/chaos/throwaway-postgres.ts";
import { startFakeBotConnector } from "../test/support/fake-bot-connector.ts";
import { freshStoreDir, syntheticFindings } from "./bench-util.ts";
import { driveLoad, printLoad } from "./load-driver.ts";

const USERS = Number(process.env["LOAD_USERS"] ?? 200);
const SECONDS = Number(process.env["LOAD_SECONDS"] ?? 10);
const RESOURCES = Number(process.env["LOAD_INVENTORY"] ?? 50_000);
const REPLICAS = Number(process.env["LOAD_REPLICAS"] ?? 2);
const NOW = new Date("2026-11-26T03:00:00Z");

const mib = (bytes: number) => Math.round(bytes / 1024 / 1024);

async function fill(store: Store): Promise<void> {
  const { findings, subscriptions } = syntheticFindings(RESOURCES);
  await store.upsertSubscriptions(subscriptions.map((s, i) => ({ subscriptionId: s, displayName: `sub-${i}`, state: "Enabled" })), NOW.toISOString());
  const scanId = await store.beginScan("graph", NOW.toISOString());
  await store.completeScan(scanId, findings, [], { subscriptionIds: subscriptions, types: ["Microsoft.Cache/redis", "Microsoft.Devices/IotHubs"] }, NOW.toISOString());
}

/**
 * USERS chat users at once, each in its own conversation, asking and paging ("more") through
 * /api/messages (botbuilder in local mode, the reply POSTed to a local Bot Connector) for SECONDS, over a
 * RESOURCES-row inventory: on PGlite in this process, then on a throwaway PostgreSQL cluster with
 * REPLICAS replica processes. Baseline: the same round trip with one user, measured first. Loopback only.
 */
export async function loadBench(): Promise<void> {
  const connector = await startFakeBotConnector();
  try {
    await pglite(connector.serviceUrl);
    await replicas(connector.serviceUrl);
  } finally {
    await connector.close();
  }
}

async function pglite(connectorUrl: string): Promise<void> {
  const dir = await freshStoreDir("tlsbot-load-bench-");
  const store = await openStore({ dataDir: dir });
  try {
    await fill(store);
    const engine = createEngine({ store, now: () => NOW });
    const logged: unknown[] = [];
    const adapter = createTeamsAdapter({ appId: undefined, appPassword: undefined, appType: "MultiTenant", appTenantId: undefined }, (e) => logged.push(e));
    const bot = new TeamsBot(engine, { remember: conversationMemory(store), now: () => NOW, onError: (e) => logged.push(e) });
    const server = await startHttpServer([teamsRoute(adapter, bot, { local: true, onError: (e) => logged.push(e) })], { host: "127.0.0.1", port: 0 });
    const rss = [process.memoryUsage().rss];
    const r = await driveLoad([server.url], connectorUrl, USERS, SECONDS, () => rss.push(process.memoryUsage().rss));
    rss.push(process.memoryUsage().rss);
    await server.close();
    console.log(`\nload: ${USERS} chat users asking and paging through /api/messages for ${SECONDS} s over ${RESOURCES.toLocaleString("en")} resources — PGlite, one process (the load generator's too)`);
    printLoad(r, USERS, SECONDS, logged.length);
    console.log(`  RSS over the run: start ${mib(rss[0]!)} MiB, max ${mib(Math.max(...rss))} MiB, end ${mib(rss.at(-1)!)} MiB`);
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

function ipc<T>(child: ChildProcess, msg: string): Promise<T> {
  return new Promise((resolve) => {
    child.once("message", (m) => resolve(m as T));
    child.send(msg);
  });
}

async function replicas(connectorUrl: string): Promise<void> {
  const pg = await startThrowawayPostgres();
  const children: ChildProcess[] = [];
  try {
    const databaseUrl = await pg.database("tlsbot_load");
    const seed = await openStore({ dataDir: "", databaseUrl });
    await fill(seed);
    await seed.close();
    const urls: string[] = [];
    for (let i = 0; i < REPLICAS; i++) {
      const child = fork("bench/load-replica-process.ts", [databaseUrl], { execArgv: ["--import", "tsx"] });
      children.push(child);
      urls.push(await new Promise<string>((resolve, reject) => {
        child.once("message", (m) => resolve((m as { url: string }).url));
        child.once("exit", (code) => reject(new Error(`replica exited ${code}`)));
      }));
    }
    const samples: number[][] = children.map(() => []);
    const sample = () => children.forEach((c, i) => void ipc<{ rss: number }>(c, "rss").then((m) => samples[i]!.push(m.rss)));
    sample();
    const r = await driveLoad(urls, connectorUrl, USERS, SECONDS, sample);
    const last = await Promise.all(children.map((c) => ipc<{ rss: number; errors: number }>(c, "rss")));
    console.log(`  the same on PostgreSQL (a throwaway local cluster) with ${REPLICAS} replica processes, each user on one replica`);
    printLoad(r, USERS, SECONDS, last.reduce((n, m) => n + m.errors, 0));
    console.log(`  RSS per replica: ${samples.map((xs, i) => `start ${mib(xs[0] ?? 0)} MiB, max ${mib(Math.max(...xs, last[i]!.rss))} MiB, end ${mib(last[i]!.rss)} MiB`).join("; ")}`);
  } finally {
    for (const c of children) c.send("stop");
    await new Promise((r) => setTimeout(r, 500));
    pg.stop();
  }
}
