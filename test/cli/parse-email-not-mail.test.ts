import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { translator } from "../../src/render/i18n.ts";
import { cli } from "./cli-harness.ts";

const CORPUS = fileURLToPath(new URL("../notices/corpus/", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "tlsbot-not-mail-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const file = (name: string, bytes: Uint8Array | string) => {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
};
const EMPTY = file("empty.eml", "");
const BLANK = file("blank.txt", "\n  \r\n\t\n");
// A PNG signature and IHDR chunk, then noise: NUL bytes within the first few.
const PNG = file("screenshot.eml", Buffer.concat([Buffer.from("89504e470d0a1a0a0000000d49484452", "hex"), randomBytes(4096)]));
// Random bytes with every NUL taken out: still mostly control bytes, not text.
const NOISE = file("noise.bin", Buffer.from([...randomBytes(4096)].map((b) => (b === 0 ? 1 : b))));

describe("tlsbot parse-email on a file that is not a mail", () => {
  it("says so in text mode, in both languages, and exits 1", async () => {
    for (const lang of ["en", "ja"] as const) {
      const t = translator(lang);
      const run = await cli(["--lang", lang, "parse-email", EMPTY, BLANK, PNG, NOISE]);
      expect(run.code).toBe(1);
      expect(run.stdout).toBe("");
      expect(run.stderr.split("\n").filter(Boolean)).toEqual([
        `${EMPTY}: ${t("errors:noticeEmpty", { file: EMPTY })}`,
        `${BLANK}: ${t("errors:noticeEmpty", { file: BLANK })}`,
        `${PNG}: ${t("errors:noticeNotMail", { file: PNG })}`,
        `${NOISE}: ${t("errors:noticeNotMail", { file: NOISE })}`,
      ]);
      expect(run.stderr).toContain(lang === "ja" ? "メールではありません" : "is not a mail");
    }
  });

  it("--json gives the file's entry an error with code and message, in place, and still parses the mail beside it", async () => {
    const mail = `${CORPUS}en-redis-action-required.eml`;
    const run = await cli(["parse-email", "--json", EMPTY, mail, PNG]);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe("");
    const out = JSON.parse(run.stdout) as Array<Record<string, unknown>>;
    expect(out).toHaveLength(3);
    expect(out[0]).toEqual({ file: EMPTY, error: { code: "noticeEmpty", message: translator("en")("errors:noticeEmpty", { file: EMPTY }) } });
    expect(out[1]).toMatchObject({ file: mail, deadline: "2025-03-01" });
    expect(out[2]).toEqual({ file: PNG, error: { code: "noticeNotMail", message: translator("en")("errors:noticeNotMail", { file: PNG }) } });
  });

  it("says a missing file or a folder is that, in words, in both languages and in --json, not as a system code", async () => {
    const missing = join(dir, "no-such.eml");
    for (const [lang, gone, folder] of [
      ["en", `${missing}: Could not read ${missing}: there is no such file.`, `${dir}: Could not read ${dir}: it is a folder, not a file.`],
      ["ja", `${missing}: ${missing} を読み込めませんでした: ファイルが存在しません。`, `${dir}: ${dir} を読み込めませんでした: ファイルではなくフォルダーです。`],
    ] as const) {
      const run = await cli(["--lang", lang, "parse-email", missing, dir]);
      expect(run.code).toBe(1);
      expect(run.stderr.split("\n").filter(Boolean)).toEqual([gone, folder]);
    }
    const json = JSON.parse((await cli(["parse-email", "--json", missing])).stdout) as Array<Record<string, unknown>>;
    expect(json).toEqual([{ file: missing, error: { code: "noticeUnreadable", message: `Could not read ${missing}: there is no such file.` } }]);
    expect(JSON.stringify(json)).not.toContain("ENOENT");
  });

  it("still reads pasted notice text (no headers) and ISO-2022-JP mails", async () => {
    const pasted = file("pasted.txt", "Azure Cache for Redis: TLS 1.0 and 1.1 will be retired on 1 March 2025. Update your clients to TLS 1.2.\n");
    const run = await cli(["parse-email", "--json", pasted, `${CORPUS}en-pasted.txt`, `${CORPUS}ja-pasted.txt`, `${CORPUS}ja-redis-iso2022jp.eml`, `${CORPUS}ja-iothub-sjis.eml`]);
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout) as Array<Record<string, unknown>>;
    expect(out.map((o) => o["error"])).toEqual([undefined, undefined, undefined, undefined, undefined]);
    expect(out[0]).toMatchObject({ isTls: true, deadline: "2025-03-01" });
  });
});
