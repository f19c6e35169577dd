import { cpSync, existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** A new data directory holding an empty, migrated PGlite database (a copy of the run's template). */
export function freshDataDir(prefix = "tlsbot-test-"): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const template = process.env["TLSBOT_TEST_TEMPLATE_DIR"];
  if (template && existsSync(join(template, "pgdata"))) cpSync(join(template, "pgdata"), join(dir, "pgdata"), { recursive: true });
  return dir;
}
