import { readdir, stat } from "node:fs/promises";
import { extname, join } from "node:path";

/** Files a notice can be read from: saved mails (.eml) and pasted text (.txt). */
export const NOTICE_EXTENSIONS = [".eml", ".txt"] as const;

export const isNoticeFile = (name: string) => (NOTICE_EXTENSIONS as readonly string[]).includes(extname(name).toLowerCase());

/** Expands files and folders (recursively) into notice files, sorted within each folder for a stable order. */
export async function expandNoticePaths(paths: readonly string[], skipDirs: readonly string[] = []): Promise<string[]> {
  const out: string[] = [];
  for (const p of paths) {
    const info = await stat(p);
    if (!info.isDirectory()) {
      out.push(p);
      continue;
    }
    const entries = (await readdir(p, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name));
    for (const e of entries) {
      if (e.isDirectory() && !skipDirs.includes(e.name) && !e.name.startsWith(".")) out.push(...(await expandNoticePaths([join(p, e.name)], skipDirs)));
      else if (e.isFile() && isNoticeFile(e.name)) out.push(join(p, e.name));
    }
  }
  return out;
}
