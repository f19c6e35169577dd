// One `serve`-like replica for the load benchmark on PostgreSQL: the Teams route over a shared database.
// argv: database URL. Sends its URL over IPC; "rss" asks for its resident set size; "stop" ends it.
import { startHttpServer } from "../src/channels/http/http-server.ts";
import { TeamsBot } from "../src/channels/teams/teams-bot.ts";
import { createTeamsAdapter, teamsRoute } from "../src/channels/teams/teams-route.ts";
import { createEngine } from "../src/conversation/engine.ts";
import { conversationMemory } from "../src/posts/conversation-memory.ts";
import { openStore } from "../src/store/open-store.ts";

const NOW = new Date("2026-11-26T03:00:00Z");
const store = await openStore({ dataDir: "", databaseUrl: process.argv[2] as string });
const engine = createEngine({ store, now: () => NOW });
let errors = 0;
const adapter = createTeamsAdapter({ appId: undefined, appPassword: undefined, appType: "MultiTenant", appTenantId: undefined }, () => void errors++);
const bot = new TeamsBot(engine, { remember: conversationMemory(store), now: () => NOW, onError: () => void errors++ });
const server = await startHttpServer([teamsRoute(adapter, bot, { local: true, onError: () => void errors++ })], { host: "127.0.0.1", port: 0 });
process.send?.({ url: server.url });
process.on("message", (msg: unknown) => {
  if (msg === "rss") process.send?.({ rss: process.memoryUsage().rss, errors });
  if (msg === "stop") void server.close().then(() => store.close()).then(() => process.exit(0));
});
