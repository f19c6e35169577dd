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
