import { mkdir, readdir, readFile, rename, stat } from "node:fs/promises";
import { join } from "node:path";
import { ingestMessage, type IngestResult } from "../../ingest/ingest-message.ts";
import { whyNotAMail } from "../../mime/not-a-mail.ts";
import { isNoticeFile } from "../files/read-notice-files.ts";
import type { IngestContext, MailSource, PollResult, RejectedFile } from "../mail-source.ts";
import { looksPartial } from "./partial-file-name.ts";
import { settleWatch, SETTLE_MS, type FileSighting } from "./settle-watch.ts";

export interface DropFolderOptions {
  /** How old a file's mtime must be for it to be read at its first sighting (`settle-watch.ts`). */
  readonly settleMs?: number;
  /** The wall clock file times are compared with. */
  readonly wallClock?: () => number;
}

/**
 * A folder operators drop saved mails into. A file is read once it has stopped changing (`settle-watch.ts`); files
 * named as another program's work in progress are left alone. Each mail is recorded in the store (raw bytes kept until
 * it is processed), then moved to `processed/`; a file whose recording fails stays where it is for the next poll. An
 * empty or binary file is moved to `rejected/` unrecorded: a notice that read nothing would be marked "not a
 * retirement" and forgotten, and the file would vanish into `processed/` with no word to the person who dropped it.
 */
export function dropFolderSource(dir: string, opts: DropFolderOptions = {}): MailSource {
  const watch = settleWatch(opts.settleMs ?? SETTLE_MS, opts.wallClock);
  return {
    name: `folder:${dir}`,
    async poll(ctx: IngestContext): Promise<PollResult> {
      await mkdir(join(dir, "processed"), { recursive: true });
      const names = (await readdir(dir, { withFileTypes: true })).filter((e) => e.isFile() && isNoticeFile(e.name) && !looksPartial(e.name)).map((e) => e.name).sort();
      watch.startPoll();
      const results: IngestResult[] = [];
      const waiting: string[] = [];
      const rejected: RejectedFile[] = [];
      for (const name of names) {
        if (ctx.signal?.aborted) break;
        const path = join(dir, name);
        const before = sightingOf(await stat(path));
        if (!watch.settled(name, before)) {
          waiting.push(name);
          continue;
        }
        const bytes = new Uint8Array(await readFile(path));
        // Quiet for a while is not finished: a writer may resume (a stalled copy). One that did while we read is seen here.
        const after = sightingOf(await stat(path));
        if (after.size !== before.size || after.mtimeMs !== before.mtimeMs || bytes.byteLength !== after.size) {
          watch.remember(name, after);
          waiting.push(name);
          continue;
        }
        const notMail = whyNotAMail(bytes);
        if (notMail) {
          rejected.push({ file: name, why: notMail, movedTo: await moveInto(dir, "rejected", name) });
          continue;
        }
        results.push(await ingestMessage(ctx.store, { bytes, source: `drop:${name}`, receivedAt: ctx.options.now().toISOString() }, ctx.options));
        await moveInto(dir, "processed", name);
      }
      return { source: this.name, results, waiting, rejected };
    },
  };
}

const sightingOf = (s: { size: number; mtimeMs: number }): FileSighting => ({ size: s.size, mtimeMs: s.mtimeMs });

/** Moves a file into a subfolder; returns its path there, relative to `dir`. */
async function moveInto(dir: string, sub: string, name: string): Promise<string> {
  const to = join(dir, sub);
  await mkdir(to, { recursive: true });
  // A name already taken there (the same file dropped twice) gets a suffix rather than overwriting.
  const free = await freeName(to, name);
  await rename(join(dir, name), join(to, free));
  return join(sub, free);
}

async function freeName(dir: string, name: string): Promise<string> {
  const taken = new Set(await readdir(dir));
  if (!taken.has(name)) return name;
  for (let i = 1; ; i++) {
    const candidate = `${name}.${i}`;
    if (!taken.has(candidate)) return candidate;
  }
}
