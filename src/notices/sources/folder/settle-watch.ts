/** What a poll saw of a file: enough to tell whether anything wrote to it since. */
export interface FileSighting {
  readonly size: number;
  readonly mtimeMs: number;
}

/**
 * How long a file's mtime must lie in the past for a first sighting to count as settled: the shortest poll interval
 * TLSBOT_MAIL_POLL_SECONDS allows, so either rule below means at least 10 s without a write.
 */
export const SETTLE_MS = 10_000;

export interface SettleWatch {
  /** Starts a poll: the sightings of the one before are what this one compares with. */
  startPoll(): void;
  /** Whether the file has stopped changing; the sighting is kept for the next poll either way. */
  settled(name: string, seen: FileSighting): boolean;
  /** Replaces this poll's sighting of a file that changed while it was being read. */
  remember(name: string, seen: FileSighting): void;
}

/**
 * Tells a file that has stopped changing from one still being written (an Outlook "Save as" or a copy over SMB writes
 * in chunks, so a reader can find half a mail). Settled: the previous poll of the folder saw the same size and mtime
 * (`serve` and `ingest --watch` keep one watch across polls), or, at a first sighting (the first poll after a start,
 * a one-off `ingest --from folder`), the mtime is `settleMs` old. A file seen to change since the previous poll waits
 * whatever its mtime says: the change is seen, the age only inferred (a copy may carry its source's older mtime, a
 * file server's clock may lag behind ours).
 * Ages are measured by the wall clock, not the notices' clock, which TLSBOT_NOW or `--now` may fix anywhere; a file
 * server whose clock runs ahead stamps files in the future, never old enough: the next poll's sighting settles them.
 */
export function settleWatch(settleMs = SETTLE_MS, wallClock: () => number = Date.now): SettleWatch {
  let previous = new Map<string, FileSighting>();
  let current = new Map<string, FileSighting>();
  return {
    startPoll() {
      previous = current;
      current = new Map();
    },
    settled(name, seen) {
      current.set(name, seen);
      const before = previous.get(name);
      if (before) return before.size === seen.size && before.mtimeMs === seen.mtimeMs;
      return wallClock() - seen.mtimeMs >= settleMs;
    },
    remember(name, seen) {
      current.set(name, seen);
    },
  };
}
