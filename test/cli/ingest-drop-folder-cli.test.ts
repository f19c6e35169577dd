import { mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { translator } from "../../src/render/i18n.ts";
import { redisNotice } from "../notices/mail-builder.ts";
import { cli } from "./cli-harness.ts";

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A drop folder with a mail saved a minute ago, an empty file saved as long ago, and a mail being saved right now. */
function dropFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), "tlsbot-drop-cli-"));
  dirs.push(dir);
  const then = new Date(Date.now() - 60_000);
  writeFileSync(join(dir, "notice.eml"), redisNotice("1 March 2027", { messageId: "cli-drop@notify.microsoft.com" }));
  writeFileSync(join(dir, "empty.eml"), "");
  for (const name of ["notice.eml", "empty.eml"]) utimesSync(join(dir, name), then, then);
  writeFileSync(join(dir, "saving.eml"), redisNotice("1 March 2027", { messageId: "cli-saving@notify.microsoft.com" }));
  return dir;
}

describe("tlsbot ingest --from folder", () => {
  it("says which files it set aside and which it left for a later poll, in both languages", async () => {
    for (const lang of ["en", "ja"] as const) {
      const t = translator(lang);
      const dir = dropFolder();
      const run = await cli(["--lang", lang, "ingest", "--from", "folder"], { TLSBOT_DROP_DIR: dir });
      expect(run.code).toBe(0);
      expect(run.stdout).toContain("drop:notice.eml");
      expect(run.stdout).not.toMatch(/empty\.eml|saving\.eml/);
      expect(run.stderr.split("\n").filter(Boolean).sort()).toEqual([
        t("notices:drop.rejected.empty", { file: "empty.eml", to: join("rejected", "empty.eml") }),
        t("notices:drop.waiting", { file: "saving.eml" }),
      ].sort());
      expect(run.stderr).not.toMatch(/notices:|drop\./);
      expect(readdirSync(dir).sort()).toEqual(["processed", "rejected", "saving.eml"]);
    }
  });
});
