import { createHash, randomBytes } from "node:crypto";
import { closeSync, linkSync, lstatSync, openSync, readFileSync, unlinkSync, writeFileSync, writeSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { TlsbotError } from "../../domain/errors.ts";

export interface DataDirLock {
  release(): void;
}

interface LockContent { pid: number; host: string; startedAt: string; nonce: string }

/** A lock file still empty or half-written this recently may be another process creating it, not a crash. */
const FRESH_UNREADABLE_MS = 2_000;
/** A takeover marker this old was left by a process that died in the middle of the takeover (it lasts microseconds). */
const ABANDONED_TAKEOVER_MS = 10_000;
const ATTEMPTS = 50;

/** Nonces of the locks this process holds, shared by every copy of this module loaded in the process. */
const held: Set<string> = ((globalThis as Record<symbol, unknown>)[Symbol.for("tlsbot.dataDirLocks")] ??= new Set<string>()) as Set<string>;

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

function readRaw(path: string): string | null {
  try {
    return readFileSync(path, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw err;
  }
}

function parseLock(raw: string): LockContent | null {
  try {
    const parsed = JSON.parse(raw) as Partial<LockContent>;
    if (typeof parsed.pid !== "number") return null;
    return { pid: parsed.pid, host: String(parsed.host ?? ""), startedAt: String(parsed.startedAt ?? ""), nonce: String(parsed.nonce ?? "") };
  } catch {
    return null;
  }
}

function ageMs(path: string, which: "mtimeMs" | "ctimeMs"): number {
  try {
    return Date.now() - lstatSync(path)[which];
  } catch {
    return 0;
  }
}

function pause(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Creates `path` holding `content` only if nothing is there, in one step: the content is written to a
 * private file first and hard-linked into place (`link` fails when the name exists), so no other process
 * ever sees the lock empty. Where hard links are not supported, an exclusive create (`wx`) does the same.
 */
function createExclusive(path: string, content: string, nonce: string): boolean {
  const draft = `${path}.${nonce}.new`;
  writeFileSync(draft, content, { mode: 0o600, flag: "wx" });
  try {
    linkSync(draft, path);
    return true;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "EEXIST") return false;
    if (code !== "EPERM" && code !== "ENOTSUP" && code !== "EOPNOTSUPP" && code !== "ENOSYS") throw err;
  } finally {
    unlinkSync(draft);
  }
  try {
    const fd = openSync(path, "wx", 0o600);
    try {
      writeSync(fd, content);
    } finally {
      closeSync(fd);
    }
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw err;
  }
}

/**
 * Removes the lock file at `path` only if it still is the stale one read as `staleRaw`. Several processes
 * may find the same stale lock at once: each must first create the takeover marker named after that lock's
 * content, as a hard link to whatever is at `path` — only one succeeds — and the winner checks through the
 * marker that it linked the stale file and not a lock someone took meanwhile. Only the marker's holder
 * removes that file, so a fresh lock is never deleted; the caller then competes for the lock again.
 */
function removeStale(path: string, staleRaw: string): void {
  const marker = `${path}.takeover-${createHash("sha256").update(staleRaw).digest("hex").slice(0, 16)}`;
  try {
    linkSync(path, marker);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "ENOENT") return; // Already removed: compete for the lock.
    if (code === "EEXIST") {
      // Another process is taking this lock over right now; one that died doing so leaves an old marker.
      if (ageMs(marker, "ctimeMs") > ABANDONED_TAKEOVER_MS) unlinkQuietly(marker);
      else pause(5);
      return;
    }
    throw err;
  }
  try {
    if (readRaw(marker) === staleRaw) unlinkQuietly(path);
  } finally {
    unlinkQuietly(marker);
  }
}

function unlinkQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
  }
}

/**
 * PGlite opens a directory a second process already has open without complaint, and both then corrupt
 * it. The lock file makes the second process fail clearly instead; a lock left by a dead process on this
 * host is taken over. Creation is atomic and a takeover never deletes anything but the stale file, so two
 * processes starting at once never both get the lock. `release` removes the lock only while it is ours.
 */
export function lockDataDir(dataDir: string): DataDirLock {
  const path = join(dataDir, "tlsbot.lock");
  const nonce = randomBytes(12).toString("hex");
  const content = JSON.stringify({ pid: process.pid, host: hostname(), startedAt: new Date().toISOString(), nonce } satisfies LockContent);
  let holderPid: number | string = "?";
  try {
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      if (createExclusive(path, content, nonce)) {
        held.add(nonce);
        return {
          release() {
            if (!held.delete(nonce)) return;
            const raw = readRaw(path);
            if (raw !== null && parseLock(raw)?.nonce === nonce) unlinkQuietly(path);
          },
        };
      }
      const raw = readRaw(path);
      if (raw === null) continue; // Released meanwhile: try again.
      const holder = parseLock(raw);
      if (!holder) {
        // Empty or half-written: maybe being created right now (exclusive-create fallback), else left by a crash.
        if (ageMs(path, "mtimeMs") < FRESH_UNREADABLE_MS) throw new TlsbotError("storeLocked", { dataDir, pid: "?" });
        removeStale(path, raw);
        continue;
      }
      holderPid = holder.pid;
      // Another host's pid means nothing here (shared disk): refuse rather than guess.
      const sameHost = holder.host === "" || holder.host === hostname();
      // Our own pid is a lock of ours (a second open in this process) unless no lock of ours has that nonce: a
      // previous process that had the same pid (pid 1 in a container) left it.
      const ours = holder.pid === process.pid && held.has(holder.nonce);
      const alive = holder.pid === process.pid ? ours : isAlive(holder.pid);
      if (!sameHost || alive) throw new TlsbotError("storeLocked", { dataDir, pid: holder.pid });
      removeStale(path, raw);
    }
  } catch (err) {
    if (err instanceof TlsbotError) throw err;
    throw new TlsbotError("storeUnavailable", { target: dataDir, reason: (err as Error).message }, { cause: err });
  }
  throw new TlsbotError("storeLocked", { dataDir, pid: holderPid });
}
