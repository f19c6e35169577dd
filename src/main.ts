import { runCli } from "./cli/run-cli.ts";

/** Composition root: the only place that reads process.env, cwd and the standard streams. */
export async function main(): Promise<number> {
  return runCli(process.argv.slice(2), {
    env: process.env,
    cwd: process.cwd(),
    stdout: process.stdout,
    stderr: process.stderr,
  });
}
