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
}

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
 * chat and /healthz. A handler that throws answers 500 and the server keeps running.
 */
export async function startHttpServer(routes: readonly Route[], opts: { host: string; port: number; onError?: (err: unknown) => void }): Promise<RunningHttpServer> {
  const sockets = new Set<import("node:net").Socket>();
  const server = createServer(async (raw, res) => {
    try {
      const url = new URL(raw.url ?? "/", "http://localhost");
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
      await route.handler({ method: raw.method ?? "GET", path: url.pathname, query: url.searchParams, headers: raw.headers, rawBody: body, remoteAddress: raw.socket.remoteAddress ?? "", raw }, res);
    } catch (err) {
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
