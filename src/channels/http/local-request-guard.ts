import { isLoopbackHostHeader, isLoopbackUrl } from "../../domain/loopback.ts";
import type { HttpRequest } from "./http-server.ts";

export interface Refusal {
  readonly status: 400 | 403 | 415;
  readonly error: string;
}

/** `application/json`, optionally with parameters; a browser cannot send it cross-origin without a preflight. */
export function isJsonContentType(header: string | undefined): boolean {
  return /^application\/json\s*(;|$)/i.test((header ?? "").trim());
}

/**
 * Unauthenticated local mode serves this machine's user and no web page. A page elsewhere can still make
 * the browser send requests here: "simple" cross-origin POSTs (text/plain, form bodies) need no preflight,
 * and DNS rebinding makes a foreign name resolve to 127.0.0.1. So a request must name a loopback host,
 * carry no foreign `Origin`, and (with a body) be JSON, which a cross-origin page can only send after a
 * preflight this server never approves.
 */
export function refuseNonLocal(req: HttpRequest, opts: { readonly body: boolean }): Refusal | null {
  const host = req.headers.host;
  if (!isLoopbackHostHeader(host)) return { status: 403, error: "local mode accepts only requests addressed to a loopback host (127.0.0.1, [::1] or localhost)" };
  const origin = req.headers.origin;
  if (origin !== undefined && origin !== `http://${host}`) return { status: 403, error: "local mode accepts no cross-origin requests" };
  // Fetch metadata, where the browser sends it, says the same thing more directly.
  const site = req.headers["sec-fetch-site"];
  if (site !== undefined && site !== "same-origin" && site !== "none") return { status: 403, error: "local mode accepts no cross-origin requests" };
  if (opts.body && !isJsonContentType(req.headers["content-type"])) return { status: 415, error: "the body must be application/json" };
  return null;
}

/** Where the bot would send its replies: in local mode only to a connector on this machine. */
export function refuseServiceUrl(serviceUrl: unknown): Refusal | null {
  if (typeof serviceUrl !== "string" || !/^https?:\/\//i.test(serviceUrl) || !isLoopbackUrl(serviceUrl)) return { status: 403, error: "local mode replies only to a serviceUrl on a loopback host" };
  return null;
}
