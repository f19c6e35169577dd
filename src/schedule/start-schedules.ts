import cron, { type ScheduledTask } from "node-cron";
import type { Store } from "../store/store.ts";

export interface ScheduleSpec {
  readonly name: string;
  /** A cron expression, or "off". */
  readonly cron: string;
  readonly run: () => Promise<unknown>;
}

/**
 * node-cron jobs, distributed: every replica schedules them, and the store decides which replica runs
 * each slot (a row per job and slot), so a scan or a reminder round happens once however many replicas.
 */
export function startSchedules(specs: readonly ScheduleSpec[], opts: { store: Store; now: () => Date; timeZone: string; onError: (err: unknown) => void }): { stop(): Promise<void> } {
  const coordinator = { shouldRun: (key: string) => opts.store.claimJobRun(key, opts.now().toISOString()) };
  const tasks: ScheduledTask[] = [];
  for (const spec of specs) {
    if (spec.cron === "off") continue;
    const task = cron.schedule(spec.cron, async () => {
      try {
        await spec.run();
      } catch (err) {
        opts.onError(err);
      }
    }, { name: spec.name, timezone: opts.timeZone, noOverlap: true, distributed: true, runCoordinator: coordinator, unref: true, suppressMissedWarning: true });
    tasks.push(task);
  }
  return {
    async stop() {
      for (const t of tasks) await t.destroy();
    },
  };
}

export function isValidCron(expr: string): boolean {
  return expr === "off" || cron.validate(expr);
}

/**
 * The latest slot of `expr` on `now`'s local day (in `timeZone`) at or before `now`, to the minute, or
 * null: whether a daily or weekly job is due "today" when previewed at an arbitrary instant.
 */
export function slotToday(expr: string, now: Date, timeZone: string): Date | null {
  if (expr === "off") return null;
  const parts = new Intl.DateTimeFormat("en-GB", { timeZone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).formatToParts(now);
  const minutesIntoDay = Number(parts.find((p) => p.type === "hour")?.value) * 60 + Number(parts.find((p) => p.type === "minute")?.value);
  const task = cron.createTask(expr, () => {}, { timezone: timeZone });
  try {
    const minute = Math.floor(now.getTime() / 60_000) * 60_000;
    for (let i = 0; i <= minutesIntoDay; i++) {
      const at = new Date(minute - i * 60_000);
      if (task.match(at)) return at;
    }
    return null;
  } finally {
    void task.destroy();
  }
}
