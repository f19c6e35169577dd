import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { translator } from "../../src/render/i18n.ts";
import { buildMail } from "../notices/mail-builder.ts";
import { freshDataDir } from "../support/data-dir.ts";
import { cli } from "./cli-harness.ts";

const REDIS_NOTICE = { subject: "Action required: use TLS 1.2 with Azure Cache for Redis by 1 March 2025", body: "Azure Cache for Redis will stop supporting TLS 1.0 and 1.1 on 1 March 2025. Configure your caches to use TLS 1.2.\n" };

describe("bad input on the command line gets a clear, localized usage error", () => {
  it("--lang with a value other than ja or en, or with none, is refused instead of running in another language", async () => {
    const fr = await cli(["notices", "--lang", "fr"]);
    expect(fr.code).toBe(2);
    expect(fr.stdout).toBe("");
    expect(fr.stderr).toContain("'fr'");
    expect(fr.stderr).toContain("Allowed values: ja, en.");
    const ja = await cli(["notices", "--lang=xx"], { LANG: "ja_JP.UTF-8" });
    expect(ja.code).toBe(2);
    expect(ja.stderr).toContain("指定できる値: ja, en。");
    const none = await cli(["notices", "--lang"]);
    expect(none.code).toBe(2);
    expect(none.stdout).toBe("");
    expect(none.stderr).toContain(translator("en")("cli:error.optionMissingArgument", { detail: "'--lang <lang>'" }));
  });

  it("accept-notice takes the id as digits only: 1e3, 0x10 and an id past what the store holds are refused", async () => {
    for (const id of ["1e3", "0x10", " 5", "99999999999999999999"]) {
      for (const lang of ["en", "ja"] as const) {
        const run = await cli(["--lang", lang, "accept-notice", id]);
        expect(run.code, id).toBe(2);
        expect(run.stderr, id).toBe(`${translator(lang)("errors:invalidArgument", { option: "ID", value: id })}\n`);
      }
    }
  });

  it("--now and TLSBOT_NOW take ISO 8601 only: 0, \"1 Jan\" and a 30 February are refused, not read as other days", async () => {
    for (const now of ["0", "1 Jan", "2026-02-30", "2026-02-30T00:00:00Z"]) {
      const run = await cli(["--lang", "ja", "reminders", "--now", now]);
      expect(run.code, now).toBe(2);
      expect(run.stderr, now).toBe(`${translator("ja")("errors:invalidArgument", { option: "--now", value: now })}\n`);
    }
    const env = await cli(["reminders"], { TLSBOT_NOW: "0" });
    expect(env.code).toBe(2);
    expect(env.stderr).toContain("TLSBOT_NOW");
    for (const now of ["2026-12-01", "2026-12-01T09:00Z", "2026-12-01T18:00:00+09:00", "2026-12-01T09:00:00.000Z"]) {
      expect((await cli(["reminders", "--json", "--now", now])).code, now).toBe(0);
    }
  });
});

describe("tlsbot ingest with paths it cannot use", () => {
  const root = freshDataDir("tlsbot-bad-ingest-");
  const env = { TLSBOT_DATA_DIR: join(root, "data") };
  let socket: Server | null = null;
  afterAll(async () => {
    await new Promise<void>((resolve) => (socket ? socket.close(() => resolve()) : resolve()));
    rmSync(root, { recursive: true, force: true });
  });

  it("reads the mails beside a missing path and a file that cannot be opened, and names those in words, in both languages", async () => {
    const mails = join(root, "mails");
    mkdirSync(mails, { recursive: true });
    writeFileSync(join(mails, "redis.eml"), buildMail({ ...REDIS_NOTICE, messageId: "beside-missing@test.invalid" }));
    // A Unix socket passes as a file name but cannot be opened (ENXIO): a file tlsbot finds and cannot read, as root too.
    const unopenable = join(root, "socket.eml");
    socket = createServer();
    await new Promise<void>((resolve) => socket!.listen(unopenable, resolve));
    const missing = join(root, "gone.eml");
    const run = await cli(["ingest", "--json", missing, unopenable, mails], env);
    expect(run.code).toBe(1);
    const out = JSON.parse(run.stdout) as { summary: Record<string, number>; notices: Array<{ file: string; status: string; error: string | null }> };
    expect(out.notices.map((n) => [n.file, n.status])).toEqual([[missing, "error"], [unopenable, "error"], [join(mails, "redis.eml"), "applied"]]);
    expect(out.notices[0]!.error).toBe(translator("en")("errors:noticeUnreadable", { file: missing, problem: "notFound" }));
    expect(out.notices[1]!.error).toBe(translator("en")("errors:noticeUnreadable", { file: unopenable, problem: "other", reason: "ENXIO" }));
    expect(out.summary).toMatchObject({ total: 3, applied: 1, unreadable: 2 });

    const ja = await cli(["--lang", "ja", "ingest", missing, unopenable], env);
    expect(ja.code).toBe(1);
    expect(ja.stdout.split("\n").slice(0, 2)).toEqual([
      translator("ja")("errors:noticeUnreadable", { file: missing, problem: "notFound" }),
      translator("ja")("errors:noticeUnreadable", { file: unopenable, problem: "other", reason: "ENXIO" }),
    ]);
    expect(ja.stdout).toContain(translator("ja")("notices:ingest.unreadable", { count: 2 }));
    expect(ja.stdout).not.toMatch(/Something went wrong|EACCES|—\s*$/m);
  });

  it("reports an empty or binary file as not a mail, exits 1, and records nothing for it", async () => {
    const dir = join(root, "not-mail");
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, "empty.eml"), "");
    writeFileSync(join(dir, "image.eml"), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]));
    for (const lang of ["en", "ja"] as const) {
      const run = await cli(["--lang", lang, "ingest", dir], env);
      expect(run.code).toBe(1);
      const t = translator(lang);
      expect(run.stdout.split("\n").slice(0, 2)).toEqual([t("errors:noticeEmpty", { file: join(dir, "empty.eml") }), t("errors:noticeNotMail", { file: join(dir, "image.eml") })]);
    }
    const stored = JSON.parse((await cli(["notices", "--json"], env)).stdout) as { notices: Array<{ source: string }> };
    expect(stored.notices.filter((n) => n.source.includes("not-mail"))).toEqual([]);
  });
});
