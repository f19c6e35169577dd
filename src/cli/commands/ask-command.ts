import { createEngine } from "../../conversation/engine.ts";
import { scanSummary } from "../../conversation/scan-summary.ts";
import { present } from "../../render/present.ts";
import { renderText } from "../../render/text/render-text.ts";
import { EXIT, type CliContext } from "../cli-io.ts";
import { openRuntime, scanAsConfigured } from "../runtime.ts";

/**
 * `tlsbot ask "<question>"`: the conversation engine on the stored inventory, answered as a chat would.
 * `--json` lists every matching resource, not only the page a card shows. `--lang` forces the answer's
 * language; otherwise it follows the question's.
 */
export async function askCommand(ctx: CliContext, question: string, opts: { json?: boolean | undefined; now?: string | undefined; demo?: boolean | undefined }): Promise<number> {
  const runtime = await openRuntime(ctx, { demo: opts.demo ?? false, now: opts.now, azure: false });
  try {
    const scan = async () => scanSummary(await scanAsConfigured(runtime));
    // The demo answers from the simulator's tenant: scan it first when nothing is stored yet.
    if (opts.demo && !(await runtime.store.latestCompletedScan())) await scan();
    const engine = createEngine({ store: runtime.store, now: runtime.now, scan, defaultLang: ctx.lang });
    const reply = await engine.handle({ actor: { platform: "cli", id: ctx.env["USER"] ?? "cli" }, conversationId: "cli", text: question, locale: ctx.lang });
    const lang = ctx.explicitLang ?? reply.lang;
    const presented = present(reply.view, lang, reply.timeZone && lang === reply.lang ? { timeZone: reply.timeZone } : {});
    const text = renderText(presented);
    if (opts.json) {
      // The card renderer (adaptivecards-templating) is only needed for --json.
      const { renderAdaptiveCard } = await import("../../render/adaptive/render-adaptive-card.ts");
      ctx.stdout.write(`${JSON.stringify({
        intent: reply.intent, lang, text,
        resources: reply.matches.map((m) => ({
          id: m.finding.id, name: m.finding.name, type: m.finding.type, effectiveTls: m.finding.effectiveTls, status: m.status, deadline: m.deadline,
          subscriptionId: m.finding.subscriptionId, resourceGroup: m.finding.resourceGroup, configuredTls: m.finding.configuredTls, daysLeft: m.daysLeft,
        })),
        card: renderAdaptiveCard(presented),
      }, null, 2)}\n`);
    } else {
      ctx.stdout.write(`${text}\n`);
    }
    return reply.view.type === "error" ? EXIT.failed : EXIT.ok;
  } finally {
    await runtime.close();
  }
}
