import { format } from "node:util";
import type { Logger } from "pino";
import { redactSecrets } from "../domain/redact.ts";

/**
 * Libraries that print on their own (botframework-connector writes whole stack traces with console.error
 * for every rejected token) would break a JSON log into multi-line text. While `serve` runs, console
 * output goes through the logger as one JSON line per call; the returned function restores the console.
 */
export function routeConsoleToLogger(logger: Logger): () => void {
  const saved = { error: console.error, warn: console.warn, log: console.log, info: console.info, debug: console.debug };
  const to = (level: "warn" | "info" | "debug") => (...args: unknown[]) => {
    const err = args.find((a): a is Error => a instanceof Error);
    // The text is formatted here, out of reach of the logger's field redaction: a library printing a
    // request (headers and all) or a connection string would otherwise put the secret in the log as is.
    logger[level]({ source: "console", ...(err ? { err } : {}) }, redactSecrets(format(...args.filter((a) => a !== err)) || (err?.message ?? "")));
  };
  console.error = to("warn");
  console.warn = to("warn");
  console.log = to("info");
  console.info = to("info");
  console.debug = to("debug");
  return () => Object.assign(console, saved);
}
