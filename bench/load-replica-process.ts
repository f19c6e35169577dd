// One `serve`-like replica for the load benchmark: the Teams route (local mode) over a store — a shared
// PostgreSQL database (argv: database URL) or a PGlite data directory (argv: --pglite DIR).
// Sends its URL over IPC; "stats" asks for its RSS, heap in use, CPU time and error count; "stop" ends it.
import { startHttpServer } from "../src/channels/http/http-server.ts";
import { TeamsBot } from "../src/channels/teams/teams-bot.ts";
import { createTeamsAdapter, teamsRoute } from "../src/channels/teams/teams-route.ts";
import { createEngine } from "../src/conversation/engine.ts";
import { conversationMemory } from "../src/posts/conversation-memory.ts";
import { openStore } from "../src/store/open-store.ts";

const NOW = new Date("2026-11-26T03:00:00Z");
const store = process.argv[2] === "--pglite"
  ? await openStore({ dataDir: process.argv[3] as string })
  : await openStore({ dataDir: "", databaseUrl: process.argv[2] as string });
const engine = createEngine({ store, now: () => NOW });
let errors = 0;
const adapter = createTeamsAdapter({ appId: undefined, appPassword: undefined, appType: "MultiTenant", appTenantId: undefined }, () => void errors++);
const bot = new TeamsBot(engine, { remember: conversationMemory(store), now: () => NOW, onError: () => void errors++, allowedTenants: null });
const server = await startHttpServer([teamsRoute(adapter, bot, { local: true, onError: () => void errors++ })], { host: "127.0.0.1", port: 0 });
process.send?.({ url: server.url });
process.on("message", (msg: unknown) => {
  if (msg === "stats") {
    const cpu = process.cpuUsage();
    const mem = process.memoryUsage();
    process.send?.({ rss: mem.rss, heapUsed: mem.heapUsed, cpuMs: (cpu.user + cpu.system) / 1000, errors });
  }
  if (msg === "stop") void server.close().then(() => store.close()).then(() => process.exit(0));
});
