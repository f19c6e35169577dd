import pino, { type Logger } from "pino";
import type { OutputStream } from "../cli/cli-io.ts";
import { redactSecrets } from "../domain/redact.ts";

/** Fields that hold a secret, at the top level or one object down (`{ slack: { botToken } }`). */
const SECRET_FIELDS = [
  "authorization", "cookie", "token", "password", "secret",
  "appPassword", "signingSecret", "botToken", "appToken", "clientSecret", "accessToken", "refreshToken",
  "apiKey", "databaseUrl", "connectionString",
];
const REDACT_PATHS = [
  ...SECRET_FIELDS.flatMap((f) => [f, `*.${f}`]),
  "headers.authorization", "headers.cookie", "*.headers.authorization", "*.headers.cookie",
  // Errors from HTTP clients carry the request they sent, headers and credentials included.
  "err.config", "err.request", "err.response.config", "err.response.request",
];

/** An error as pino serialises it, with any secret its message or stack quotes masked. */
function redactedError(err: Error): Record<string, unknown> {
  const out = pino.stdSerializers.err(err) as unknown as Record<string, unknown>;
  for (const key of ["message", "stack"]) if (typeof out[key] === "string") out[key] = redactSecrets(out[key]);
  return out;
}

/**
 * Structured JSON logs (one line per event) on the given stream — stderr for `serve` — with every field
 * that could carry a secret redacted, and secrets quoted in error messages masked. Event names are stable
 * identifiers for log queries, not prose.
 */
export function createLogger(stream: OutputStream, level = "info"): Logger {
  return pino({
    level,
    base: { app: "tlsbot" },
    redact: { paths: REDACT_PATHS, censor: "[redacted]" },
    serializers: { err: redactedError },
  }, { write: (line: string) => void stream.write(line) });
}

export type { Logger };
