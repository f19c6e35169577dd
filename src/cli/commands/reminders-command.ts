import { formatDate } from "../../render/format.ts";
import { translator } from "../../render/i18n.ts";
import { relativeDays } from "../../render/present.ts";
import { dueReminders } from "../../schedule/post-reminders.ts";
import { EXIT, type CliContext } from "../cli-io.ts";
import { openRuntime } from "../runtime.ts";

/** `tlsbot reminders [--now ISO] [--json]`: what reminders are due now, without sending anything. */
export async function remindersCommand(ctx: CliContext, opts: { json?: boolean | undefined; now?: string | undefined }): Promise<number> {
  const t = translator(ctx.lang);
  const runtime = await openRuntime(ctx, { now: opts.now, azure: false, shortLived: true });
  try {
    const due = await dueReminders(runtime.store, runtime.now(), { afterEveryDays: runtime.config.schedule.remindAfterEveryDays });
    if (opts.json) {
      ctx.stdout.write(`${JSON.stringify({ now: runtime.now().toISOString(), reminders: due.map((d) => ({ retirementId: d.retirementId, deadline: d.deadline, daysLeft: d.daysLeft, milestone: d.milestone, afterDays: d.afterDays, affected: d.affected.map((r) => r.id) })) }, null, 2)}\n`);
      return EXIT.ok;
    }
    if (due.length === 0) ctx.stdout.write(`${t("cli:reminders.none")}\n`);
    for (const d of due) {
      ctx.stdout.write(`${t(d.afterDays !== null ? "cli:reminders.lineAfter" : "cli:reminders.line", { afterDays: d.afterDays ?? 0, service: t(`catalog:services.${d.retirementId}`, { defaultValue: d.retirementId }), date: formatDate(d.deadline, ctx.lang), relative: relativeDays(d.daysLeft, t), milestone: d.milestone, count: d.affected.length })}\n`);
    }
    return EXIT.ok;
  } finally {
    await runtime.close();
  }
}
