import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface HttpRequest {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: IncomingMessage["headers"];
  readonly rawBody: Buffer;
  /** The request's socket address, for loopback-only routes. */
  readonly remoteAddress: string;
  readonly raw: IncomingMessage;
  /** The caller's X-Request-Id when well-formed, else a new one; echoed in the response and in every log line of this request. */
  readonly requestId: string;
  readonly log: RequestLogger;
}

/** The slice of a pino logger the server uses: a child per request carries its id. */
export interface RequestLogger {
  child(bindings: Record<string, unknown>): RequestLogger;
  info(obj: Record<string, unknown>, msg: string): void;
  debug(obj: Record<string, unknown>, msg: string): void;
  warn(obj: Record<string, unknown>, msg: string): void;
}

const SILENT: RequestLogger = { child: () => SILENT, info() {}, debug() {}, warn() {} };

/** Ids a proxy or a client may pass on: short, printable, nothing that could forge a log line or header. */
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export function requestIdOf(header: string | string[] | undefined): string {
  return typeof header === "string" && REQUEST_ID.test(header) ? header : randomUUID();
}

/** Health probes and scrapes every few seconds would drown the log: they are logged at debug level. */
const QUIET_PATHS = new Set(["/healthz", "/readyz", "/metrics"]);

export type Handler = (req: HttpRequest, res: ServerResponse) => Promise<void> | void;

export interface Route {
  readonly method: "GET" | "POST" | "PUT";
  readonly pattern: RegExp;
  readonly handler: Handler;
  /** The handler reads the body itself (Slack's receiver verifies the signature over the raw bytes). */
  readonly rawBody?: boolean;
}

/** Chat payloads are small; a card-carrying activity is well under 1 MB. Bigger bodies are refused. */
export const MAX_BODY_BYTES = 1024 * 1024;

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(text) });
  res.end(text);
}

const declaredTooLarge = (req: IncomingMessage) => Number(req.headers["content-length"] ?? 0) > MAX_BODY_BYTES;

function readBody(req: IncomingMessage): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (c: Buffer) => {
      size += c.length;
      // Past the limit the rest is read and dropped, so the client still gets its 413.
      if (size <= MAX_BODY_BYTES) chunks.push(c);
    });
    req.on("end", () => resolve(size > MAX_BODY_BYTES ? null : Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

export interface RunningHttpServer {
  readonly url: string;
  readonly server: Server;
  close(): Promise<void>;
}

/**
 * A small router on node:http: one server carries Teams (/api/messages), Slack (/slack/events), the web
 * chat and the operations endpoints (/healthz, /readyz, /metrics). Every request gets an id (X-Request-Id). A handler that throws answers 500 and the server keeps running.
 */
export async function startHttpServer(routes: readonly Route[], opts: { host: string; port: number; onError?: (err: unknown) => void; logger?: RequestLogger }): Promise<RunningHttpServer> {
  const sockets = new Set<import("node:net").Socket>();
  const server = createServer(async (raw, res) => {
    const started = performance.now();
    const requestId = requestIdOf(raw.headers["x-request-id"]);
    res.setHeader("x-request-id", requestId);
    const log = (opts.logger ?? SILENT).child({ requestId });
    let path = "";
    // The path only: a query string may carry a token (OAuth redirects, signed links).
    res.once("finish", () => {
      const line = { method: raw.method, path, status: res.statusCode, ms: Math.round(performance.now() - started) };
      if (QUIET_PATHS.has(path)) log.debug(line, "http.request");
      else log.info(line, "http.request");
    });
    try {
      const url = new URL(raw.url ?? "/", "http://localhost");
      path = url.pathname;
      const candidates = routes.filter((r) => r.pattern.test(url.pathname));
      const route = candidates.find((r) => r.method === raw.method);
      if (!route) {
        sendJson(res, candidates.length ? 405 : 404, { error: candidates.length ? "method not allowed" : "not found" });
        return;
      }
      // Refused before any handler reads it — raw-body routes included; the rest of the body is dropped.
      const body = declaredTooLarge(raw) ? null : raw.method === "GET" || route.rawBody ? Buffer.alloc(0) : await readBody(raw);
      if (body === null) {
        raw.resume();
        res.setHeader("connection", "close");
        sendJson(res, 413, { error: `request body over ${MAX_BODY_BYTES} bytes` });
        return;
      }
      await route.handler({ method: raw.method ?? "GET", path: url.pathname, query: url.searchParams, headers: raw.headers, rawBody: body, remoteAddress: raw.socket.remoteAddress ?? "", raw, requestId, log }, res);
    } catch (err) {
      log.warn({ err: err instanceof Error ? err : new Error(String(err)), path }, "http.error");
      opts.onError?.(err);
      if (!res.headersSent) sendJson(res, 500, { error: "internal error" });
      else res.end();
    }
  });
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port, opts.host, () => resolve());
  });
  const addr = server.address() as AddressInfo;
  const host = addr.family === "IPv6" ? `[${addr.address}]` : addr.address;
  return {
    url: `http://${host}:${addr.port}`,
    server,
    close: () => new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    }),
  };
}
