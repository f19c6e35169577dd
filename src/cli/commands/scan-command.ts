import { runScan, type ScanOutcome } from "../../azure/scan/run-scan.ts";
import type { ResourceKindId } from "../../domain/resource.ts";
import type { ScanSource } from "../../store/store.ts";
import { translator } from "../../render/i18n.ts";
import { EXIT, type CliContext } from "../cli-io.ts";
import { scanJson, scanReport } from "../output/scan-report.ts";
import { progressReporter } from "../output/progress.ts";
import { openRuntime } from "../runtime.ts";

export interface ScanCommandOptions {
  readonly source?: ScanSource | undefined;
  readonly subscription?: readonly string[] | undefined;
  readonly type?: readonly ResourceKindId[] | undefined;
  readonly json?: boolean | undefined;
  readonly now?: string | undefined;
  readonly demo?: boolean | undefined;
}

export async function scanCommand(ctx: CliContext, opts: ScanCommandOptions): Promise<number> {
  const t = translator(ctx.lang);
  const runtime = await openRuntime(ctx, { demo: opts.demo ?? false, now: opts.now });
  try {
    const progress = opts.json ? null : progressReporter(ctx.stderr, t);
    let outcome: ScanOutcome;
    try {
      outcome = await runScan(
        { clients: runtime.clients, store: runtime.store, now: runtime.now },
        {
          source: opts.source ?? runtime.config.scan.source,
          subscriptionIds: opts.subscription?.length ? opts.subscription : runtime.config.subscriptionIds,
          kinds: opts.type,
          concurrency: runtime.config.scan.concurrency,
          timeoutMs: runtime.config.scan.timeoutMs,
          ...(progress ? { onProgress: progress.update } : {}),
        },
      );
    } finally {
      progress?.done();
    }
    const now = runtime.now();
    if (opts.json) ctx.stdout.write(`${JSON.stringify(scanJson(outcome, now), null, 2)}\n`);
    else {
      if (runtime.simulator) ctx.stdout.write(`${t("common:demoBanner")}\n\n`);
      ctx.stdout.write(`${scanReport(outcome, now, t, ctx.lang)}\n`);
    }
    if (outcome.nothingScanned) {
      ctx.stderr.write(`${t("errors:nothingScanned")}\n`);
      return EXIT.failed;
    }
    return EXIT.ok;
  } finally {
    await runtime.close();
  }
}
