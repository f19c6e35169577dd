import { chmodSync, lstatSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";

const GROUP_OTHER = 0o077;

/**
 * Owner-only access under `root` (itself included): folders 0700, files without any group/other permission.
 * PGlite extracts its initial cluster with mode 0666 and creates some files 0644 whatever the umask, so this
 * runs after it writes. Symbolic links inside are neither followed nor changed. Returns how many entries
 * had to be tightened.
 */
export function restrictToOwner(root: string): number {
  let changed = 0;
  const visit = (path: string, isRoot: boolean): void => {
    let mode: number;
    let dir: boolean;
    try {
      const st = isRoot ? statSync(path) : lstatSync(path);
      if (st.isSymbolicLink()) return;
      mode = st.mode & 0o7777;
      dir = st.isDirectory();
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ENOENT" && !isRoot) return;
      throw err;
    }
    if (mode & GROUP_OTHER) {
      chmodSync(path, dir ? 0o700 : mode & 0o700);
      changed++;
    }
    if (!dir) return;
    for (const name of readdirSync(path)) visit(join(path, name), false);
  };
  visit(root, true);
  return changed;
}

/**
 * Directories and files created until `restore` is called are private. The caller restores the previous
 * umask once the store's folders are 0700: the setting is process-wide, and child processes (a mail
 * server a test starts, a browser) must not inherit it.
 */
export function restrictUmask(): () => void {
  try {
    const previous = process.umask(GROUP_OTHER);
    process.umask(previous | GROUP_OTHER);
    return () => void process.umask(previous);
  } catch {
    // Worker threads cannot change the umask; restrictToOwner still tightens what is written.
    return () => {};
  }
}
