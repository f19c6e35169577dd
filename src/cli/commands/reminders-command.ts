import { dateIn } from "../../conversation/find-due-window.ts";
import { daysUntil } from "../../domain/finding-status.ts";
import { formatDate } from "../../render/format.ts";
import { translator } from "../../render/i18n.ts";
import { relativeDays } from "../../render/format.ts";
import { dueReminders } from "../../schedule/post-reminders.ts";
import { previewPosts } from "../../schedule/preview-posts.ts";
import { createSqlApprovalStore } from "../../store/sql-approval-store.ts";
import { EXIT, type CliContext } from "../cli-io.ts";
import { openRuntime } from "../runtime.ts";
import { serviceName } from "../../render/service-name.ts";

/** Hours and minutes of an instant in a zone: when the digest slot falls. */
function clockIn(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat("en-GB", { timeZone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(at);
}

/**
 * `tlsbot reminders [--now ISO] [--json]`: the reminders, one-time "all done" posts and weekly digests a
 * run at that instant would post, per subscribed conversation — without sending, claiming a post or taking a job slot.
 */
export async function remindersCommand(ctx: CliContext, opts: { json?: boolean | undefined; now?: string | undefined; demo?: boolean | undefined }): Promise<number> {
  const t = translator(ctx.lang);
  const runtime = await openRuntime(ctx, { now: opts.now, azure: false, demo: opts.demo ?? false });
  try {
    const now = runtime.now();
    const { schedule } = runtime.config;
    const preview = await previewPosts(runtime.store, now, {
      afterEveryDays: schedule.remindAfterEveryDays, digestCron: schedule.digest, timeZone: schedule.timeZone, approvals: createSqlApprovalStore(runtime.store.exec),
    });
    // Tenant-wide, whoever is subscribed: what is due before conversations' scopes are applied.
    const due = await dueReminders(runtime.store, now, { afterEveryDays: schedule.remindAfterEveryDays });
    if (opts.json) {
      ctx.stdout.write(`${JSON.stringify({
        now: now.toISOString(), timeZone: schedule.timeZone, digestSlot: preview.digestSlot,
        reminders: due.map((d) => ({ retirementId: d.retirementId, deadline: d.deadline, daysLeft: d.daysLeft, milestone: d.milestone, afterDays: d.afterDays, affected: d.affected.map((r) => r.id), openItems: d.openItems })),
        conversations: preview.conversations.map((c) => ({
          ...c, digest: c.digest ? { key: c.digest.key, slot: c.digest.slot, status: c.digest.status, since: c.digest.view.since, notices: c.digest.view.notices.map((n) => n.retirementId),
            fixed: c.digest.view.fixedTotal, affected: c.digest.view.affected, upgradesDone: c.digest.view.upgradesDoneTotal, upgradesPending: c.digest.view.upgradesPendingTotal,
            heldNotices: c.digest.view.heldNotices } : null,
        })),
      }, null, 2)}\n`);
      return EXIT.ok;
    }
    const service = (id: string) => serviceName(t, id);
    // Days are counted once, to now. After the deadline a reminder's slot (`afterDays`, the last whole interval) keys the
    // post; shown beside the days overdue it read as a second, different count, so the line names the interval instead.
    const reminderLine = (d: { retirementId: string; deadline: string; daysLeft: number; milestone: number; afterDays: number | null; openItems: readonly string[] | null }, count: number) => {
      const head = { service: service(d.retirementId), date: formatDate(d.deadline, ctx.lang), relative: relativeDays(d.daysLeft, t) };
      if (d.openItems) return t("cli:reminders.lineChecklist", { ...head, count: d.openItems.length });
      const affected = t("cli:reminders.affected", { count });
      return d.afterDays !== null
        ? t("cli:reminders.lineAfter", { ...head, every: t("cli:reminders.every", { count: schedule.remindAfterEveryDays }), affected })
        : t("cli:reminders.line", { ...head, milestone: d.milestone, affected });
    };
    if (preview.conversations.length === 0) {
      ctx.stdout.write(`${t("cli:reminders.noConversations")}\n`);
      if (due.length === 0) ctx.stdout.write(`${t("cli:reminders.none")}\n`);
      for (const d of due) ctx.stdout.write(`${reminderLine(d, d.affected.length)}\n`);
      return EXIT.ok;
    }
    ctx.stdout.write(`${preview.digestSlot
      ? t("cli:reminders.digestSlot", { date: formatDate(dateIn(new Date(preview.digestSlot), schedule.timeZone), ctx.lang), time: clockIn(new Date(preview.digestSlot), schedule.timeZone), zone: schedule.timeZone })
      : t("cli:reminders.noDigestSlot", { zone: schedule.timeZone })}\n`);
    let anything = false;
    for (const c of preview.conversations) {
      const scope = c.scopes.includes("*") ? t("cli:reminders.everything") : c.scopes.join(", ");
      ctx.stdout.write(`\n${t("cli:reminders.conversation", { key: c.key, langs: c.langs, scope })}\n`);
      if (c.reminders.length === 0 && c.allDone.length === 0 && !c.digest) ctx.stdout.write(`  ${t("cli:reminders.nothing")}\n`);
      for (const r of c.reminders) {
        anything ||= r.status === "due";
        ctx.stdout.write(`  [${t(`cli:reminders.status.${r.status}`)}] ${reminderLine(r, r.affected.length)}\n`);
      }
      for (const d of c.allDone) {
        anything ||= d.status === "due";
        const daysLeft = daysUntil(d.deadline, now);
        ctx.stdout.write(`  [${t(`cli:reminders.status.${d.status}`)}] ${t("cli:reminders.lineAllDone", { service: service(d.retirementId), date: formatDate(d.deadline, ctx.lang), relative: relativeDays(daysLeft, t) })}\n`);
      }
      if (c.digest) {
        anything ||= c.digest.status === "due";
        const v = c.digest.view;
        const counts = {
          notices: v.notices.length, fixed: v.fixedTotal, affected: v.affected.reduce((n, a) => n + a.atRisk + a.overdue + a.unknown, 0), done: v.upgradesDoneTotal, pending: v.upgradesPendingTotal, held: v.heldNotices.count,
        };
        // One plural per count: a sentence holds one `count` for i18next to choose its form by.
        const parts = Object.entries(counts).map(([k, count]) => t(`cli:reminders.digestPart.${k}`, { count })).join(t("scan:listSeparator"));
        ctx.stdout.write(`  [${t(`cli:reminders.status.${c.digest.status}`)}] ${t("cli:reminders.digest", { parts })}\n`);
      }
    }
    if (!anything) ctx.stdout.write(`\n${t("cli:reminders.none")}\n`);
    return EXIT.ok;
  } finally {
    await runtime.close();
  }
}
