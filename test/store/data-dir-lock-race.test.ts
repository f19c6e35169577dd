import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { exited, spawnTs, waitForLine } from "../support/child-process.ts";

const RACER = "test/store/fixtures/lock-racer.ts";
const ROUNDS = 20;
/** Another implementation to race (to show the test catches a broken one): TLSBOT_TEST_LOCK_MODULE=/abs/path.ts. */
const LOCK_MODULE = process.env["TLSBOT_TEST_LOCK_MODULE"] ? [process.env["TLSBOT_TEST_LOCK_MODULE"]] : [];
const base = mkdtempSync(join(tmpdir(), "tlsbot-lock-race-"));
afterAll(() => rmSync(base, { recursive: true, force: true }));

/** The pid of a process that has exited: what a crashed tlsbot leaves in its lock. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ["-e", ""], { stdio: "ignore" });
  await exited(child);
  const pid = child.pid!;
  expect(() => process.kill(pid, 0)).toThrow();
  return pid;
}

function firstLine(child: ChildProcess, pattern: RegExp): Promise<string> {
  return waitForLine(child, pattern, 30_000);
}

describe("the data directory lock under a race", () => {
  it(`lets exactly one of two processes starting at the same instant take over a stale lock (${ROUNDS} rounds)`, async () => {
    const rounds: Array<{ round: number; outcome: string }> = [];
    for (let round = 0; round < ROUNDS; round++) {
      const dataDir = mkdtempSync(join(base, `round-${round}-`));
      const pid = await deadPid();
      // Every other round, a lock in the format of older tlsbot versions (no nonce).
      const stale = { pid, host: hostname(), startedAt: new Date(Date.now() - 60_000).toISOString(), ...(round % 2 === 0 ? { nonce: `stale-${round}` } : {}) };
      writeFileSync(join(dataDir, "tlsbot.lock"), JSON.stringify(stale));

      const racers = [spawnTs(RACER, [dataDir, ...LOCK_MODULE]), spawnTs(RACER, [dataDir, ...LOCK_MODULE])];
      try {
        await Promise.all(racers.map((r) => firstLine(r, /^ready$/)));
        const results = racers.map((r) => firstLine(r, /^(won|locked \w+)$/));
        // Both spin until a wall-clock instant a little ahead (in microseconds). The second starts 0–190 µs
        // later, sweeping the window in which a takeover that deletes, then creates, lets both in (the
        // previous implementation let both in on about 1 round in 5).
        const at = Math.round((performance.timeOrigin + performance.now()) * 1000) + 150_000;
        racers[0]!.stdin?.write(`go ${at}\n`);
        racers[1]!.stdin?.write(`go ${at + (round % 20) * 10}\n`);
        const outcome = (await Promise.all(results)).join(" / ");
        const winners = racers.filter((_, i) => outcome.split(" / ")[i] === "won");
        const lockFile = join(dataDir, "tlsbot.lock");
        const lock = (existsSync(lockFile) ? JSON.parse(readFileSync(lockFile, "utf8")) : { pid: null }) as { pid: number | null; nonce?: string };
        // The lock on disk names the one winner, with a nonce of its own.
        const holder = winners.length === 1 && lock.pid === winners[0]!.pid && /^[0-9a-f]{24}$/.test(lock.nonce ?? "") ? "" : ` (lock file: ${JSON.stringify(lock)})`;
        rounds.push({ round, outcome: `${outcome}${holder}` });
      } finally {
        for (const r of racers) r.stdin?.end();
        await Promise.all(racers.map((r) => exited(r)));
      }
      // The winner released its lock on exit, and the takeover left nothing behind.
      expect(readdirSync(dataDir), `round ${round}`).toEqual([]);
    }
    const oneWinner = (o: string) => o === "won / locked storeLocked" || o === "locked storeLocked / won";
    expect(rounds.filter((r) => !oneWinner(r.outcome))).toEqual([]);
    expect(rounds).toHaveLength(ROUNDS);
  }, 120_000);
});
