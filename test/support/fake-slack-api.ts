import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface SlackCall {
  readonly method: string;
  readonly args: Record<string, unknown>;
  /** What the fake answered (a posted message's `ts`, an opened view's `id`). */
  result?: Record<string, unknown>;
}

export interface FakeSlackApi {
  /** Web API base, as `slackApiUrl` wants it (ends with /api/). */
  readonly apiUrl: string;
  /** Where a payload's `response_url` should point. */
  responseUrl(id: string): string;
  readonly calls: SlackCall[];
  /** Modals opened with views.open, in order, with the id the fake gave each. */
  readonly views: Array<{ readonly id: string; readonly triggerId: string; readonly view: Record<string, unknown> }>;
  /** Calls of methods this fake does not implement: a test should expect none. */
  readonly unknown: SlackCall[];
  readonly responses: Array<{ id: string; body: Record<string, unknown> }>;
  /** The next `count` calls of `method` answer 429 with this Retry-After (seconds). */
  throttle(method: string, count: number, retryAfterSeconds: number): void;
  /** The next `count` calls of `method` answer `{ok: false, error}` (an expired trigger_id, say). */
  fail(method: string, error: string, count?: number): void;
  setLocale(user: string, locale: string): void;
  /** The name the user shows in Slack (`profile.display_name`); none set: Slack's empty display name. */
  setDisplayName(user: string, name: string): void;
  waitFor<T>(pick: () => T | undefined, timeoutMs?: number): Promise<T>;
  close(): Promise<void>;
}

/**
 * A local fake of the Slack Web API methods tlsbot calls (auth.test, users.info, chat.postMessage,
 * chat.update, chat.delete, chat.postEphemeral, views.open) and of `response_url`s. Requests are form-encoded or JSON, answers HTTP 200 `{ok, …}` as
 * Slack's are; an unknown method fails loudly.
 */
export async function startFakeSlackApi(): Promise<FakeSlackApi> {
  const calls: SlackCall[] = [];
  const responses: Array<{ id: string; body: Record<string, unknown> }> = [];
  const throttles = new Map<string, { count: number; seconds: number }>();
  const failures = new Map<string, { count: number; error: string }>();
  const views: FakeSlackApi["views"] = [];
  const unknown: SlackCall[] = [];
  const locales = new Map<string, string>();
  const displayNames = new Map<string, string>();
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
      for (const k of ["blocks", "attachments", "view"]) if (typeof args[k] === "string") args[k] = JSON.parse(args[k] as string);
      const throttle = throttles.get(method);
      if (throttle && throttle.count > 0) {
        throttle.count--;
        calls.push({ method: `${method} (429)`, args });
        return json(429, { ok: false, error: "ratelimited" }, { "retry-after": String(throttle.seconds) });
      }
      const call: SlackCall = { method, args };
      calls.push(call);
      const answer = (body: Record<string, unknown>) => {
        call.result = body;
        return json(200, body);
      };
      const failure = failures.get(method);
      if (failure && failure.count > 0) {
        failure.count--;
        return answer({ ok: false, error: failure.error });
      }
      switch (method) {
        case "auth.test": return answer({ ok: true, url: "https://fake.slack/", team: "Contoso", user: "tlsbot", team_id: "T0CONTOSO", user_id: "U0BOT", bot_id: "B0BOT" });
        case "users.info": return answer({ ok: true, user: { id: args["user"], name: "someone", locale: locales.get(String(args["user"])) ?? "en-US", tz: "Asia/Tokyo", profile: { display_name: displayNames.get(String(args["user"])) ?? "" } } });
        case "chat.postMessage": return answer({ ok: true, channel: args["channel"], ts: `${ts++}.000100`, message: { text: args["text"] } });
        case "chat.update": return answer({ ok: true, channel: args["channel"], ts: args["ts"] });
        case "chat.delete": return answer({ ok: true, channel: args["channel"], ts: args["ts"] });
        case "chat.postEphemeral": return answer({ ok: true, message_ts: `${ts++}.000200` });
        case "views.open": {
          if (typeof args["trigger_id"] !== "string" || !args["trigger_id"]) return answer({ ok: false, error: "invalid_trigger_id" });
          const view = args["view"] as Record<string, unknown> | undefined;
          if (!view || typeof view !== "object") return answer({ ok: false, error: "invalid_arguments" });
          const id = `V${String(views.length + 1).padStart(8, "0")}`;
          views.push({ id, triggerId: args["trigger_id"], view });
          return answer({ ok: true, view: { ...view, id, state: { values: {} }, hash: `h${id}` } });
        }
        default:
          // Loudly: the caller's WebClient throws, and the test sees it in `unknown`.
          unknown.push({ method, args });
          return answer({ ok: false, error: "unknown_method" });
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    apiUrl: `${base}/api/`, calls, responses, views, unknown,
    responseUrl: (id) => `${base}/response/${id}`,
    throttle: (method, count, seconds) => throttles.set(method, { count, seconds }),
    fail: (method, error, count = 1) => failures.set(method, { count, error }),
    setLocale: (user, locale) => locales.set(user, locale),
    setDisplayName: (user, name) => { displayNames.set(user, name); },
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
