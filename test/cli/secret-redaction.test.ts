import { spawn } from "node:child_process";
import { rmSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { freshDataDir } from "../support/data-dir.ts";
import { cli } from "./cli-harness.ts";

// Port 1: nothing listens, so the driver fails — and its error must not carry the secrets either.
const URLS = [
  "postgresql://postgres@127.0.0.1:1/x?password=S3cretPw&sslpassword=S3cretSsl",
  "postgres://u:S3cretPw@127.0.0.1:1/x",
  "postgres://u:S3cret%21Pw@127.0.0.1:1/x",
  // pg reads the key file before connecting and names it in its error: the reason is masked too.
  "postgresql://postgres@127.0.0.1:1/x?password=S3cretPw&sslkey=/nonexistent/S3cretKey.pem&sslmode=require",
];
const SECRET = /S3cret/i;

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function runBin(args: string[], env: Record<string, string>): Promise<{ code: number | null; out: string }> {
  const dataDir = freshDataDir("tlsbot-secret-");
  dirs.push(dataDir);
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(TLSBOT_|AZURE_|SLACK_|Microsoft)/.test(k)));
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["bin/tlsbot.js", ...args], { env: { ...clean, TLSBOT_DATA_DIR: dataDir, LANG: "en_US.UTF-8", ...env } });
    let out = "";
    child.stdout.on("data", (c: Buffer) => (out += c.toString()));
    child.stderr.on("data", (c: Buffer) => (out += c.toString()));
    child.on("exit", (code) => resolve({ code, out }));
  });
}

describe("a database URL with secrets in it", () => {
  for (const url of URLS) {
    it(`never shows them when the database cannot be opened: ${url.replace(/S3cret\w*/gi, "…")}`, async () => {
      for (const lang of ["en", "ja"] as const) {
        const run = await cli(["--lang", lang, "notices", "--json"], { TLSBOT_DATABASE_URL: url });
        expect(run.code).toBe(1);
        expect(`${run.stdout}${run.stderr}`).not.toMatch(SECRET);
        expect(run.stderr).toMatch(lang === "ja" ? /^データベース postgres(ql)?:\/\/\S+ を開けませんでした: / : /^Could not open the database postgres(ql)?:\/\/\S+: /);
        expect(run.stderr).toContain("127.0.0.1:1");
      }
    });
  }

  it("never shows them through the real bin either, TLSBOT_DEBUG included", async () => {
    for (const url of URLS) {
      const run = await runBin(["scan"], { TLSBOT_DATABASE_URL: url, TLSBOT_DEBUG: "1", TLSBOT_ARM_ENDPOINT: "https://127.0.0.1:1", TLSBOT_ARM_TOKEN: "t" });
      expect(run.code).toBe(1);
      expect(run.out).toContain("Could not open the database");
      expect(run.out, url).not.toMatch(SECRET);
    }
  }, 60_000);
});
