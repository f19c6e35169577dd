import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { RETIREMENTS } from "../../src/catalog/lookup.ts";
import { translator } from "../../src/render/i18n.ts";
import { buildMail, redisMultipartNotice } from "../notices/mail-builder.ts";
import { freshDataDir } from "../support/data-dir.ts";
import { cli } from "./cli-harness.ts";

const CORPUS = fileURLToPath(new URL("../notices/corpus/", import.meta.url));
const FILES = readdirSync(CORPUS).filter((f) => f.endsWith(".eml") || f.endsWith(".txt")).sort();
const expected = JSON.parse(readFileSync(`${CORPUS}/expected.json`, "utf8")) as Record<string, { deadline: string | null; trackingId: string | null; isTls: boolean; trusted: boolean }>;
const CONTRACT = ["file", "messageId", "subject", "from", "language", "trusted", "isRetirement", "isTls", "actionRequired", "services", "resourceTypes", "deadline", "trackingId", "subscriptionIds", "resourceIds", "links"];

describe("tlsbot parse-email", () => {
  it("--json prints one contract object per file, in order", async () => {
    const run = await cli(["parse-email", "--json", ...FILES.map((f) => `${CORPUS}${f}`)]);
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout) as Record<string, unknown>[];
    expect(out.map((o) => String(o["file"]).split("/").pop())).toEqual(FILES);
    for (const o of out) {
      for (const key of CONTRACT) expect(o, `${String(o["file"])} lacks ${key}`).toHaveProperty(key);
      expect(o["fieldConfidence"]).toEqual({ isTls: expect.any(Number), deadline: expect.any(Number), trackingId: expect.any(Number), services: expect.any(Number) });
      expect(o["namedResourceTypes"]).toEqual(expect.arrayContaining(o["resourceTypes"] as string[]));
      const name = String(o["file"]).split("/").pop()!;
      const want = expected[name];
      if (!want) continue;
      expect({ deadline: o["deadline"], trackingId: o["trackingId"], isTls: o["isTls"], trusted: o["trusted"] }, name).toEqual({ deadline: want.deadline, trackingId: want.trackingId, isTls: want.isTls, trusted: want.trusted });
    }
  });

  it("a missing file is reported in place and the others are still parsed", async () => {
    const run = await cli(["parse-email", "--json", `${CORPUS}en-redis-action-required.eml`, "/nonexistent/x.eml", `${CORPUS}ja-tracking.eml`]);
    expect(run.code).toBe(1);
    const out = JSON.parse(run.stdout) as Array<Record<string, unknown>>;
    expect(out.map((o) => (o["error"] as { code: string } | undefined)?.code ?? o["deadline"])).toEqual(["2025-03-01", "noticeUnreadable", expected["ja-tracking.eml"]!.deadline]);
  });

  it("--json says when a mail looks cut off before its end, the reason ingesting it waits for review", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tlsbot-cut-"));
    const mail = redisMultipartNotice("1 June 2027", { messageId: "cli-cut@notify.microsoft.com" });
    writeFileSync(`${dir}/whole.eml`, mail);
    writeFileSync(`${dir}/cut.eml`, mail.subarray(0, new TextDecoder().decode(mail).indexOf("<h2>")));
    try {
      const run = await cli(["parse-email", "--json", `${dir}/whole.eml`, `${dir}/cut.eml`]);
      expect(run.code).toBe(0);
      expect((JSON.parse(run.stdout) as Array<{ cutOff: boolean; deadline: string }>).map((o) => [o.cutOff, o.deadline])).toEqual([[false, "2027-06-01"], [true, "2027-06-01"]]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("prints a readable, localized report quoting the evidence, with every trust verdict translated", async () => {
    for (const lang of ["en", "ja"] as const) {
      const run = await cli(["--lang", lang, "parse-email", ...FILES.map((f) => `${CORPUS}${f}`)]);
      expect(run.code).toBe(0);
      expect(run.stdout).not.toMatch(/notices:|trust\.|reason\./);
      expect(run.stdout).toContain(lang === "ja" ? "期限: 2025-03-01" : "Deadline: 2025-03-01");
      expect(run.stdout).toContain(lang === "ja" ? "「2025 年 3 月 1 日」" : "“1 March 2025”");
    }
    expect(translator("ja")("notices:trust.senderNotListed", { from: "x@y" })).toContain("x@y");
  });
});

/** A Redis notice whose day the hand weights are sure of, held because the second reader cannot choose between it and another. */
function secondReadingMail(dir: string): string {
  mkdirSync(dir, { recursive: true });
  const file = `${dir}/second-reading.eml`;
  writeFileSync(file, buildMail({
    subject: "Azure Cache for Redis: retire TLS 1.0 and 1.1 by 30 June 2027",
    body: "Azure Cache for Redis will retire TLS 1.0 and 1.1 by 30 June 2027.\n\nWe will end support for TLS 1.0 and 1.1 on 30 September 2027 in all regions.\n",
    messageId: "second-reading@test.invalid",
  }));
  return file;
}

describe("the days a person chooses from, in the CLI", () => {
  const dataDir = freshDataDir("tlsbot-candidates-cli-");
  const env = { TLSBOT_DATA_DIR: dataDir };
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it("parse-email and notices show the other day of a day held by the second reader, to give accept-notice --deadline", async () => {
    const file = secondReadingMail(`${dataDir}/mail`);
    const [parsed] = JSON.parse((await cli(["parse-email", "--json", file])).stdout) as Array<Record<string, unknown>>;
    expect(parsed).toMatchObject({ deadline: "2027-06-30", deadlineCandidates: ["2027-06-30", "2027-09-30"] });
    expect((await cli(["parse-email", file])).stdout).toContain("Possible deadlines: 2027-06-30, 2027-09-30");
    expect((await cli(["--lang", "ja", "parse-email", file])).stdout).toContain("期限の候補: 2027-06-30, 2027-09-30");
    // A notice with a day and nothing else to choose from says so with an empty list.
    const [plain] = JSON.parse((await cli(["parse-email", "--json", `${CORPUS}en-redis-action-required.eml`])).stdout) as Array<Record<string, unknown>>;
    expect(plain).toMatchObject({ deadline: "2025-03-01", deadlineCandidates: [] });

    const ingested = await cli(["ingest", "--now", "2026-11-01T00:00:00Z", file], env);
    expect(ingested.code).toBe(0);
    // One mail: the summary says so in English's singular, not "message(s)".
    expect(ingested.stdout).toMatch(/^1 message: 0 applied, 1 for review,/m);
    const list = JSON.parse((await cli(["notices", "--json", "--status", "triage"], env)).stdout) as { notices: Array<Record<string, unknown>> };
    expect(list.notices).toEqual([expect.objectContaining({ reason: "ambiguousDeadline", deadline: "2027-06-30", deadlineCandidates: ["2027-06-30", "2027-09-30"] })]);
    // The text list says them under the notice, in either language.
    expect((await cli(["notices", "--status", "triage"], env)).stdout).toContain("possible deadlines: 2027-06-30, 2027-09-30");
    expect((await cli(["--lang", "ja", "notices", "--status", "triage"], env)).stdout).toContain("期限の候補: 2027-06-30, 2027-09-30");
  });
});

describe("tlsbot ingest / notices", () => {
  const dataDir = freshDataDir("tlsbot-ingest-cli-");
  const env = { TLSBOT_DATA_DIR: dataDir };
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it("ingests a folder: trusted TLS notices applied, spoofs for review, others ignored; again → duplicates", async () => {
    const run = await cli(["ingest", "--json", "--now", "2026-11-01T00:00:00Z", CORPUS], env);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout) as { summary: Record<string, number>; notices: Array<{ file: string; status: string; reason: string }> };
    expect(out.summary["total"]).toBe(FILES.length);
    expect(out.summary["applied"]! + out.summary["triage"]! + out.summary["ignored"]! + out.summary["duplicate"]!).toBe(FILES.length);
    const status = (name: string) => out.notices.find((n) => n.file.endsWith(`/${name}`))?.status;
    for (const spoof of ["en-spoofed-domain.eml", "en-spoofed-dkim-fail.eml", "ja-spoofed.eml"]) expect(status(spoof), spoof).toBe("triage");
    expect(status("en-nontls-retirement.eml")).toBe("ignored");
    expect(status("en-redis-action-required.eml")).toBe("applied");

    const again = JSON.parse((await cli(["ingest", "--json", CORPUS], env)).stdout) as { summary: Record<string, number> };
    expect(again.summary["duplicate"]).toBe(FILES.length - out.summary["duplicate"]!);
  });

  it("notices lists what was stored and the retirements with their deadlines", async () => {
    const run = await cli(["notices", "--json"], env);
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout) as { notices: Array<{ status: string }>; retirements: Array<{ id: string; deadline: string; checklist: unknown[] }> };
    expect(out.notices.length).toBeGreaterThan(20);
    expect(out.notices.filter((n) => n.status === "triage").length).toBeGreaterThanOrEqual(3);
    const mars = out.retirements.find((r) => r.id === "backup-mars-tls10-11");
    // The stored checklist is the catalog's, item for item.
    expect((mars?.checklist as Array<{ key: string }> | undefined)?.map((i) => i.key)).toEqual(RETIREMENTS.find((r) => r.id === "backup-mars-tls10-11")!.checklist);
    const text = await cli(["--lang", "ja", "notices"], env);
    expect(text.stdout).toMatch(/要確認/);
    expect(text.stdout).toMatch(/redis-tls10-11 {2}期限 \d{4}-\d{2}-\d{2}/);
  });

  it("an operator can accept a notice held for review; it is audited and a second accept is refused", async () => {
    const list = JSON.parse((await cli(["notices", "--json", "--status", "triage"], env)).stdout) as { notices: Array<{ id: number; messageKey: string; subject: string | null }> };
    const pasted = list.notices.find((n) => n.messageKey.startsWith("sha256:") && n.subject === "");
    expect(pasted, "the pasted en text is held for review").toBeDefined();
    const run = await cli(["accept-notice", String(pasted!.id), "--as", "aki", "--json"], env);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ status: "applied" });
    const audit = JSON.parse((await cli(["audit", "--json"], env)).stdout) as { entries: Array<{ actor: string; action: string; target: string }> };
    expect(audit.entries).toContainEqual(expect.objectContaining({ actor: "cli:aki", action: "notice.accept", target: `notice:${pasted!.id}` }));
    const again = await cli(["--lang", "ja", "accept-notice", String(pasted!.id)], env);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain("確認待ちではありません");
    expect((await cli(["accept-notice", "999999"], env)).stderr).toContain("no stored notice #999999");
    // A day given by hand must be a real one, and is checked before anything else.
    const badDay = await cli(["accept-notice", String(pasted!.id), "--deadline", "2027-02-30"], env);
    expect(badDay.code).not.toBe(0);
    expect(badDay.stderr).toContain("--deadline: 2027-02-30");
    expect((await cli(["--lang", "ja", "accept-notice", "--help"], env)).stdout).toContain("--deadline <YYYY-MM-DD>");
  });

  it("says clearly when there is nothing to ingest or a source is not configured", async () => {
    const none = await cli(["ingest"], env);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain("Nothing to ingest");
    const imap = await cli(["--lang", "ja", "ingest", "--from", "imap"], env);
    expect(imap.code).toBe(2);
    expect(imap.stderr).toContain("TLSBOT_IMAP_HOST");
    expect(imap.stderr).toContain("設定されていません");
  });
});
