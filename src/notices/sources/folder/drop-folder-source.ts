import { mkdir, readdir, readFile, rename } from "node:fs/promises";
import { join } from "node:path";
import { ingestMessage, type IngestResult } from "../../ingest/ingest-message.ts";
import { isNoticeFile } from "../files/read-notice-files.ts";
import type { IngestContext, MailSource, PollResult } from "../mail-source.ts";

/**
 * A folder operators drop saved mails into. Each file is recorded in the store (raw bytes kept until it is
 * processed), then moved to `processed/`; a file whose recording fails stays where it is for the next poll.
 */
export function dropFolderSource(dir: string): MailSource {
  return {
    name: `folder:${dir}`,
    async poll(ctx: IngestContext): Promise<PollResult> {
      const done = join(dir, "processed");
      await mkdir(done, { recursive: true });
      const names = (await readdir(dir, { withFileTypes: true })).filter((e) => e.isFile() && isNoticeFile(e.name) && !e.name.startsWith(".")).map((e) => e.name).sort();
      const results: IngestResult[] = [];
      for (const name of names) {
        if (ctx.signal?.aborted) break;
        const path = join(dir, name);
        const bytes = new Uint8Array(await readFile(path));
        results.push(await ingestMessage(ctx.store, { bytes, source: `drop:${name}`, receivedAt: ctx.options.now().toISOString() }, ctx.options));
        // A name already taken in processed/ (the same file dropped twice) gets a suffix rather than overwriting.
        await rename(path, join(done, await freeName(done, name)));
      }
      return { source: this.name, results };
    },
  };
}

async function freeName(dir: string, name: string): Promise<string> {
  const taken = new Set(await readdir(dir));
  if (!taken.has(name)) return name;
  for (let i = 1; ; i++) {
    const candidate = `${name}.${i}`;
    if (!taken.has(candidate)) return candidate;
  }
}
