import { isLoopbackHost } from "../../domain/loopback.ts";
import { startHttpServer, type Route } from "../../channels/http/http-server.ts";
import { lazyTeams } from "../../channels/teams/lazy-teams.ts";
import { allowedTeamsTenants } from "../../channels/teams/allowed-tenants.ts";
import { opsRoutes } from "../../channels/http/ops-routes.ts";
import { webChatRoutes } from "../../channels/web/web-chat-routes.ts";
import type { Deliverer } from "../../posts/deliverer.ts";
import { postNewNotices } from "../../posts/notice-watcher.ts";
import { createNoticeReview } from "../../notices/review/notice-review.ts";
import { createPoster } from "../../posts/poster.ts";
import { postNewScans } from "../../posts/scan-watcher.ts";
import { postReminders } from "../../schedule/post-reminders.ts";
import { startSchedules } from "../../schedule/start-schedules.ts";
import { postDigest } from "../../schedule/post-digest.ts";
import { createSqlApprovalStore } from "../../store/sql-approval-store.ts";
import { createEngine } from "../../conversation/engine.ts";
import { approvalCardUpdater } from "../../posts/approval-updates.ts";
import { scanSummary } from "../../conversation/scan-summary.ts";
import { TlsbotError } from "../../domain/errors.ts";
import { translator } from "../../render/i18n.ts";
import { createLogger, type Logger } from "../../log/create-logger.ts";
import { routeConsoleToLogger } from "../../log/route-console.ts";
import { EXIT, type CliContext } from "../cli-io.ts";
import { setAsideLines } from "../output/set-aside-lines.ts";
import { approvalsOf, noticeReviewersOf, openRuntime, scanAsConfigured, type Runtime } from "../runtime.ts";
import { conversationMemory } from "../../posts/conversation-memory.ts";
import { createPrometheusTelemetry } from "../../observability/prometheus.ts";
import { installTelemetry } from "../../observability/telemetry.ts";
import { timedEngine } from "../../observability/timed-engine.ts";
import { storeReadiness } from "../../store/store-readiness.ts";

export interface ServeOptions {
  readonly port?: string | undefined;
  readonly host?: string | undefined;
  readonly now?: string | undefined;
}

/** `tlsbot serve`: Teams at /api/messages, the local web chat, /healthz, /readyz, /metrics; polls the mail sources. */
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
  const host = opts.host ?? runtime.config.server.host;
  const port = opts.port !== undefined ? Number(opts.port) : runtime.config.server.port;
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new TlsbotError("invalidArgument", { option: "--port", value: String(opts.port) });
  const authenticated = Boolean(runtime.config.teams.appId);
  const slackConfig = runtime.config.slack;
  const slackOn = Boolean(slackConfig.botToken && (slackConfig.signingSecret || slackConfig.appToken));
  // Without an app id botbuilder accepts any caller: /api/messages is then only served on this machine.
  const teamsOn = authenticated || isLoopbackHost(host);
  if (!teamsOn && !slackOn) throw new TlsbotError("unauthenticatedNotLoopback", { host });
  // Security by default: a token from Bot Framework is genuine for every tenant that installed the bot.
  if (authenticated && allowedTeamsTenants(runtime.config.teams).length === 0) throw new TlsbotError("configInvalid", { key: "TLSBOT_TEAMS_TENANTS", problemKey: "teamsTenantsRequired" });

  const logger = createLogger(ctx.stderr, runtime.config.logLevel);
  const log = (err: unknown) => logger.warn({ err: err instanceof Error ? err : new Error(String(err)) }, "serve.error");
  const restoreConsole = routeConsoleToLogger(logger);
  const metrics = createPrometheusTelemetry();
  const restoreTelemetry = installTelemetry(metrics);
  try {
    return await serveWith(ctx, runtime, { host, port, authenticated, teamsOn, slackOn, slackConfig, logger, log, metrics }, stop);
  } finally {
    restoreTelemetry();
    restoreConsole();
  }
}

interface ServeSetup {
  readonly host: string;
  readonly port: number;
  readonly authenticated: boolean;
  readonly teamsOn: boolean;
  readonly slackOn: boolean;
  readonly slackConfig: Runtime["config"]["slack"];
  readonly logger: Logger;
  readonly log: (err: unknown) => void;
  readonly metrics: ReturnType<typeof createPrometheusTelemetry>;
}

async function serveWith(ctx: CliContext, runtime: Runtime, { host, port, authenticated, teamsOn, slackOn, slackConfig, logger, log, metrics }: ServeSetup, stop: AbortController): Promise<number> {
  const t = translator(ctx.lang);
  const deliverers: Deliverer[] = [];
  const poster = createPoster({ store: runtime.store, now: runtime.now, deliverers, onError: log });
  const scan = async () => {
    const started = performance.now();
    const outcome = await scanAsConfigured(runtime).catch((err: unknown) => {
      metrics.scanFinished({ source: runtime.config.scan.source, seconds: (performance.now() - started) / 1000, resources: 0, errors: 0, outcome: "failed" });
      throw err;
    });
    metrics.scanFinished({
      source: outcome.source, seconds: (performance.now() - started) / 1000, resources: outcome.resources.length, errors: outcome.errors.length,
      outcome: outcome.nothingScanned ? "failed" : "completed",
    });
    await postNewScans(runtime.store, poster, runtime.now).catch(log);
    return scanSummary(outcome);
  };
  const zone = runtime.config.timeZone;
  let invalidate = () => {};
  const updateCard = approvalCardUpdater({ store: runtime.store, deliverers, onError: log });
  const approvals = await approvalsOf(runtime, {
    onChange: async (a) => {
      metrics.approval(a.state);
      await updateCard(a);
    },
    // A fixed resource is recorded as a one-resource scan: answers change at once, channels hear "fixed".
    onRecorded: () => {
      invalidate();
      void postNewScans(runtime.store, poster, runtime.now).catch(log);
    },
    onError: log,
  });
  const noticeReview = createNoticeReview({
    store: runtime.store, now: runtime.now, reviewers: noticeReviewersOf(runtime),
    parseOptions: { trustedSenders: runtime.config.mail.trustedSenders, maxBytes: runtime.config.mail.maxBytes },
  });
  const engine = timedEngine(createEngine({ store: runtime.store, now: runtime.now, scan, defaultLang: ctx.lang, approvals, noticeReview, ...(zone ? { timeZone: () => zone } : {}) }), metrics);
  invalidate = () => engine.invalidate();
  // botbuilder is loaded on the first Teams or web chat message or post.
  const teams = lazyTeams(runtime.config.teams, log, ({ TeamsBot }) => new TeamsBot(engine, {
    remember: conversationMemory(runtime.store), now: runtime.now, onError: log, localOperator: !authenticated,
    allowedTenants: authenticated ? allowedTeamsTenants(runtime.config.teams) : null,
    onRefused: (refusal) => logger.warn(refusal, "teams.tenantRefused"),
  }));
  // Slack (Bolt) is loaded only when it is configured.
  const slackModule = slackOn ? await Promise.all([import("../../channels/slack/slack-app.ts"), import("../../channels/slack/slack-deliverer.ts")]) : null;
  const slack = slackModule ? await slackModule[0].createSlackChannel(slackConfig, engine, { remember: conversationMemory(runtime.store), now: runtime.now, onError: log }) : null;
  if (teamsOn) deliverers.push(teams.deliverer(runtime.config.teams.appId, authenticated ? { allowedTenants: allowedTeamsTenants(runtime.config.teams) } : { local: true }));
  // The web chat speaks the same protocol: its cards are updated through the same adapter.
  if (teamsOn && !authenticated) deliverers.push(teams.deliverer(undefined, { platform: "web", local: true }));
  if (slack && slackModule) deliverers.push(slackModule[1].slackDeliverer(slack.app));
  const routes: Route[] = [
    ...opsRoutes({ readiness: () => storeReadiness(runtime.store.exec), metrics: () => metrics.render(), metricsToken: runtime.config.server.metricsToken }),
    ...(teamsOn ? [teams.route({ local: !authenticated, onError: log })] : []),
    ...(slack ? [slack.route] : []),
    ...(authenticated || !teamsOn ? [] : webChatRoutes()),
  ];
  // The mail sources (IMAP, Graph, Service Health) are loaded only when this process polls them.
  const sourcesModule = runtime.simulator ? null : await import("../../notices/sources/configured-sources.ts");
  const sources = sourcesModule ? sourcesModule.configuredSources(runtime.config, () => runtime.clients) : [];
  const { watchSources } = await import("../../notices/sources/watch-sources.ts");
  // Ctrl+C from the moment the URL is printed stops cleanly (a test or a user may press it at once).
  const onSignal = () => stop.abort();
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  let server;
  try {
    server = await startHttpServer(routes, { host, port, logger });
  } catch (err) {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
    if ((err as NodeJS.ErrnoException).code === "EADDRINUSE") throw new TlsbotError("portInUse", { port });
    throw err;
  }
  ctx.stdout.write(`${t("cli:serve.listening", { url: server.url })}\n`);
  ctx.stdout.write(`${authenticated ? t("cli:serve.authenticated") : teamsOn ? t("cli:serve.localOnly", { url: `${server.url}/` }) : t("cli:serve.teamsOff")}\n`);
  if (slack) {
    await slack.start();
    ctx.stdout.write(`${t(slackConfig.appToken ? "cli:serve.slackSocket" : "cli:serve.slackHttp", { url: `${server.url}/slack/events` })}\n`);
  }

  // Before the first poll: the first call only marks where notices stand, and those of the first round come after it.
  await postNewNotices(runtime.store, poster, runtime.now).catch(log);
  const polling = sources.length
    ? watchSources(sources, { store: runtime.store, options: { trustedSenders: runtime.config.mail.trustedSenders, maxBytes: runtime.config.mail.maxBytes, deadlineChanges: runtime.config.mail.deadlineChanges, now: runtime.now }, signal: stop.signal }, runtime.config.mail.pollSeconds * 1000, (round) => {
      for (const f of round.failures) logger.warn({ code: f.code }, t(`errors:${f.code}`, f.params));
      for (const p of round.polled) for (const line of setAsideLines(p, t, { waiting: false })) logger.warn({ source: p.source }, line);
      const fresh = round.polled.flatMap((p) => p.results).filter((r) => !r.duplicate);
      if (fresh.length) engine.invalidate();
      // A notice that created or moved a deadline, or waits for a person, goes to every subscribed conversation, once.
      if (fresh.length) void postNewNotices(runtime.store, poster, runtime.now).catch(log);
    }).catch(log)
    : Promise.resolve();

  // Scans run elsewhere (the CLI, a schedule, another replica) are posted too: check for new ones.
  await postNewScans(runtime.store, poster, runtime.now).catch(log);
  // Upgrades a previous process left applying are finished (polling resumed, nothing written twice). On
  // PGlite this process is the only one (the data directory is locked), so what is applying is its own
  // predecessor's; on PostgreSQL another replica may be executing it: only expired leases are taken, at
  // start and then on every replica twice per lease period (a replica that died mid-upgrade is taken over).
  await approvals.resume({ takeover: runtime.store.backend === "pglite" }).catch(log);
  // Scans and notices from elsewhere (the CLI, another replica, a reviewer's accept) are posted within 30 s.
  const scanWatch = setInterval(() => {
    void postNewScans(runtime.store, poster, runtime.now).catch(log);
    void postNewNotices(runtime.store, poster, runtime.now).catch(log);
  }, 30_000);
  scanWatch.unref();
  const upgradeWatch = setInterval(() => void approvals.resume().catch(log), approvals.leaseMs / 2);
  upgradeWatch.unref();
  const schedules = startSchedules([
    { name: "scan", cron: runtime.config.schedule.scan, run: scan },
    { name: "reminders", cron: runtime.config.schedule.reminders, run: (slot, { takeover }) => postReminders(runtime.store, poster, slot, { afterEveryDays: runtime.config.schedule.remindAfterEveryDays, takeover }) },
    // The digest is keyed by its slot's date, so a replica that takes over a slot later posts the same one.
    { name: "digest", cron: runtime.config.schedule.digest, run: (slot, { takeover }) => postDigest(runtime.store, poster, slot, { timeZone: runtime.config.schedule.timeZone, approvals: createSqlApprovalStore(runtime.store.exec), takeover }) },
  ], { store: runtime.store, now: runtime.now, timeZone: runtime.config.schedule.timeZone, onError: log });
  await new Promise<void>((resolve) => (stop.signal.aborted ? resolve() : stop.signal.addEventListener("abort", () => resolve(), { once: true })));
  process.off("SIGINT", onSignal);
  process.off("SIGTERM", onSignal);
  clearInterval(scanWatch);
  clearInterval(upgradeWatch);
  await schedules.stop();
  // Upgrades still waiting on Azure are left applying; the next start resumes them (nothing is written twice).
  await approvals.stop();
  await server.close();
  await slack?.stop();
  await polling;
  ctx.stdout.write(`${t("cli:serve.stopped")}\n`);
  return EXIT.ok;
}
