import { readdir, stat } from "node:fs/promises";
import { extname, join } from "node:path";

/** Files a notice can be read from: saved mails (.eml) and pasted text (.txt). */
export const NOTICE_EXTENSIONS = [".eml", ".txt"] as const;

export const isNoticeFile = (name: string) => (NOTICE_EXTENSIONS as readonly string[]).includes(extname(name).toLowerCase());

/**
 * Expands files and folders (recursively) into notice files, sorted within each folder for a stable order. A path that
 * cannot be read throws, unless `onUnreadable` is given: then it is reported there and the rest are still listed, so one
 * locked subfolder does not keep every other mail from being read.
 */
export async function expandNoticePaths(paths: readonly string[], skipDirs: readonly string[] = [], onUnreadable?: (path: string, err: unknown) => void): Promise<string[]> {
  const out: string[] = [];
  for (const p of paths) {
    try {
      const info = await stat(p);
      if (!info.isDirectory()) {
        out.push(p);
        continue;
      }
      const entries = (await readdir(p, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name));
      for (const e of entries) {
        if (e.isDirectory() && !skipDirs.includes(e.name) && !e.name.startsWith(".")) out.push(...(await expandNoticePaths([join(p, e.name)], skipDirs, onUnreadable)));
        else if (e.isFile() && isNoticeFile(e.name)) out.push(join(p, e.name));
      }
    } catch (err) {
      if (!onUnreadable) throw err;
      onUnreadable(p, err);
    }
  }
  return out;
}
