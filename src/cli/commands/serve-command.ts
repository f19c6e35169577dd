import { isLoopbackHost } from "../../azure/loopback.ts";
import { runScan } from "../../azure/scan/run-scan.ts";
import { createTeamsAdapter, teamsRoute } from "../../channels/teams/teams-route.ts";
import { TeamsBot } from "../../channels/teams/teams-bot.ts";
import { sendJson, startHttpServer, type Route } from "../../channels/http/http-server.ts";
import { webChatRoutes } from "../../channels/web/web-chat-routes.ts";
import { createEngine } from "../../conversation/engine.ts";
import { scanSummary } from "../../conversation/scan-summary.ts";
import { TlsbotError } from "../../domain/errors.ts";
import { configuredSources } from "../../notices/sources/configured-sources.ts";
import { watchSources } from "../../notices/sources/watch-sources.ts";
import { translator } from "../../render/i18n.ts";
import { EXIT, type CliContext } from "../cli-io.ts";
import { openRuntime, type Runtime } from "../runtime.ts";

export interface ServeOptions {
  readonly port?: string | undefined;
  readonly host?: string | undefined;
  readonly now?: string | undefined;
}

/** `tlsbot serve`: Teams at /api/messages, the local web chat, /healthz; polls the mail sources. */
export async function serveCommand(ctx: CliContext, opts: ServeOptions): Promise<number> {
  const runtime = await openRuntime(ctx, { now: opts.now });
  try {
    return await serveRuntime(ctx, runtime, opts);
  } finally {
    await runtime.close();
  }
}

/** Serves until SIGINT/SIGTERM (or `stop` aborts), on an already open runtime (the demo's or a real one). */
export async function serveRuntime(ctx: CliContext, runtime: Runtime, opts: ServeOptions, stop = new AbortController()): Promise<number> {
  const t = translator(ctx.lang);
  const host = opts.host ?? runtime.config.server.host;
  const port = opts.port !== undefined ? Number(opts.port) : runtime.config.server.port;
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new TlsbotError("invalidArgument", { option: "--port", value: String(opts.port) });
  const authenticated = Boolean(runtime.config.teams.appId);
  // Without an app id botbuilder accepts any caller: that is only acceptable on this machine.
  if (!authenticated && !isLoopbackHost(host)) throw new TlsbotError("unauthenticatedNotLoopback", { host });

  const log = (err: unknown) => ctx.stderr.write(`${t("errors:unexpected", { message: err instanceof Error ? err.message : String(err) })}\n`);
  const scan = async () => scanSummary(await runScan({ clients: runtime.clients, store: runtime.store, now: runtime.now }, {
    source: runtime.config.scan.source, subscriptionIds: runtime.config.subscriptionIds, concurrency: runtime.config.scan.concurrency, timeoutMs: runtime.config.scan.timeoutMs,
  }));
  const zone = runtime.config.timeZone;
  const engine = createEngine({ store: runtime.store, now: runtime.now, scan, defaultLang: ctx.lang, ...(zone ? { timeZone: () => zone } : {}) });
  const adapter = createTeamsAdapter(runtime.config.teams, log);
  const routes: Route[] = [
    { method: "GET", pattern: /^\/healthz$/, handler: (_req, res) => sendJson(res, 200, { ok: true }) },
    teamsRoute(adapter, new TeamsBot(engine, { store: runtime.store, now: runtime.now, tenantId: runtime.config.teams.appTenantId, onError: log })),
    ...(authenticated ? [] : webChatRoutes()),
  ];
  let server;
  try {
    server = await startHttpServer(routes, { host, port, onError: log });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "EADDRINUSE") throw new TlsbotError("portInUse", { port });
    throw err;
  }
  ctx.stdout.write(`${t("cli:serve.listening", { url: server.url })}\n`);
  ctx.stdout.write(`${authenticated ? t("cli:serve.authenticated") : t("cli:serve.localOnly", { url: `${server.url}/` })}\n`);

  const sources = runtime.simulator ? [] : configuredSources(runtime.config, () => runtime.clients);
  const polling = sources.length
    ? watchSources(sources, { store: runtime.store, options: { trustedSenders: runtime.config.mail.trustedSenders, maxBytes: runtime.config.mail.maxBytes, now: runtime.now }, signal: stop.signal }, runtime.config.mail.pollSeconds * 1000, (round) => {
      for (const f of round.failures) ctx.stderr.write(`${t(`errors:${f.code}`, f.params)}\n`);
    }).catch(log)
    : Promise.resolve();

  const onSignal = () => stop.abort();
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  await new Promise<void>((resolve) => (stop.signal.aborted ? resolve() : stop.signal.addEventListener("abort", () => resolve(), { once: true })));
  process.off("SIGINT", onSignal);
  process.off("SIGTERM", onSignal);
  await server.close();
  await polling;
  ctx.stdout.write(`${t("cli:serve.stopped")}\n`);
  return EXIT.ok;
}
