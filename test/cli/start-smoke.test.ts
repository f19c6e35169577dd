import { spawn } from "node:child_process";
import { rmSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { freshDataDir } from "../support/data-dir.ts";

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** The real bin in a child process, with no tlsbot configuration in its environment. */
function runBin(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const dataDir = freshDataDir("tlsbot-start-");
  dirs.push(dataDir);
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(TLSBOT_|AZURE_|SLACK_|Microsoft)/.test(k)));
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["bin/tlsbot.js", ...args], { env: { ...clean, TLSBOT_DATA_DIR: dataDir, LANG: "en_US.UTF-8", ...env } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c: Buffer) => (stdout += c.toString()));
    child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
    child.on("exit", (code) => resolve({ code, stdout, stderr }));
  });
}

describe("the tlsbot bin on a fresh, unconfigured machine", () => {
  it("runs the labelled demo: simulator, scan, bilingual summary", async () => {
    const run = await runBin([]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/DEMO/);
    expect(run.stdout).toMatch(/^\[en\] \d+ resources in 3 subscriptions/m);
    expect(run.stdout).toMatch(/^\[ja\] サブスクリプション 3 件/m);
    expect(run.stdout).toContain("redis-cart-prod");
    expect(run.stdout).toContain("legacy-archive");
  }, 90_000);

  it("prints localized help", async () => {
    const run = await runBin(["--help"], { LANG: "ja_JP.UTF-8" });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/[ぁ-んァ-ヶ一-龠]/);
    expect(run.stdout).toContain("scan");
  }, 60_000);
});
