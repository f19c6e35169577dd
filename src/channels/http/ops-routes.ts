import { timingSafeEqual } from "node:crypto";
import { isLoopbackHost, isLoopbackHostHeader } from "../../domain/loopback.ts";
import { sendJson, type HttpRequest, type Route } from "./http-server.ts";

export interface OpsDeps {
  /** Store reachable and migrated; a reason code otherwise (never a driver message). */
  readonly readiness: () => Promise<{ readonly ready: boolean; readonly reason?: string }>;
  /** Prometheus exposition text. */
  readonly metrics: () => Promise<{ readonly contentType: string; readonly body: string }>;
  /** TLSBOT_METRICS_TOKEN: lets a scraper on another machine read /metrics. */
  readonly metricsToken?: string | undefined;
}

/**
 * /metrics holds counts and durations only (no ids, names, tokens), yet how often a tenant is scanned and
 * how many resources it has is nobody else's business: callers on this machine read it (addressed to a
 * loopback host, so a DNS-rebound page cannot), others only with the bearer token.
 */
export function mayReadMetrics(req: Pick<HttpRequest, "remoteAddress" | "headers">, token: string | undefined): boolean {
  const auth = req.headers.authorization;
  if (token && typeof auth === "string" && auth.startsWith("Bearer ")) {
    const given = Buffer.from(auth.slice(7));
    const expected = Buffer.from(token);
    if (given.length === expected.length && timingSafeEqual(given, expected)) return true;
  }
  return isLoopbackHost(req.remoteAddress) && isLoopbackHostHeader(req.headers.host);
}

/** /healthz (the process answers), /readyz (it can serve: 503 otherwise, for load balancers), /metrics. */
export function opsRoutes(deps: OpsDeps): Route[] {
  return [
    { method: "GET", pattern: /^\/healthz$/, handler: (_req, res) => sendJson(res, 200, { ok: true }) },
    {
      method: "GET", pattern: /^\/readyz$/,
      handler: async (_req, res) => {
        const r = await deps.readiness();
        sendJson(res, r.ready ? 200 : 503, r.ready ? { ready: true } : { ready: false, reason: r.reason ?? "notReady" });
      },
    },
    {
      method: "GET", pattern: /^\/metrics$/,
      handler: async (req, res) => {
        if (!mayReadMetrics(req, deps.metricsToken)) {
          sendJson(res, 403, { error: "metrics are served to this machine, or with TLSBOT_METRICS_TOKEN as a bearer token" });
          return;
        }
        const { contentType, body } = await deps.metrics();
        res.writeHead(200, { "content-type": contentType, "content-length": Buffer.byteLength(body), "cache-control": "no-store" });
        res.end(body);
      },
    },
  ];
}
