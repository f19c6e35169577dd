import { spawn, type ChildProcess } from "node:child_process";

/** Runs a TypeScript file in a separate Node process (through tsx), as a second tlsbot process would be. */
export function spawnTs(file: string, args: readonly string[], env: NodeJS.ProcessEnv = {}): ChildProcess {
  return spawn(process.execPath, ["--import", "tsx", file, ...args], {
    stdio: ["pipe", "pipe", "pipe"],
    env: { ...process.env, ...env },
  });
}

/** Resolves with the first stdout line matching `pattern` (or rejects when the process exits first). */
export function waitForLine(child: ChildProcess, pattern: RegExp, timeoutMs = 60_000): Promise<string> {
  return new Promise((resolve, reject) => {
    let buffer = "";
    let stderr = "";
    const timer = setTimeout(() => reject(new Error(`timed out waiting for ${pattern}; stdout: ${buffer}; stderr: ${stderr}`)), timeoutMs);
    child.stderr?.on("data", (c: Buffer) => (stderr += c.toString()));
    child.stdout?.on("data", (c: Buffer) => {
      buffer += c.toString();
      const line = buffer.split("\n").find((l) => pattern.test(l));
      if (line !== undefined) {
        clearTimeout(timer);
        resolve(line);
      }
    });
    child.on("exit", (code) => {
      clearTimeout(timer);
      const line = buffer.split("\n").find((l) => pattern.test(l));
      if (line !== undefined) resolve(line);
      else reject(new Error(`exited with ${code} before ${pattern}; stdout: ${buffer}; stderr: ${stderr}`));
    });
  });
}

export function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve(child.exitCode);
    else child.on("exit", (code) => resolve(code));
  });
}
