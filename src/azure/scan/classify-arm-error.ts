import type { ScanError } from "../../store/store.ts";

/** Stable codes in `scan --json` errors; each is also the locale key `scanErrors.<code>`. */
export type ScanErrorCode =
  | "forbidden" | "not-found" | "throttled" | "timeout" | "server-error"
  | "malformed-response" | "paging-loop" | "response-too-large" | "unreachable" | "auth-failed" | "failed";

interface ErrorLike { name?: unknown; code?: unknown; statusCode?: unknown; message?: unknown }

/** Maps an SDK/credential/network error to a stable code; never throws, never keeps a stack. */
export function classifyArmError(err: unknown, timedOut: boolean): { code: ScanErrorCode; detail: string } {
  const e = (err && typeof err === "object" ? err : {}) as ErrorLike;
  const detail = typeof e.message === "string" ? e.message.split("\n")[0]!.slice(0, 300) : String(err).slice(0, 300);
  const status = typeof e.statusCode === "number" ? e.statusCode : undefined;
  const code = typeof e.code === "string" ? e.code : "";
  const name = typeof e.name === "string" ? e.name : "";
  if (code === "PAGING_LOOP") return { code: "paging-loop", detail };
  if (code === "RESPONSE_TOO_LARGE") return { code: "response-too-large", detail };
  if (timedOut || name === "AbortError" || name === "TimeoutError") return { code: "timeout", detail };
  if (name === "CredentialUnavailableError" || name === "AuthenticationError" || name === "AggregateAuthenticationError" || status === 401)
    return { code: "auth-failed", detail };
  if (status === 403) return { code: "forbidden", detail };
  if (status === 404) return { code: "not-found", detail };
  if (status === 429) return { code: "throttled", detail };
  if (status !== undefined && status >= 500) return { code: "server-error", detail };
  // A body cut off in transit (retries exhausted) is a network failure, not a malformed answer.
  if (/^Error reading response as text/i.test(detail) || code === "ECONNRESET") return { code: "unreachable", detail };
  if (code === "PARSE_ERROR" || err instanceof SyntaxError) return { code: "malformed-response", detail };
  if (code === "REQUEST_SEND_ERROR" || /ECONNREFUSED|ENOTFOUND|ECONNRESET|EHOSTUNREACH|ETIMEDOUT|certificate/i.test(`${code} ${detail}`))
    return { code: "unreachable", detail };
  return { code: "failed", detail };
}

export function scanError(subscriptionId: string, err: unknown, timedOut = false): ScanError {
  const { code, detail } = classifyArmError(err, timedOut);
  return { subscriptionId, code, message: detail };
}
