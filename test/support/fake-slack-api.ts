import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface SlackCall {
  readonly method: string;
  readonly args: Record<string, unknown>;
}

export interface FakeSlackApi {
  /** Web API base, as `slackApiUrl` wants it (ends with /api/). */
  readonly apiUrl: string;
  /** Where a payload's `response_url` should point. */
  responseUrl(id: string): string;
  readonly calls: SlackCall[];
  readonly responses: Array<{ id: string; body: Record<string, unknown> }>;
  /** The next `count` calls of `method` answer 429 with this Retry-After (seconds). */
  throttle(method: string, count: number, retryAfterSeconds: number): void;
  setLocale(user: string, locale: string): void;
  waitFor<T>(pick: () => T | undefined, timeoutMs?: number): Promise<T>;
  close(): Promise<void>;
}

/**
 * A local fake of the Slack Web API methods tlsbot calls (auth.test, users.info, chat.postMessage,
 * chat.update) and of `response_url`s. Requests are form-encoded or JSON, answers HTTP 200 `{ok, …}` as
 * Slack's are; an unknown method fails loudly.
 */
export async function startFakeSlackApi(): Promise<FakeSlackApi> {
  const calls: SlackCall[] = [];
  const responses: Array<{ id: string; body: Record<string, unknown> }> = [];
  const throttles = new Map<string, { count: number; seconds: number }>();
  const locales = new Map<string, string>();
  let ts = 1_700_000_000;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const text = Buffer.concat(chunks).toString("utf8");
      const url = new URL(req.url ?? "/", "http://x");
      const json = (status: number, body: unknown, headers: Record<string, string> = {}) => {
        res.writeHead(status, { "content-type": "application/json", ...headers });
        res.end(JSON.stringify(body));
      };
      if (url.pathname.startsWith("/response/")) {
        responses.push({ id: url.pathname.slice(10), body: JSON.parse(text || "{}") as Record<string, unknown> });
        return json(200, { ok: true });
      }
      const method = url.pathname.replace(/^\/api\//, "");
      const args: Record<string, unknown> = (req.headers["content-type"] ?? "").includes("json")
        ? (JSON.parse(text || "{}") as Record<string, unknown>)
        : Object.fromEntries(new URLSearchParams(text));
      for (const k of ["blocks", "attachments"]) if (typeof args[k] === "string") args[k] = JSON.parse(args[k] as string);
      const throttle = throttles.get(method);
      if (throttle && throttle.count > 0) {
        throttle.count--;
        calls.push({ method: `${method} (429)`, args });
        return json(429, { ok: false, error: "ratelimited" }, { "retry-after": String(throttle.seconds) });
      }
      calls.push({ method, args });
      switch (method) {
        case "auth.test": return json(200, { ok: true, url: "https://fake.slack/", team: "Contoso", user: "tlsbot", team_id: "T0CONTOSO", user_id: "U0BOT", bot_id: "B0BOT" });
        case "users.info": return json(200, { ok: true, user: { id: args["user"], name: "someone", locale: locales.get(String(args["user"])) ?? "en-US", tz: "Asia/Tokyo" } });
        case "chat.postMessage": return json(200, { ok: true, channel: args["channel"], ts: `${ts++}.000100`, message: { text: args["text"] } });
        case "chat.update": return json(200, { ok: true, channel: args["channel"], ts: args["ts"] });
        default: return json(200, { ok: false, error: "unknown_method" });
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    apiUrl: `${base}/api/`, calls, responses,
    responseUrl: (id) => `${base}/response/${id}`,
    throttle: (method, count, seconds) => throttles.set(method, { count, seconds }),
    setLocale: (user, locale) => locales.set(user, locale),
    async waitFor(pick, timeoutMs = 10_000) {
      const end = Date.now() + timeoutMs;
      for (;;) {
        const v = pick();
        if (v !== undefined) return v;
        if (Date.now() > end) throw new Error("timed out waiting for the fake Slack API");
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
