import { rmSync } from "node:fs";
import { runCli } from "../../src/cli/run-cli.ts";
import { freshDataDir } from "../support/data-dir.ts";

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the CLI in-process with its own data directory and only the environment given. */
export async function cli(argv: readonly string[], env: Record<string, string> = {}): Promise<CliRun> {
  const dataDir = freshDataDir("tlsbot-cli-");
  let stdout = "";
  let stderr = "";
  try {
    const code = await runCli(argv, {
      env: { TLSBOT_DATA_DIR: dataDir, LANG: "en_US.UTF-8", ...env },
      cwd: dataDir,
      stdout: { write: (c: string) => (stdout += c), isTTY: false },
      stderr: { write: (c: string) => (stderr += c), isTTY: false },
    });
    return { code, stdout, stderr };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
