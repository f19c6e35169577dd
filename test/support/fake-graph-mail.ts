import { createServer, type Server } from "node:https";
import type { AddressInfo } from "node:net";
import { createCertificate } from "../../src/azure/simulator/certificate.ts";

export interface FakeMessage {
  readonly id: string;
  readonly internetMessageId: string;
  readonly receivedDateTime: string;
  readonly mime: Uint8Array;
}

export interface FakeGraphMail {
  readonly url: string;
  readonly ca: string;
  readonly token: string;
  readonly messages: FakeMessage[];
  /** Every request path (with query), in order. */
  readonly requests: string[];
  /** The next `count` requests answer 429 with this Retry-After (seconds). */
  throttle(count: number, retryAfterSeconds: number): void;
  close(): Promise<void>;
}

const json = (status: number, body: unknown) => ({ status, type: "application/json", body: Buffer.from(JSON.stringify(body)) });
const graphError = (status: number, code: string, message: string) => json(status, { error: { code, message, innerError: { date: new Date().toISOString() } } });

/**
 * A local HTTPS fake of the Graph mail endpoints tlsbot uses, in their documented shapes: message lists
 * with `$filter=receivedDateTime ge …`, `$orderby`, `$top` and `@odata.nextLink`, and `/$value` MIME.
 * Queries it does not understand are rejected as Graph rejects them, so the client cannot drift.
 */
export async function startFakeGraphMail(user: string, folder = "inbox"): Promise<FakeGraphMail> {
  const cert = await createCertificate();
  const token = "graph-test-token";
  const messages: FakeMessage[] = [];
  const requests: string[] = [];
  let throttled = 0;
  let retryAfter = 1;

  function handle(method: string, rawUrl: string, auth: string | undefined) {
    requests.push(rawUrl);
    if (auth !== `Bearer ${token}`) return graphError(401, "InvalidAuthenticationToken", "Access token validation failure.");
    if (throttled > 0) {
      throttled--;
      return { ...graphError(429, "ApplicationThrottled", "Application is over its MailboxConcurrency limit."), headers: { "retry-after": String(retryAfter) } };
    }
    if (method !== "GET") return graphError(405, "Request_BadRequest", "method not allowed");
    const url = new URL(rawUrl, "https://graph.invalid");
    const path = decodeURIComponent(url.pathname);
    const list = /^\/v1\.0\/users\/([^/]+)\/mailFolders\/([^/]+)\/messages$/i.exec(path);
    if (list) {
      if (list[1] !== user) return graphError(404, "ErrorInvalidUser", `The requested user '${list[1]}' is invalid.`);
      if (list[2]?.toLowerCase() !== folder) return graphError(404, "ErrorItemNotFound", "The specified object was not found in the store.");
      const filter = url.searchParams.get("$filter");
      const m = filter === null ? null : /^receivedDateTime ge (\d{4}-\d{2}-\d{2}T[\d:.]+Z)$/.exec(filter);
      if (filter !== null && !m) return graphError(400, "BadRequest", `Invalid filter clause: ${filter}`);
      const order = url.searchParams.get("$orderby");
      if (order !== null && order !== "receivedDateTime asc") return graphError(400, "BadRequest", `Unsupported orderby: ${order}`);
      const top = Number(url.searchParams.get("$top") ?? 10);
      if (!Number.isInteger(top) || top < 1 || top > 1000) return graphError(400, "BadRequest", "Invalid $top");
      const skip = Number(url.searchParams.get("$skip") ?? 0);
      const since = m ? Date.parse(m[1] as string) : 0;
      const matching = messages.filter((x) => Date.parse(x.receivedDateTime) >= since).sort((a, b) => a.receivedDateTime.localeCompare(b.receivedDateTime));
      const page = matching.slice(skip, skip + top);
      const next = new URL(url);
      next.searchParams.set("$skip", String(skip + top));
      return json(200, {
        "@odata.context": `https://graph.invalid/v1.0/$metadata#users('${user}')/mailFolders('${folder}')/messages(id,internetMessageId,receivedDateTime)`,
        value: page.map((x) => ({ "@odata.etag": `W/"${x.id}"`, id: x.id, internetMessageId: x.internetMessageId, receivedDateTime: x.receivedDateTime })),
        ...(skip + top < matching.length ? { "@odata.nextLink": `${base}${next.pathname}${next.search}` } : {}),
      });
    }
    const value = /^\/v1\.0\/users\/([^/]+)\/messages\/([^/]+)\/\$value$/i.exec(path);
    if (value) {
      const msg = messages.find((x) => x.id === value[2]);
      if (value[1] !== user || !msg) return graphError(404, "ErrorItemNotFound", "The specified object was not found in the store.");
      return { status: 200, type: "message/rfc822", body: Buffer.from(msg.mime) };
    }
    return graphError(400, "BadRequest", `Resource not found for the segment '${path.split("/").pop() ?? ""}'.`);
  }

  const server: Server = createServer({ key: cert.key, cert: cert.cert }, (req, res) => {
    const r = handle(req.method ?? "GET", req.url ?? "/", req.headers.authorization) as { status: number; type: string; body: Buffer; headers?: Record<string, string> };
    res.writeHead(r.status, { "content-type": r.type, ...(r.headers ?? {}) });
    res.end(r.body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const base = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: base, ca: cert.cert, token, messages, requests,
    throttle(count, seconds) {
      throttled = count;
      retryAfter = seconds;
    },
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
