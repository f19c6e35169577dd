import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface ConnectorCall {
  readonly method: "POST" | "PUT";
  /** Decoded: Teams conversation ids carry ':' '@' ';' and arrive URL-encoded. */
  readonly conversationId: string;
  readonly replyToId: string | null;
  readonly activityId: string | null;
  /** The id the connector answered with: a new activity's (POST), the updated one's (PUT). */
  readonly id: string;
  readonly activity: Record<string, unknown>;
  readonly authorization: string | null;
}

export interface FakeBotConnector {
  readonly serviceUrl: string;
  readonly calls: ConnectorCall[];
  throttle(count: number, retryAfterSeconds: number): void;
  /** The next `count` posts or updates answer this status (a 5xx outage of the Bot Connector). */
  fail(count: number, status: number): void;
  /** Posts to this conversation answer as the Bot Connector does once the bot is removed (403 BotNotInConversationRoster by default); every attempt is still recorded. */
  remove(conversationId: string, answer?: { status: number; code: string }): void;
  waitFor<T>(pick: () => T | undefined, timeoutMs?: number): Promise<T>;
  close(): Promise<void>;
}

/**
 * A local fake of the Bot Connector REST API replies and proactive posts use:
 * POST /v3/conversations/{id}/activities[/{replyToId}] and PUT /v3/conversations/{id}/activities/{id}.
 * Anything else is a 404, so an unexpected call fails the test.
 */
export async function startFakeBotConnector(): Promise<FakeBotConnector> {
  const calls: ConnectorCall[] = [];
  let throttled = { count: 0, seconds: 1 };
  let failing = { count: 0, status: 500 };
  let next = 1;
  const removed = new Map<string, { status: number; code: string }>();
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const m = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?$/.exec(new URL(req.url ?? "/", "http://x").pathname);
      if (!m || (req.method !== "POST" && req.method !== "PUT")) {
        res.writeHead(404, { "content-type": "application/json" }).end(JSON.stringify({ error: { code: "NotFound", message: `${req.method} ${req.url}` } }));
        return;
      }
      const gone = removed.get(decodeURIComponent(m[1] ?? ""));
      if (gone) {
        calls.push({ method: req.method as "POST" | "PUT", conversationId: decodeURIComponent(m[1] ?? ""), replyToId: null, activityId: null, id: `refused-${gone.status}`, activity: {}, authorization: req.headers.authorization ?? null });
        res.writeHead(gone.status, { "content-type": "application/json" }).end(JSON.stringify({ error: { code: gone.code, message: "The bot is not part of the conversation roster." } }));
        return;
      }
      if (failing.count > 0) {
        failing.count--;
        res.writeHead(failing.status, { "content-type": "application/json" }).end(JSON.stringify({ error: { code: "ServiceError", message: "injected" } }));
        return;
      }
      if (throttled.count > 0) {
        throttled.count--;
        res.writeHead(429, { "retry-after": String(throttled.seconds), "content-type": "application/json" }).end(JSON.stringify({ error: { code: "TooManyRequests" } }));
        return;
      }
      const activity = JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}") as Record<string, unknown>;
      const id = req.method === "PUT" ? (m[2] ?? "") : `activity-${next++}`;
      calls.push({
        method: req.method as "POST" | "PUT", conversationId: decodeURIComponent(m[1] ?? ""),
        replyToId: req.method === "POST" && m[2] ? decodeURIComponent(m[2]) : null, activityId: req.method === "PUT" ? decodeURIComponent(id) : null, id: decodeURIComponent(id),
        activity, authorization: req.headers.authorization ?? null,
      });
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ id }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    serviceUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    calls,
    throttle: (count, seconds) => { throttled = { count, seconds }; },
    fail: (count, status) => { failing = { count, status }; },
    remove: (conversationId, answer = { status: 403, code: "BotNotInConversationRoster" }) => { removed.set(conversationId, answer); },
    async waitFor(pick, timeoutMs = 10_000) {
      const end = Date.now() + timeoutMs;
      for (;;) {
        const v = pick();
        if (v !== undefined) return v;
        if (Date.now() > end) throw new Error("timed out waiting for the fake Bot Connector");
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
