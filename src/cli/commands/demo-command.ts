import { runScan } from "../../azure/scan/run-scan.ts";
import { LANGS, translator } from "../../render/i18n.ts";
import { EXIT, type CliContext } from "../cli-io.ts";
import { progressReporter } from "../output/progress.ts";
import { findingsTable, statusSummary, subscriptionsRead } from "../output/scan-report.ts";
import { openRuntime } from "../runtime.ts";
import { serveRuntime } from "./serve-command.ts";
import { serviceHealthSource } from "../../notices/sources/service-health/service-health-source.ts";
import { advisorSource } from "../../notices/sources/advisor/advisor-source.ts";
import { demoForwardedNotice } from "./demo-notice.ts";

/**
 * The zero-configuration demo: the built-in simulator tenant (a few dozen resources in three readable
 * subscriptions and one the identity may not read), a scan through the real Azure SDKs, and a summary
 * in both languages. Everything printed is labelled as demo data.
 */
export async function demoCommand(ctx: CliContext, opts: { now?: string | undefined; serve?: boolean; port?: string | undefined; stop?: AbortController }): Promise<number> {
  const t = translator(ctx.lang);
  const runtime = await openRuntime(ctx, { demo: true, now: opts.now });
  try {
    ctx.stdout.write(`${t("common:demoBanner")}\n${t("common:demoExplain", { url: runtime.simulator?.url ?? "" })}\n\n`);
    const progress = progressReporter(ctx.stderr, t);
    const outcome = await runScan(
      { clients: runtime.clients, store: runtime.store, now: runtime.now },
      { source: "graph", concurrency: 8, timeoutMs: 30_000, ...(progress ? { onProgress: progress.update } : {}) },
    ).finally(() => progress?.done());
    const now = runtime.now();
    const names = new Map(outcome.subscriptions.map((s) => [s.subscriptionId.toLowerCase(), s.displayName]));
    const needsAction = outcome.resources.filter((f) => f.status !== "compliant");
    ctx.stdout.write(`${t("common:demoNeedsAction", { count: needsAction.length })}\n`);
    ctx.stdout.write(`${findingsTable(needsAction, names, now, t, ctx.lang)}\n\n`);
    // Channel broadcasts are bilingual by default; the demo summary shows both languages the same way.
    const readable = subscriptionsRead(outcome);
    for (const lang of [ctx.lang, ...LANGS.filter((l) => l !== ctx.lang)]) {
      ctx.stdout.write(`[${lang}] ${statusSummary(outcome.resources, readable, translator(lang))}\n`);
    }
    for (const e of outcome.errors) {
      ctx.stdout.write(`${t("scan:errorsHeading", { count: 1 })} ${names.get(e.subscriptionId.toLowerCase()) ?? e.subscriptionId}: ${t(`scan:errorCode.${e.code}`)}\n`);
    }
    // Stored by `tlsbot demo` too, so that `ask --demo` and `notices --demo` afterwards see what the chat sees.
    // Sample notices: the simulator's Service Health retirement advisories and Advisor's retirement
    // recommendations (evidence of impacted resources), through the real sources.
    await serviceHealthSource(runtime.clients).poll({ store: runtime.store, options: { now: runtime.now } }).catch(() => undefined);
    await advisorSource(runtime.clients).poll({ store: runtime.store, options: { now: runtime.now } }).catch(() => undefined);
    // And a forwarded mail, held for review: "notices to review" in the web chat shows it with its decisions.
    const { ingestMessage } = await import("../../notices/ingest/ingest-message.ts");
    const sample = demoForwardedNotice();
    await ingestMessage(runtime.store, { ...sample, source: "drop:demo", receivedAt: runtime.now().toISOString() }, { now: runtime.now }).catch(() => undefined);
    if (!opts.serve) {
      ctx.stdout.write(`\n${t("common:demoNext")}\n`);
      return outcome.nothingScanned ? EXIT.failed : EXIT.ok;
    }
    ctx.stdout.write("\n");
    return await serveRuntime(ctx, runtime, { port: opts.port }, opts.stop);
  } finally {
    await runtime.close();
  }
}
