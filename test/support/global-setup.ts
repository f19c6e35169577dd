import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openStore } from "../../src/store/open-store.ts";

/**
 * Creating a PGlite cluster costs seconds, reopening a copy a fraction of that: one migrated cluster is
 * made per run and test data directories start as copies of it (`freshDataDir`).
 */
export default async function setup(): Promise<() => void> {
  const dir = mkdtempSync(join(tmpdir(), "tlsbot-template-"));
  const store = await openStore({ dataDir: dir });
  await store.close();
  process.env["TLSBOT_TEST_TEMPLATE_DIR"] = dir;
  return () => rmSync(dir, { recursive: true, force: true });
}
