import { closeSync, openSync, readFileSync, rmSync, writeSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { TlsbotError } from "../../domain/errors.ts";

export interface DataDirLock {
  release(): void;
}

interface LockContent { pid: number; host: string; startedAt: string }

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

function readLock(path: string): LockContent | null {
  try {
    const parsed = JSON.parse(readFileSync(path, "utf8")) as Partial<LockContent>;
    return typeof parsed.pid === "number" ? { pid: parsed.pid, host: String(parsed.host ?? ""), startedAt: String(parsed.startedAt ?? "") } : null;
  } catch {
    return null;
  }
}

/**
 * PGlite opens a directory a second process already has open without complaint, and both then corrupt
 * it. The lock file makes the second process fail clearly instead; a lock left by a dead process is taken over.
 */
export function lockDataDir(dataDir: string): DataDirLock {
  const path = join(dataDir, "tlsbot.lock");
  const content = JSON.stringify({ pid: process.pid, host: hostname(), startedAt: new Date().toISOString() } satisfies LockContent);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, "wx", 0o600);
      writeSync(fd, content);
      closeSync(fd);
      return {
        release() {
          if (readLock(path)?.pid === process.pid) rmSync(path, { force: true });
        },
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") {
        throw new TlsbotError("storeUnavailable", { target: dataDir, reason: (err as Error).message }, { cause: err });
      }
      const holder = readLock(path);
      // Another host's pid means nothing here (shared disk): refuse rather than guess.
      const sameHost = !holder || holder.host === "" || holder.host === hostname();
      if (holder && (!sameHost || (holder.pid !== process.pid && isAlive(holder.pid)))) {
        throw new TlsbotError("storeLocked", { dataDir, pid: holder.pid });
      }
      if (holder?.pid === process.pid) throw new TlsbotError("storeLocked", { dataDir, pid: holder.pid });
      rmSync(path, { force: true });
    }
  }
  throw new TlsbotError("storeLocked", { dataDir, pid: readLock(path)?.pid ?? "?" });
}
