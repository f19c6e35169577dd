import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runScan } from "../../../src/azure/scan/run-scan.ts";
import { loadTenantFile } from "../../../src/azure/simulator/index.ts";
import { startHttpServer, type RunningHttpServer } from "../../../src/channels/http/http-server.ts";
import { createSlackChannel } from "../../../src/channels/slack/slack-app.ts";
import { TeamsBot } from "../../../src/channels/teams/teams-bot.ts";
import { createTeamsAdapter, teamsRoute } from "../../../src/channels/teams/teams-route.ts";
import { webChatRoutes } from "../../../src/channels/web/web-chat-routes.ts";
import { DEMO_TENANT_FILE } from "../../../src/cli/runtime.ts";
import { createEngine } from "../../../src/conversation/engine.ts";
import { startFakeBotConnector, type FakeBotConnector } from "../../support/fake-bot-connector.ts";
import { startFakeSlackApi, type FakeSlackApi } from "../../support/fake-slack-api.ts";
import { scanFixture, type ScanFixture } from "../../support/scan-fixture.ts";
import { slackDriver, teamsDriver, webDriver, type ChannelDriver } from "./channel-drivers.ts";
import { conversationMemory } from "../../../src/posts/conversation-memory.ts";
import { DEMO_INVENTORY_SIZE } from "../../support/demo-inventory.ts";

const NOW = new Date("2026-11-26T03:00:00Z");
const SECRET = "contract-secret";
const BELOW_12 = ["redis-cart-prod", "redis-ml-cache-dev", "redis-payments-prod", "redis-queue-stg", "redis-sandbox-tanaka", "redis-session-prod", "redis-web-stg"];

let fx: ScanFixture;
let server: RunningHttpServer;
let connector: FakeBotConnector;
let api: FakeSlackApi;
const drivers = new Map<string, ChannelDriver>();
let closeWeb = () => {};

beforeAll(async () => {
  fx = await scanFixture({ tenant: await loadTenantFile(DEMO_TENANT_FILE) });
  await runScan({ clients: fx.clients, store: fx.store, now: () => NOW }, { source: "arm", concurrency: 4, timeoutMs: 30_000 });
  connector = await startFakeBotConnector();
  api = await startFakeSlackApi();
  const onError = () => {};
  const engine = createEngine({ store: fx.store, now: () => NOW });
  const slack = await createSlackChannel({ botToken: "xoxb-test", signingSecret: SECRET, appToken: undefined, apiUrl: api.apiUrl, teamId: undefined }, engine, { remember: conversationMemory(fx.store), now: () => NOW, onError });
  const adapter = createTeamsAdapter({ appId: undefined, appPassword: undefined, appType: "MultiTenant", appTenantId: undefined }, onError);
  server = await startHttpServer([teamsRoute(adapter, new TeamsBot(engine, { remember: conversationMemory(fx.store), now: () => NOW, onError, allowedTenants: null }), { local: true, onError }), slack.route, ...webChatRoutes()], { host: "127.0.0.1", port: 0 });
  drivers.set("teams", teamsDriver(server.url, connector));
  drivers.set("slack", slackDriver(server.url, api, SECRET));
  const web = await webDriver(server.url);
  closeWeb = web.close;
  drivers.set("web", web);
});
afterAll(async () => {
  closeWeb();
  await server?.close();
  await connector?.close();
  await api?.close();
  await fx?.close();
});

/** The same conversation, whatever the platform: one engine, three transports. */
describe.each(["teams", "slack", "web"])("channel contract: %s", (name) => {
  const driver = () => drivers.get(name)!;

  it("lists the caches below 1.2, and only those", async () => {
    const a = await driver().ask("which caches are below 1.2");
    for (const n of BELOW_12) expect(a.text).toContain(n);
    expect(a.text).not.toContain("redis-search-prod");
  });

  it("answers a Japanese question in Japanese", async () => {
    const a = await driver().ask("1.2未満のキャッシュは？");
    expect(a.text).toContain("期限切れ");
    expect(a.text).toContain("redis-cart-prod");
  });

  it("pages a long answer with its button", async () => {
    const first = await driver().ask("resources");
    const page = first.actions.find((x) => x.verb === "page");
    expect(page).toBeDefined();
    const next = await driver().press(page!);
    expect(next.text).toContain(`Showing 21–${Math.min(40, DEMO_INVENTORY_SIZE)} of ${DEMO_INVENTORY_SIZE}`);
  });

  it("shows one resource, with the warning that the change cannot be undone", async () => {
    const a = await driver().ask("redis-cart-prod");
    expect(a.text).toContain("cannot be undone");
  });

  it("answers nonsense, empty text and a mention alone with help", async () => {
    for (const text of ["hello there", "", "<at>tlsbot</at>"]) {
      const a = await driver().ask(text);
      expect(a.text, JSON.stringify(text)).toContain("which caches are below 1.2");
    }
  });
});
