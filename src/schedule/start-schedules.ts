import { createRequire } from "node:module";
import type { Store } from "../store/store.ts";

/**
 * node-cron, loaded on first use: the config declares the schedules (so every command imports this module),
 * but only `serve` and a schedule someone set need the parser, ≈ 40 ms and ≈ 1 MiB of heap to load.
 */
let cronModule: typeof import("node-cron") | undefined;
const cron = (): typeof import("node-cron") => (cronModule ??= createRequire(import.meta.url)("node-cron") as typeof import("node-cron"));

export interface ScheduleSpec {
  readonly name: string;
  /** A cron expression (5 fields, or 6 with seconds), or "off". */
  readonly cron: string;
  /**
   * Runs one slot; `slot` is the instant the expression named (the run may start later). `takeover`: the
   * replica that had it died — posts it left "sending" are its to send.
   */
  readonly run: (slot: Date, opts: { readonly takeover: boolean }) => Promise<unknown>;
}

export interface ScheduleOptions {
  readonly store: Store;
  /** The clock slots are read from: the real one, or an injected one (demo, tests) — slots follow it. */
  readonly now: () => Date;
  readonly timeZone: string;
  readonly onError: (err: unknown) => void;
  /** How long a claimed, unfinished slot belongs to its replica before another one runs it (real time). */
  readonly leaseMs?: number;
  /** How often the clock is looked at (real time). */
  readonly pollMs?: number;
  /** How long a slot seen but not yet run (held by a replica that may have died) is still run. */
  readonly lookbackMs?: number;
  /** How far back a replica that just started looks for the latest slot it missed (default 5 minutes). */
  readonly startLookbackMs?: number;
}

const DEFAULT_LEASE_MS = 10 * 60_000;

interface Job {
  readonly spec: ScheduleSpec;
  readonly match: (at: Date) => boolean;
  readonly step: number;
  scannedTo: number | null;
  /** Slots seen and not yet known completed, oldest first. */
  pending: number[];
  running: Promise<void> | null;
}

/**
 * Scheduled jobs, distributed: every replica watches the clock, and the store decides which replica runs
 * each slot (a row per job and slot), so a scan, a reminder round or a digest happens once however many
 * replicas. A replica that dies mid-run leaves its slot unfinished: once the lease is over another
 * replica runs it again — posts already sent are not sent twice (each is claimed per conversation), the
 * rest go out. Only a job's latest slot is run: a reminder round catches up on its own, and a digest
 * covers everything since the last one.
 */
export function startSchedules(specs: readonly ScheduleSpec[], opts: ScheduleOptions): { tick(): Promise<void>; stop(): Promise<void> } {
  const leaseMs = opts.leaseMs ?? DEFAULT_LEASE_MS;
  const lookbackMs = opts.lookbackMs ?? 24 * 3600_000;
  const tasks: Array<{ destroy(): void | Promise<void> }> = [];
  const jobs: Job[] = specs.filter((s) => s.cron !== "off").map((spec) => {
    const task = cron().createTask(spec.cron, () => {}, { timezone: opts.timeZone });
    tasks.push(task);
    const seconds = spec.cron.trim().split(/\s+/).length === 6;
    return { spec, match: (at: Date) => task.match(at), step: seconds ? 1000 : 60_000, scannedTo: null, pending: [], running: null };
  });
  let stopped = false;

  /** Runs one slot if this replica gets it; true when the slot needs nothing more from anyone. */
  async function runSlot(job: Job, slot: number): Promise<boolean> {
    const key = `${job.spec.name}:${new Date(slot).toISOString()}`;
    const before = await opts.store.jobRunState(key);
    if (before === "completed") return true;
    // Running elsewhere: looked at again next time, taken over once its lease is over.
    if (!(await opts.store.claimJobRun(key, opts.now().toISOString(), { leaseMs }))) return (await opts.store.jobRunState(key)) === "completed";
    await job.spec.run(new Date(slot), { takeover: before === "running" });
    await opts.store.completeJobRun(key, opts.now().toISOString());
    return true;
  }

  /** The pending slots in order; one another replica holds is kept and asked about again. */
  async function runPending(job: Job): Promise<void> {
    for (const slot of [...job.pending]) {
      if (stopped) return;
      if (await runSlot(job, slot)) job.pending = job.pending.filter((s) => s !== slot);
    }
  }

  function tick(): Promise<void> {
    const now = opts.now().getTime();
    for (const job of jobs) {
      const end = Math.floor(now / job.step) * job.step;
      const starting = job.scannedTo === null;
      const from = starting ? end - (opts.startLookbackMs ?? Math.min(lookbackMs, 5 * 60_000)) : Math.max(job.scannedTo! + job.step, end - lookbackMs);
      const seen: number[] = [];
      for (let t = from; t <= end; t += job.step) if (job.match(new Date(t))) seen.push(t);
      // A replica that just started takes on the latest slot it missed at most, not a backlog.
      job.pending.push(...(starting ? seen.slice(-1) : seen));
      job.scannedTo = Math.max(job.scannedTo ?? end, end);
      // Slots older than the look-back are given up (a replica started long after them).
      job.pending = job.pending.filter((t) => t >= end - lookbackMs);
      if (job.pending.length === 0 || job.running || stopped) continue;
      // A failed run (the store unreachable, say) leaves its slot pending and unfinished: retried once its lease is over.
      job.running = runPending(job).catch(opts.onError).finally(() => { job.running = null; });
    }
    return Promise.all(jobs.map((j) => j.running)).then(() => {});
  }

  const timer = setInterval(() => void tick(), opts.pollMs ?? (jobs.some((j) => j.step === 1000) ? 250 : 15_000));
  timer.unref();
  void tick();
  return {
    tick,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await Promise.all(jobs.map((j) => j.running));
      for (const t of tasks) await t.destroy();
    },
  };
}

export function isValidCron(expr: string): boolean {
  return expr === "off" || cron().validate(expr);
}

/**
 * The latest slot of `expr` on `now`'s local day (in `timeZone`) at or before `now`, to the minute, or
 * null: whether a daily or weekly job is due "today" when previewed at an arbitrary instant.
 */
export function slotToday(expr: string, now: Date, timeZone: string): Date | null {
  if (expr === "off") return null;
  const parts = new Intl.DateTimeFormat("en-GB", { timeZone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).formatToParts(now);
  const minutesIntoDay = Number(parts.find((p) => p.type === "hour")?.value) * 60 + Number(parts.find((p) => p.type === "minute")?.value);
  const task = cron().createTask(expr, () => {}, { timezone: timeZone });
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
