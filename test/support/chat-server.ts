import type { ArmClients } from "../../src/azure/arm-clients.ts";
import { startHttpServer, sendJson, type RunningHttpServer } from "../../src/channels/http/http-server.ts";
import { TeamsBot } from "../../src/channels/teams/teams-bot.ts";
import { createTeamsAdapter, teamsRoute } from "../../src/channels/teams/teams-route.ts";
import { webChatRoutes } from "../../src/channels/web/web-chat-routes.ts";
import { createEngine, type Engine } from "../../src/conversation/engine.ts";
import type { Store } from "../../src/store/store.ts";
import { conversationMemory } from "../../src/posts/conversation-memory.ts";

export interface ChatServer extends RunningHttpServer {
  readonly engine: Engine;
  readonly errors: unknown[];
}

/** The same routes `tlsbot serve` mounts in local mode, on a free loopback port. */
export async function startChatServer(store: Store, now: () => Date, _clients?: ArmClients): Promise<ChatServer> {
  const engine = createEngine({ store, now });
  const errors: unknown[] = [];
  const adapter = createTeamsAdapter({ appId: undefined, appPassword: undefined, appType: "MultiTenant", appTenantId: undefined }, (e) => errors.push(e));
  const server = await startHttpServer([
    { method: "GET", pattern: /^\/healthz$/, handler: (_req, res) => sendJson(res, 200, { ok: true }) },
    teamsRoute(adapter, new TeamsBot(engine, { remember: conversationMemory(store), now: now, onError: (e) => errors.push(e) }), { local: true, onError: (e) => errors.push(e) }),
    ...webChatRoutes(),
  ], { host: "127.0.0.1", port: 0, onError: (e) => errors.push(e) });
  return { ...server, engine, errors };
}
