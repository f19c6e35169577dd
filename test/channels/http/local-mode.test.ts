import { randomUUID } from "node:crypto";
import { rsaKeyPair } from "../../support/rsa-key-pair.ts";
import { createServer, request, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runScan } from "../../../src/azure/scan/run-scan.ts";
import { loadTenantFile } from "../../../src/azure/simulator/index.ts";
import { startHttpServer, type RunningHttpServer } from "../../../src/channels/http/http-server.ts";
import { TeamsBot } from "../../../src/channels/teams/teams-bot.ts";
import { teamsDeliverer } from "../../../src/channels/teams/teams-deliverer.ts";
import { createTeamsAdapter, teamsRoute } from "../../../src/channels/teams/teams-route.ts";
import { DEMO_TENANT_FILE } from "../../../src/cli/runtime.ts";
import { createEngine } from "../../../src/conversation/engine.ts";
import { isLoopbackHost, isLoopbackUrl } from "../../../src/domain/loopback.ts";
import { startChatServer, type ChatServer } from "../../support/chat-server.ts";
import { scanFixture, type ScanFixture } from "../../support/scan-fixture.ts";
import { conversationMemory } from "../../../src/posts/conversation-memory.ts";

const NOW = new Date("2026-11-26T03:00:00Z");
const CART = "/subscriptions/11111111-1111-4111-a111-111111111111/resourceGroups/rg-commerce-prod/providers/Microsoft.Cache/Redis/redis-cart-prod";

/** A server standing in for whoever a forged serviceUrl points at: it records anything it receives. */
async function startRecorder(): Promise<{ url: string; port: number; calls: string[]; close(): Promise<void> }> {
  const calls: string[] = [];
  const server: Server = createServer((req, res) => {
    calls.push(`${req.method} ${req.url}`);
    req.resume();
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ id: "x" }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return { url: `http://127.0.0.1:${port}/`, port, calls, close: () => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }) };
}

/** node:http rather than fetch: fetch will not send a Host header of our choosing (DNS rebinding). */
function raw(url: string, opts: { method?: string; headers?: Record<string, string>; body?: string }): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: opts.method ?? "POST", headers: opts.headers ?? {} }, (res: IncomingMessage) => {
      let body = "";
      res.on("data", (c: Buffer) => (body += c.toString()));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on("error", reject);
    req.end(opts.body);
  });
}

const activity = (serviceUrl: string, extra: Record<string, unknown> = {}) => ({
  type: "message", id: randomUUID(), channelId: "webchat", serviceUrl, locale: "en-US", timestamp: NOW.toISOString(),
  from: { id: "web-attacker" }, recipient: { id: "tlsbot" }, conversation: { id: `webchat-${randomUUID()}` }, text: "which caches are below 1.2", ...extra,
});

describe("local mode serves this machine's user only", () => {
  let fx: ScanFixture;
  let server: ChatServer;
  let recorder: Awaited<ReturnType<typeof startRecorder>>;
  const host = () => new URL(server.url).host;
  const json = { "content-type": "application/json" };

  beforeAll(async () => {
    fx = await scanFixture({ tenant: await loadTenantFile(DEMO_TENANT_FILE) });
    await runScan({ clients: fx.clients, store: fx.store, now: () => NOW }, { source: "arm", concurrency: 4, timeoutMs: 30_000 });
    server = await startChatServer(fx.store, () => NOW);
    recorder = await startRecorder();
  }, 60_000);
  afterAll(async () => {
    await server?.close();
    await recorder?.close();
    await fx?.close();
  });

  it("delivers to a loopback connector when the request is the page's own (the control for the refusals below)", async () => {
    const a = activity(recorder.url);
    const res = await raw(`${server.url}/api/messages`, { headers: { ...json, origin: `http://${host()}` }, body: JSON.stringify(a) });
    expect(res.status).toBe(200);
    expect(recorder.calls.some((c) => c.startsWith("POST /v3/conversations/"))).toBe(true);
    recorder.calls.length = 0;
  });

  it("refuses a browser-shaped cross-origin text/plain POST, and nothing reaches the serviceUrl it names", async () => {
    const body = JSON.stringify(activity(recorder.url, { text: "subscribe prod-jp" }));
    const crossOrigin = await raw(`${server.url}/api/messages`, { headers: { "content-type": "text/plain;charset=UTF-8", origin: "http://evil.example", "sec-fetch-site": "cross-site" }, body });
    expect(crossOrigin.status).toBe(403);
    const plain = await raw(`${server.url}/api/messages`, { headers: { "content-type": "text/plain" }, body });
    expect(plain.status).toBe(415);
    const form = await raw(`${server.url}/api/messages`, { headers: { "content-type": "application/x-www-form-urlencoded" }, body });
    expect(form.status).toBe(415);
    const otherLocalPage = await raw(`${server.url}/api/messages`, { headers: { ...json, origin: `http://127.0.0.1:${recorder.port}` }, body });
    expect(otherLocalPage.status).toBe(403);
    const opaque = await raw(`${server.url}/api/messages`, { headers: { ...json, origin: "null" }, body });
    expect(opaque.status).toBe(403);
    await new Promise((r) => setTimeout(r, 200));
    expect(recorder.calls).toEqual([]);
    expect(await fx.store.listSubscribedConversations()).toEqual([]);
  });

  it("refuses a foreign Host (DNS rebinding) on every route, the web chat page and its event stream included", async () => {
    const url = new URL(server.url);
    const rebinding = { host: `evil.example:${url.port}` };
    expect((await raw(`${server.url}/api/messages`, { headers: { ...json, ...rebinding }, body: JSON.stringify(activity(recorder.url)) })).status).toBe(403);
    expect((await raw(`${server.url}/`, { method: "GET", headers: rebinding })).status).toBe(403);
    expect((await raw(`${server.url}/webchat/events?conversation=webchat-${randomUUID()}`, { method: "GET", headers: rebinding })).status).toBe(403);
    expect((await raw(`${server.url}/webchat/connector/v3/conversations/webchat-${randomUUID()}/activities`, { headers: { ...json, ...rebinding }, body: "{}" })).status).toBe(403);
    expect((await raw(`${server.url}/api/messages`, { headers: { ...json, host: `evil.localhost:${url.port}` }, body: JSON.stringify(activity(recorder.url)) })).status).toBe(403);
    // The names a user really types still work.
    expect((await raw(`${server.url}/`, { method: "GET", headers: { host: `localhost:${url.port}` } })).status).toBe(200);
    expect((await raw(`${server.url}/`, { method: "GET", headers: { host: url.host } })).status).toBe(200);
    expect(recorder.calls).toEqual([]);
  });

  it("accepts only serviceUrls on a loopback literal, so 'subscribe' cannot store a foreign one", async () => {
    // 0.0.0.0 is not a loopback address, yet Linux connects it to this machine: a regression would show up
    // in the recorder instead of reaching any other host.
    for (const serviceUrl of [`http://0.0.0.0:${recorder.port}/`, `http://evil.localhost:${recorder.port}/`, "ftp://127.0.0.1/", "not a url"]) {
      const res = await raw(`${server.url}/api/messages`, { headers: json, body: JSON.stringify(activity(serviceUrl, { text: "subscribe prod-jp" })) });
      expect(res.status, serviceUrl).toBe(403);
      expect(JSON.parse(res.body)).toEqual({ error: expect.stringContaining("loopback") });
    }
    await new Promise((r) => setTimeout(r, 200));
    expect(recorder.calls).toEqual([]);
    expect(await fx.store.listSubscribedConversations()).toEqual([]);
  });

  it("answers activities without type, from, conversation or recipient with 400 and a clear reason, and keeps serving", async () => {
    for (const field of ["type", "from", "conversation", "recipient", "serviceUrl"]) {
      const a: Record<string, unknown> = activity(recorder.url);
      delete a[field];
      const res = await raw(`${server.url}/api/messages`, { headers: json, body: JSON.stringify(a) });
      expect(res.status, field).toBe(400);
      expect(JSON.parse(res.body).error).toContain(field);
    }
    for (const body of ["[]", "null", "42", "{\"type\":\"message\",\"from\":\"x\"}"]) {
      expect((await raw(`${server.url}/api/messages`, { headers: json, body })).status, body).toBe(400);
    }
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    expect(server.errors).toEqual([]);
  });

  it("bounds what card data echoes back: a 500 KB resource id or verb still gives a small card", async () => {
    const invoke = (verb: string, data: Record<string, unknown>) => raw(`${server.url}/api/messages`, {
      headers: json,
      body: JSON.stringify(activity(recorder.url, { type: "invoke", name: "adaptiveCard/action", text: undefined, value: { action: { type: "Action.Execute", verb, data } } })),
    });
    const huge = `/subscriptions/${"x".repeat(500_000)}`;
    for (const [verb, data] of [["resource", { resourceId: huge }], ["approveUpgrade", { resourceId: huge }], ["x".repeat(500_000), {}], ["page", { offset: 1e12, filter: { kinds: Array(100_000).fill("redis") } }]] as const) {
      const res = await invoke(verb, data);
      expect(res.status).toBe(200);
      expect(Buffer.byteLength(res.body)).toBeLessThan(28 * 1024);
      expect(res.body).not.toContain("xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx");
    }
    const real = await invoke("resource", { resourceId: CART });
    expect(real.body).toContain("redis-cart-prod");
  });

  it("keeps a card update for a page that is reconnecting and hands it over when the page is back", async () => {
    const conversation = `webchat-${randomUUID()}`;
    const put = await raw(`${server.url}/webchat/connector/v3/conversations/${conversation}/activities/card-9`, { method: "PUT", headers: json, body: JSON.stringify({ type: "message", text: "updated while away" }) });
    expect(put.status).toBe(200);
    const abort = new AbortController();
    const res = await fetch(`${server.url}/webchat/events?conversation=${conversation}`, { signal: abort.signal });
    const reader = res.body!.getReader();
    let text = "";
    while (!text.includes("updated while away")) text += new TextDecoder().decode((await reader.read()).value);
    abort.abort();
    expect(text).toMatch(/event: update\ndata: .*"id":"card-9"/);
  });

  it("posts proactively only to a stored reference on a loopback connector", async () => {
    const adapter = createTeamsAdapter({ appId: undefined, appPassword: undefined, appType: "MultiTenant", appTenantId: undefined }, () => {});
    const deliverer = teamsDeliverer(adapter, undefined, { platform: "web", local: true });
    const post = { card: { type: "AdaptiveCard", version: "1.5", body: [] }, slack: { text: "", blocks: [] }, text: "hello" } as never;
    const conversation = (serviceUrl: string) => ({ key: "web:x", platform: "web", reference: { serviceUrl, conversation: { id: "webchat-x" }, channelId: "webchat", bot: { id: "tlsbot" } }, kind: "personal", tenant: null, langs: "en", scopes: [], updatedAt: NOW.toISOString() }) as never;
    await expect(deliverer.send(conversation(`http://0.0.0.0:${recorder.port}/`), post)).rejects.toThrow(/loopback/);
    expect(recorder.calls).toEqual([]);
    await deliverer.send(conversation(recorder.url), post);
    expect(recorder.calls).toHaveLength(1);
    recorder.calls.length = 0;
  });
});

describe("with a MicrosoftAppId, a token that cannot be validated", () => {
  let server: RunningHttpServer;
  const errors: unknown[] = [];
  beforeAll(async () => {
    const fx = { store: null as never };
    const engine = createEngine({ store: fx.store, now: () => NOW });
    const app = { appId: "3f2a0000-0000-4000-a000-00000000abcd", appPassword: "not-a-real-secret", appType: "MultiTenant" as const, appTenantId: undefined };
    // Nothing listens on port 1: the signing keys cannot be fetched.
    const adapter = createTeamsAdapter(app, (e) => errors.push(e), { openIdMetadataUrl: "http://127.0.0.1:1/v1/.well-known/openidconfiguration" });
    server = await startHttpServer([teamsRoute(adapter, new TeamsBot(engine, { remember: conversationMemory(fx.store), now: () => NOW, onError: (e) => errors.push(e), allowedTenants: ["72f988bf-0000-4000-a000-0000000000aa"] }), { local: false, onError: (e) => errors.push(e) })], { host: "127.0.0.1", port: 0 });
  });
  afterAll(async () => server?.close());

  it("gets 401 or 503 with no internal detail in the body", async () => {
    const { privateKey } = rsaKeyPair();
    const enc = (o: unknown) => Buffer.from(JSON.stringify(o)).toString("base64url");
    const now = Math.floor(Date.now() / 1000);
    const input = `${enc({ alg: "RS256", typ: "JWT", kid: "forged" })}.${enc({ iss: "https://api.botframework.com", aud: "3f2a0000-0000-4000-a000-00000000abcd", nbf: now - 60, exp: now + 3600 })}`;
    const { sign } = await import("node:crypto");
    const token = `${input}.${sign("RSA-SHA256", Buffer.from(input), privateKey).toString("base64url")}`;
    for (const authorization of [`Bearer ${token}`, "Bearer not.a.jwt", ""]) {
      const res = await raw(`${server.url}/api/messages`, { headers: { "content-type": "application/json", ...(authorization ? { authorization } : {}) }, body: JSON.stringify(activity("https://smba.trafficmanager.net/amer/")) });
      expect([401, 503], authorization).toContain(res.status);
      expect(res.body).not.toMatch(/ECONNREFUSED|fetch|openID|stack|at \w+ \(|127\.0\.0\.1:1/i);
      expect(Object.keys(JSON.parse(res.body))).toEqual(["error"]);
    }
    expect(errors.length).toBeGreaterThan(0);
  });
});

describe("loopback means a literal, never a name resolved by DNS", () => {
  it("accepts 127.0.0.0/8, ::1 and localhost only", () => {
    for (const h of ["127.0.0.1", "127.1.2.3", "[::1]", "::1", "localhost", "LOCALHOST"]) expect(isLoopbackHost(h), h).toBe(true);
    for (const h of ["evil.localhost", "localhost.evil.example", "0.0.0.0", "10.0.0.1", "127.0.0.1.nip.io", "::", "example.com", ""]) expect(isLoopbackHost(h), h).toBe(false);
    expect(isLoopbackUrl("https://evil.localhost:8443/")).toBe(false);
    expect(isLoopbackUrl("https://127.0.0.1:8443/")).toBe(true);
  });
});
