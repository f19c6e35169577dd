import pino, { type Logger } from "pino";
import type { OutputStream } from "../cli/cli-io.ts";

/**
 * Structured JSON logs (one line per event) on the given stream — stderr for `serve` — with every field
 * that could carry a secret redacted. Event names are stable identifiers for log queries, not prose.
 */
export function createLogger(stream: OutputStream, level = "info"): Logger {
  return pino({
    level,
    base: { app: "tlsbot" },
    redact: { paths: ["authorization", "*.authorization", "token", "*.token", "password", "*.password", "secret", "*.secret", "headers.authorization"], censor: "[redacted]" },
    serializers: { err: pino.stdSerializers.err },
  }, { write: (line: string) => void stream.write(line) });
}

export type { Logger };
