import { rmSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/run-cli.ts";
import { freshDataDir } from "../support/data-dir.ts";

/** Several CLI runs on one data directory, as a user runs `tlsbot demo` and then looks around. */
async function session<T>(fn: (run: (argv: readonly string[]) => Promise<{ code: number; stdout: string; stderr: string }>) => Promise<T>): Promise<T> {
  const dataDir = freshDataDir("tlsbot-demo-cli-");
  try {
    return await fn(async (argv) => {
      let stdout = "";
      let stderr = "";
      const code = await runCli(argv, {
        env: { TLSBOT_DATA_DIR: dataDir, LANG: "en_US.UTF-8" }, cwd: dataDir,
        stdout: { write: (c: string) => (stdout += c), isTTY: false }, stderr: { write: (c: string) => (stderr += c), isTTY: false },
      });
      return { code, stdout, stderr };
    });
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

describe("the demo's store from the CLI", () => {
  it("`tlsbot demo` stores the sample notices, and --demo reads them where the user's own store has none", () => session(async (run) => {
    const demo = await run(["demo", "--now", "2026-11-26T03:00:00Z"]);
    expect(demo.code, demo.stderr).toBe(0);
    const own = JSON.parse((await run(["notices", "--json"])).stdout) as { notices: unknown[] };
    expect(own.notices).toEqual([]);
    const notices = await run(["notices", "--demo", "--json"]);
    expect(notices.code, notices.stderr).toBe(0);
    const listed = (JSON.parse(notices.stdout) as { notices: Array<{ status: string; source: string }> }).notices;
    // The forwarded sample mail is held for a person; the advisories come from the simulator's Service Health.
    expect(listed.some((n) => n.status === "triage" && n.source === "drop:demo")).toBe(true);
    expect(listed.length).toBeGreaterThan(1);
    const approvals = await run(["approvals", "--demo", "--json"]);
    expect(approvals.code, approvals.stderr).toBe(0);
    const audit = await run(["audit", "--demo", "--json"]);
    expect(audit.code, audit.stderr).toBe(0);
    const reminders = await run(["reminders", "--demo", "--json", "--now", "2026-11-26T03:00:00Z"]);
    expect(reminders.code, reminders.stderr).toBe(0);
    // The demo's inventory answers from its store without scanning again (no simulator is needed for that).
    const ask = await run(["ask", "--demo", "--json", "--now", "2026-11-26T03:00:00Z", "which caches are below 1.2"]);
    expect((JSON.parse(ask.stdout) as { resources: unknown[] }).resources.length).toBeGreaterThan(0);
  }), 120_000);
});
