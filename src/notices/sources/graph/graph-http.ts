import { request } from "node:https";
import type { TokenCredential } from "@azure/core-auth";

export interface GraphHttpOptions {
  readonly credential: TokenCredential;
  readonly scope: string;
  readonly ca?: string | undefined;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly maxRetries?: number;
  readonly signal?: AbortSignal | undefined;
}

export class GraphHttpError extends Error {
  constructor(readonly status: number, readonly code: string, message: string) {
    super(`${status} ${code}: ${message}`);
  }
}

const defaultSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Retry-After in seconds (Graph sends seconds), capped so one poll cannot hang for minutes. */
export function retryAfterMs(header: string | undefined, attempt: number): number {
  const seconds = Number(header);
  const base = Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : 2 ** attempt * 1000;
  return Math.min(base, 60_000);
}

function once(url: string, token: string, ca: string | undefined, signal: AbortSignal | undefined): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: "GET", headers: { authorization: `Bearer ${token}`, accept: "application/json" }, ...(ca ? { ca } : {}), timeout: 60_000, ...(signal ? { signal } : {}) }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on("error", reject);
    });
    req.on("timeout", () => req.destroy(new Error(`timed out: ${url}`)));
    req.on("error", reject);
    req.end();
  });
}

/** GET with a bearer token; 429/503/504 are retried after Graph's Retry-After, other errors thrown as GraphHttpError. */
export async function graphGet(url: string, opts: GraphHttpOptions): Promise<Buffer> {
  const maxRetries = opts.maxRetries ?? 4;
  for (let attempt = 0; ; attempt++) {
    const token = await opts.credential.getToken(opts.scope, opts.signal ? { abortSignal: opts.signal } : {});
    if (!token) throw new GraphHttpError(401, "NoToken", "no token for Microsoft Graph");
    const res = await once(url, token.token, opts.ca, opts.signal);
    if (res.status >= 200 && res.status < 300) return res.body;
    if ((res.status === 429 || res.status === 503 || res.status === 504) && attempt < maxRetries) {
      const header = res.headers["retry-after"];
      await (opts.sleep ?? defaultSleep)(retryAfterMs(Array.isArray(header) ? header[0] : header, attempt));
      continue;
    }
    let code = "HttpError";
    let message = res.body.toString("utf8").slice(0, 300);
    try {
      const err = (JSON.parse(res.body.toString("utf8")) as { error?: { code?: string; message?: string } }).error;
      code = err?.code ?? code;
      message = err?.message ?? message;
    } catch {
      // not JSON: keep the text
    }
    throw new GraphHttpError(res.status, code, message);
  }
}
