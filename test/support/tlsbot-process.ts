import { spawn, type ChildProcess } from "node:child_process";

/** The environment of a test's tlsbot process: nothing of the developer's TLSBOT_/AZURE_/Slack/Teams settings leaks in. */
export function cleanEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(TLSBOT_|AZURE_|SLACK_|Microsoft|PORT$)/.test(k)));
  return { ...clean, LANG: "en_US.UTF-8", ...env };
}

export interface ServeProcess {
  readonly child: ChildProcess;
  /** `http://127.0.0.1:PORT` */
  readonly url: string;
  readonly port: number;
  stdout(): string;
  stderr(): string;
  /** SIGKILL: no shutdown code runs, nothing is flushed or released. */
  kill9(): Promise<void>;
  /** SIGTERM, as Ctrl+C: resolves with the exit code, or "hung" (then SIGKILLed) when it has not exited within `timeoutMs`. */
  stop(timeoutMs?: number): Promise<number | null | "hung">;
}

const exited = (child: ChildProcess) => new Promise<void>((resolve) => {
  if (child.exitCode !== null || child.signalCode !== null) resolve();
  else child.once("exit", () => resolve());
});

/** `node bin/tlsbot.js serve --port PORT`; resolves once it listens. */
export function startServe(env: NodeJS.ProcessEnv, port = 0, timeoutMs = 60_000): Promise<ServeProcess> {
  const child = spawn(process.execPath, ["bin/tlsbot.js", "serve", "--port", String(port)], { env, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  let err = "";
  child.stdout.on("data", (c: Buffer) => (out += c.toString()));
  child.stderr.on("data", (c: Buffer) => (err += c.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`serve did not listen within ${timeoutMs} ms; stdout: ${out}; stderr: ${err}`));
    }, timeoutMs);
    const onData = () => {
      const url = /listening on (http:\/\/127\.0\.0\.1:(\d+))/.exec(out);
      if (!url) return;
      clearTimeout(timer);
      child.stdout.off("data", onData);
      resolve({
        child, url: url[1]!, port: Number(url[2]),
        stdout: () => out, stderr: () => err,
        async kill9() {
          child.kill("SIGKILL");
          await exited(child);
        },
        async stop(timeoutMs = 20_000) {
          child.kill("SIGTERM");
          let timer: NodeJS.Timeout | undefined;
          const hung = await Promise.race([exited(child).then(() => false), new Promise<boolean>((r) => (timer = setTimeout(() => r(true), timeoutMs)))]);
          clearTimeout(timer);
          if (!hung) return child.exitCode;
          child.kill("SIGKILL");
          await exited(child);
          return "hung";
        },
      });
    };
    child.stdout.on("data", onData);
    child.once("exit", (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`serve exited (${code ?? signal}) before listening; stdout: ${out}; stderr: ${err}`));
    });
  });
}

/** One CLI command to completion. */
export function runCli(args: readonly string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ["bin/tlsbot.js", ...args], { env, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (c: Buffer) => (stdout += c.toString()));
  child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
  return new Promise((resolve) => child.once("exit", (code) => resolve({ code, stdout, stderr })));
}
