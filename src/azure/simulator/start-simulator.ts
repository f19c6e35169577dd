import { logAnalyticsRoutes } from "./routes/log-analytics-routes.ts";
import { randomUUID } from "node:crypto";
import { createServer, type Server } from "node:https";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { createCertificate } from "./certificate.ts";
import { FaultBook, faultResponse, type Fault } from "./faults.ts";
import { LimitsGate, type LimitCounters, type RealisticLimits } from "./realistic-limits.ts";
import { SimState } from "./sim-state.ts";
import { armError, type SimRequest, type SimResponse } from "./sim-http.ts";
import type { Tenant } from "./tenant.ts";
import type { Route, SimContext } from "./routes/sim-context.ts";
import { subscriptionRoutes } from "./routes/subscriptions-routes.ts";
import { KIND_DEFINITIONS } from "../kinds/registry.ts";
import type { SimResource } from "./sim-state.ts";
import { genericResourceRoutes } from "./routes/generic-resources-routes.ts";
import { asyncOperationRoutes } from "./routes/async-operation-routes.ts";
import { graphRoutes } from "./routes/graph-routes.ts";
import { advisorRoutes } from "./routes/advisor-routes.ts";

export interface SimulatorOptions {
  readonly tenant: Tenant;
  /** The bearer token every request must carry. */
  readonly token: string;
  /** 0 (default) picks a free port. */
  readonly port?: number;
  /** Items per page of ARM lists (Azure's vary; small values exercise nextLink paging). */
  readonly pageSize?: number;
  /** Added to every response. */
  readonly latencyMs?: number;
  /** Azure's throttling, jitter, 5xx and resets; none unless asked for. */
  readonly limits?: RealisticLimits;
  readonly redisPatchMode?: "200" | "202";
  /**
   * How the providers' PATCH writes and server parameter writes answer: "200" with the resource (the
   * default), or "202" with an Azure-AsyncOperation to poll, as most of them may on Azure.
   */
  readonly writeMode?: "200" | "202";
  /** Polls a long-running operation answers "in progress" before it completes. */
  readonly asyncPollsBeforeDone?: number;
  readonly graph?: { readonly available?: boolean; readonly quotaPerWindow?: number; readonly windowMs?: number };
  readonly faults?: readonly Fault[];
  /** Largest request body accepted, bytes. */
  readonly maxBodyBytes?: number;
  /** Told of every request as it is answered (a test in another process waits for a write this way). */
  readonly onRequest?: (r: RecordedRequest) => void;
}

export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly query: string;
  readonly status: number;
}

export interface RunningSimulator {
  /** `https://127.0.0.1:PORT` */
  readonly url: string;
  /** PEM of the self-signed certificate to trust. */
  readonly ca: string;
  readonly requests: readonly RecordedRequest[];
  readonly state: SimState;
  /** What the realistic limits did so far (all zero without them). */
  readonly limitCounters: LimitCounters;
  addFaults(faults: readonly Fault[]): void;
  clearFaults(): void;
  clearRequests(): void;
  /**
   * Finishes every long-running operation still in progress now, as Azure does whether or not anyone
   * polls; returns how many there were.
   */
  completeOperations(): number;
  close(): Promise<void>;
}

/** Every registered kind's resource provider, from the kind's own folder. */
async function loadKindRoutes() {
  const kinds = await Promise.all(KIND_DEFINITIONS.map(async (d) => ({ types: d.armTypes.map((t) => t.toLowerCase()), sim: await d.simulator() })));
  const jsonByType = new Map(kinds.flatMap((k) => k.types.map((t) => [t, k.sim.json] as const)));
  const tablesByType = new Map(kinds.flatMap((k) => k.types.map((t) => [t, k.sim.graphTables ?? {}] as const)));
  return {
    routes: kinds.flatMap((k) => k.sim.routes),
    kindJson: (r: SimResource) => jsonByType.get(r.type.toLowerCase())?.(r) ?? null,
    kindGraphTables: new Set(kinds.flatMap((k) => Object.keys(k.sim.graphTables ?? {}))),
    graphTableRow: (table: string, tenantId: string, r: SimResource) => tablesByType.get(r.type.toLowerCase())?.[table]?.(r, tenantId) ?? null,
  };
}

function route(routes: readonly Route[], ctx: SimContext, req: SimRequest): SimResponse | Promise<SimResponse> {
  let pathMatched = false;
  for (const r of routes) {
    const m = r.pattern.exec(req.path);
    if (!m) continue;
    pathMatched = true;
    if (r.method === req.method) return r.handler(ctx, req, m.slice(1).map((p) => decodeURIComponent(p)));
  }
  return pathMatched
    ? armError(405, "MethodNotAllowed", `The requested resource does not support http method '${req.method}'.`)
    : armError(404, "InvalidResourceType", `The tlsbot simulator does not serve '${req.method} ${req.path}'.`);
}

async function readBody(req: IncomingMessage, max: number): Promise<{ body: unknown } | { error: SimResponse }> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > max) return { error: armError(413, "RequestEntityTooLarge", `The request body exceeds ${max} bytes.`) };
    chunks.push(chunk as Buffer);
  }
  if (size === 0) return { body: undefined };
  try {
    return { body: JSON.parse(Buffer.concat(chunks).toString("utf8")) };
  } catch {
    return { error: armError(400, "InvalidRequestContent", "The request content was invalid and could not be deserialized.") };
  }
}

/**
 * An HTTPS server on loopback that answers the ARM and Resource Graph calls tlsbot makes, the way the
 * public REST specs describe them, for the demo and for tests that run the real Azure SDK clients.
 */
export async function startSimulator(options: SimulatorOptions): Promise<RunningSimulator> {
  const { key, cert } = await createCertificate();
  const requests: RecordedRequest[] = [];
  const faults = new FaultBook();
  faults.add(options.faults ?? []);
  const hanging = new Set<ServerResponse>();
  const state = new SimState(options.tenant);
  const gate = options.limits ? new LimitsGate(options.limits) : null;
  const kinds = await loadKindRoutes();
  const routes: readonly Route[] = [...subscriptionRoutes, ...kinds.routes, ...advisorRoutes, ...genericResourceRoutes, ...asyncOperationRoutes, ...graphRoutes, ...logAnalyticsRoutes];
  let ctx: SimContext | null = null;

  const server: Server = createServer({ key, cert }, (req, res) => {
    void handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: { code: "InternalServerError", message: "Simulator failure." } }));
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // The generic resources client sends `//subscriptions/…` for `getById` ("/{resourceId}" with an id
    // that starts with a slash); ARM accepts it, and a leading `//` must not be read as a host.
    const url = new URL((req.url ?? "/").replace(/^\/{2,}/, "/"), "https://simulator.invalid");
    const base = { method: (req.method ?? "GET").toUpperCase(), path: decodeURIComponent(url.pathname), query: url.searchParams, headers: req.headers };
    const record = (simReq: { method: string; path: string; query: URLSearchParams }, status: number) => {
      const recorded = { method: simReq.method, path: simReq.path, query: simReq.query.toString(), status };
      requests.push(recorded);
      options.onRequest?.(recorded);
    };
    const delay = async () => {
      const ms = (options.latencyMs ?? 0) + (gate?.extraLatencyMs() ?? 0);
      if (ms > 0) await new Promise((done) => setTimeout(done, ms));
    };
    const send = async (r: SimResponse, simReq: { method: string; path: string; query: URLSearchParams }, extraHeaders: Record<string, string> = {}) => {
      await delay();
      record(simReq, r.status);
      const headers: Record<string, string> = {
        "x-ms-request-id": randomUUID(),
        "x-ms-correlation-request-id": randomUUID(),
        "x-ms-ratelimit-remaining-subscription-reads": "249",
        ...extraHeaders,
        ...(r.headers ?? {}),
      };
      if (r.body === undefined) {
        res.writeHead(r.status, headers).end();
        return;
      }
      const text = typeof r.body === "string" ? r.body : JSON.stringify(r.body);
      res.writeHead(r.status, { ...headers, "content-type": "application/json; charset=utf-8", "content-length": String(Buffer.byteLength(text)) }).end(text);
    };
    /** A connection reset: before any answer, or after the headers and half the body of a real answer. */
    const reset = async (simReq: SimRequest, midBody: boolean) => {
      await delay();
      record(simReq, 0);
      if (midBody) {
        const r = await route(routes, ctx as SimContext, simReq);
        const text = JSON.stringify(r.body ?? {});
        res.writeHead(r.status, { "content-type": "application/json; charset=utf-8", "content-length": String(Buffer.byteLength(text)) });
        res.write(text.slice(0, Math.floor(text.length / 2)));
        await new Promise((done) => setImmediate(done));
      }
      res.socket?.destroy();
    };

    if (req.headers.authorization !== `Bearer ${options.token}`) {
      // Drain the body so the client sees the 401 rather than a reset.
      for await (const _ of req) void _;
      await send(armError(401, "InvalidAuthenticationToken", "The access token is invalid."), base);
      return;
    }
    const read = await readBody(req, options.maxBodyBytes ?? 4 * 1024 * 1024);
    if ("error" in read) return send(read.error, base);
    const simReq: SimRequest = { ...base, body: read.body };
    // ARM requires an api-version on every request; Log Analytics' query API (/v1/…) has none.
    if (!simReq.query.get("api-version") && !/^\/v1\//.test(simReq.path)) {
      return send(armError(400, "MissingApiVersionParameter", "The api-version query parameter (?api-version=) is required for all requests."), simReq);
    }
    const limitHeaders: Record<string, string> = {};
    const disturbance = gate?.check(simReq, limitHeaders);
    if (disturbance?.kind === "answer") return send(disturbance.response, simReq);
    if (disturbance) return reset(simReq, disturbance.kind === "reset-mid-body");
    const fault = faults.take(simReq);
    if (fault) {
      if (fault.kind === "reset" || fault.kind === "reset-mid-body") return reset(simReq, fault.kind === "reset-mid-body");
      if (fault.kind === "next-link-loop") {
        // A page whose nextLink names the page itself: a pager that trusts it never ends.
        const r = await route(routes, ctx as SimContext, simReq);
        // As a broken service does: the nextLink carries a position, and the page at that position links to itself.
        const position = new URLSearchParams(simReq.query);
        if (!position.has("$skiptoken")) position.set("$skiptoken", "0");
        const self = `${(ctx as SimContext).baseUrl}${simReq.path}?${position.toString()}`;
        // Resource Graph pages by a $skipToken in the body: the loop sends the first page's token back.
        const loop = /resourcegraph/i.test(simReq.path) ? { $skipToken: Buffer.from("offset:0").toString("base64url") } : { nextLink: self };
        const body = { ...(r.body && typeof r.body === "object" ? r.body : { value: [] }), ...loop };
        return send({ ...r, body }, simReq, limitHeaders);
      }
      if (fault.kind === "huge-body") {
        const r = await route(routes, ctx as SimContext, simReq);
        const text = JSON.stringify(r.body ?? {});
        const padding = Math.max(0, (fault.hugeBytes ?? 50 * 1024 * 1024) - text.length - 20);
        return send({ ...r, body: `${text.slice(0, -1)},"padding":"${"x".repeat(padding)}"}` }, simReq, limitHeaders);
      }
      if (fault.kind === "endless-body") {
        await delay();
        record(simReq, 200);
        res.writeHead(200, { "content-type": "application/json; charset=utf-8" });
        res.write('{"value":[');
        // One shared chunk, written whenever the socket drains: the simulator's memory stays flat too.
        const chunk = Buffer.alloc(64 * 1024, " ");
        while (!res.destroyed && !res.writableEnded) {
          if (!res.write(chunk)) await new Promise<void>((done) => { res.once("drain", done); res.once("close", done); });
        }
        return;
      }
      const response = faultResponse(fault);
      if (!response) {
        record(simReq, 0);
        hanging.add(res);
        res.on("close", () => hanging.delete(res));
        return;
      }
      return send(response, simReq, limitHeaders);
    }
    await send(await route(routes, ctx as SimContext, simReq), simReq, limitHeaders);
  }

  // Clients keep connections alive; close() must not wait for them to time out.
  const sockets = new Set<Socket>();
  server.on("connection", (socket: Socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  const url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  ctx = {
    state, baseUrl: url,
    pageSize: options.pageSize ?? 100,
    redisPatchMode: options.redisPatchMode ?? "200",
    writeMode: options.writeMode ?? "200",
    asyncPollsBeforeDone: options.asyncPollsBeforeDone ?? 2,
    operations: new Map(),
    kindJson: kinds.kindJson,
    kindGraphRow: (table, r) => kinds.graphTableRow(table, state.tenantId, r),
    kindGraphTables: kinds.kindGraphTables,
    graph: {
      available: options.graph?.available ?? true,
      quotaPerWindow: options.graph?.quotaPerWindow ?? 15,
      windowMs: options.graph?.windowMs ?? 5000,
      windowStart: Date.now(), used: 0,
    },
  };

  return {
    url, ca: cert, requests, state,
    limitCounters: gate?.counters ?? { throttled: 0, serverErrors: 0, resets: 0 },
    addFaults: (f) => faults.add(f),
    clearFaults: () => faults.clear(),
    clearRequests: () => {
      requests.length = 0;
    },
    completeOperations: () => {
      let completed = 0;
      for (const op of ctx?.operations.values() ?? []) {
        if (op.done) continue;
        op.finalBody = op.complete();
        op.done = true;
        completed += 1;
      }
      return completed;
    },
    close: () => new Promise<void>((resolve) => {
      for (const res of hanging) res.destroy();
      server.close(() => resolve());
      for (const socket of sockets) socket.destroy();
    }),
  };
}
