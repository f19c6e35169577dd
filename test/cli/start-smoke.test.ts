import { spawn } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { freshDataDir } from "../support/data-dir.ts";

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/**
 * The real bin in a child process, with no tlsbot configuration in its environment. `whenListening` runs
 * once the server prints its URL; the child is then stopped with SIGTERM, as Ctrl+C would.
 */
function runBin(args: string[], env: Record<string, string> = {}, whenListening?: (url: string) => Promise<void>, nodeArgs: string[] = []): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const dataDir = freshDataDir("tlsbot-start-");
  dirs.push(dataDir);
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(TLSBOT_|AZURE_|SLACK_|Microsoft)/.test(k)));
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [...nodeArgs, "bin/tlsbot.js", ...args], { env: { ...clean, TLSBOT_DATA_DIR: dataDir, LANG: "en_US.UTF-8", ...env } });
    let stdout = "";
    let stderr = "";
    let served = false;
    child.stdout.on("data", (c: Buffer) => {
      stdout += c.toString();
      const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout)?.[1];
      if (url && whenListening && !served) {
        served = true;
        void whenListening(url).finally(() => child.kill("SIGTERM"));
      }
    });
    child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
    child.on("exit", (code) => resolve({ code, stdout, stderr }));
  });
}

describe("the tlsbot bin on a fresh, unconfigured machine", () => {
  it("runs the labelled demo: simulator, scan, bilingual summary, then the local web chat until stopped", async () => {
    const pages: Record<string, number> = {};
    const run = await runBin([], { PORT: "0" }, async (url) => {
      for (const path of ["/healthz", "/", "/webchat/chat.js", "/webchat/adaptivecards.js"]) pages[path] = (await fetch(`${url}${path}`)).status;
    });
    expect(run.code).toBe(0);
    expect(pages).toEqual({ "/healthz": 200, "/": 200, "/webchat/chat.js": 200, "/webchat/adaptivecards.js": 200 });
    expect(run.stdout).toMatch(/Local mode \(no MicrosoftAppId\)/);
    expect(run.stdout).toMatch(/tlsbot stopped/);
    expect(run.stdout).toMatch(/DEMO/);
    expect(run.stdout).toMatch(/^\[en\] \d+ resources in 3 subscriptions/m);
    expect(run.stdout).toMatch(/^\[ja\] サブスクリプション 3 件/m);
    expect(run.stdout).toContain("redis-cart-prod");
    expect(run.stdout).toContain("legacy-archive");
  }, 90_000);

  it("refuses to serve unauthenticated on a non-loopback address", async () => {
    const run = await runBin(["serve", "--host", "0.0.0.0", "--port", "0"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("Refusing to listen on 0.0.0.0 without MicrosoftAppId");
  }, 60_000);

  it("with a MultiTenant MicrosoftAppId and no allowed tenant, refuses to start and names both settings, in the reader's language", async () => {
    const teams = { MicrosoftAppId: "3f2a0000-0000-4000-a000-00000000abcd", MicrosoftAppPassword: "pw-not-logged", TLSBOT_ARM_ENDPOINT: "https://127.0.0.1:1", TLSBOT_ARM_TOKEN: "static-test-token" };
    const en = await runBin(["serve", "--port", "0"], teams);
    expect(en.code).toBe(2);
    expect(en.stdout).not.toMatch(/listening on/);
    expect(en.stderr).toMatch(/^Invalid configuration: TLSBOT_TEAMS_TENANTS — .*MicrosoftAppTenantId.*TLSBOT_TEAMS_TENANTS/);
    const ja = await runBin(["serve", "--port", "0"], { ...teams, LANG: "ja_JP.UTF-8" });
    expect(ja.code).toBe(2);
    expect(ja.stderr).toMatch(/^設定が正しくありません: TLSBOT_TEAMS_TENANTS — .*MicrosoftAppTenantId.*TLSBOT_TEAMS_TENANTS/);
    expect(`${en.stderr}${ja.stderr}`).not.toContain("pw-not-logged");
  }, 60_000);

  it("with a MicrosoftAppId, answers unauthenticated requests 401 and logs them as single JSON lines", async () => {
    const statuses: number[] = [];
    const bodies: string[] = [];
    const run = await runBin(["serve", "--port", "0"], {
      MicrosoftAppId: "3f2a0000-0000-4000-a000-00000000abcd", MicrosoftAppPassword: "pw-not-logged", TLSBOT_TEAMS_TENANTS: "72f988bf-0000-4000-a000-0000000000aa",
      // Azure calls (schedules, Service Health) go to a closed loopback port, never off this machine.
      TLSBOT_ARM_ENDPOINT: "https://127.0.0.1:1", TLSBOT_ARM_TOKEN: "static-test-token",
    }, async (url) => {
      const activity = { type: "message", channelId: "msteams", serviceUrl: "https://smba.trafficmanager.net/amer/", from: { id: "u" }, recipient: { id: "b" }, conversation: { id: "c" }, text: "hi" };
      for (const authorization of [undefined, "Bearer not.a.jwt", "Basic abc"]) {
        const res = await fetch(`${url}/api/messages`, { method: "POST", headers: { "content-type": "application/json", ...(authorization ? { authorization } : {}) }, body: JSON.stringify(activity) });
        statuses.push(res.status);
        bodies.push(await res.text());
      }
    });
    expect(run.code).toBe(0);
    expect(statuses).toEqual([401, 401, 401]);
    for (const b of bodies) expect(JSON.parse(b)).toEqual({ error: "unauthorized" });
    const lines = run.stderr.split("\n").filter((l) => l.trim() !== "");
    expect(lines.length).toBeGreaterThanOrEqual(3);
    for (const line of lines) expect(() => JSON.parse(line), line).not.toThrow();
    expect(run.stderr).not.toContain("pw-not-logged");
  }, 90_000);

  it("serve in local mode loads botbuilder on the first /api/messages request, not at start, and that request is served", async () => {
    const modulesFile = join(freshDataDir("tlsbot-modules-"), "modules.txt");
    dirs.push(join(modulesFile, ".."));
    const loaded = () => (existsSync(modulesFile) ? readFileSync(modulesFile, "utf8") : "");
    const botbuilder = /\/node_modules\/(botbuilder|botframework-connector|@slack\/bolt)\//;
    let atStart = "";
    let afterFirst = "";
    let answer: { status: number; body: unknown } | null = null;
    const run = await runBin(["serve", "--port", "0"], {
      TLSBOT_TEST_MODULES_FILE: modulesFile, TLSBOT_ARM_ENDPOINT: "https://127.0.0.1:1", TLSBOT_ARM_TOKEN: "static-test-token",
    }, async (url) => {
      expect((await fetch(`${url}/healthz`)).status).toBe(200);
      atStart = loaded();
      // Not an activity: the real Teams route (loaded now) refuses it with its own message.
      const res = await fetch(`${url}/api/messages`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
      answer = { status: res.status, body: await res.json() };
      afterFirst = loaded();
    }, ["--import", "./test/support/record-modules.mjs"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Local mode \(no MicrosoftAppId\)/);
    expect(atStart).toContain("/serve-command.js");
    expect(atStart).not.toMatch(botbuilder);
    expect(answer).toEqual({ status: 400, body: { error: "the activity has no type" } });
    expect(afterFirst).toMatch(/\/node_modules\/botbuilder\//);
    expect(afterFirst).not.toMatch(/\/node_modules\/@slack\/bolt\//);
  }, 90_000);

  it("prints localized help", async () => {
    const run = await runBin(["--help"], { LANG: "ja_JP.UTF-8" });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/[ぁ-んァ-ヶ一-龠]/);
    expect(run.stdout).toContain("scan");
  }, 60_000);
});
