import type { SimRequest, SimResponse } from "./sim-http.ts";
import { armError } from "./sim-http.ts";

export type FaultKind =
  /** 429 with Retry-After (the SDK retries it up to 3 times). */
  | "throttle"
  /** 429 without Retry-After (the SDK gives up at once). */
  | "throttle-no-header"
  | "server-error"
  /** 503 with Retry-After. */
  | "unavailable"
  /** 200 whose body is cut off mid-JSON. */
  | "malformed-json"
  /** Never answers (until the simulator closes): for timeouts. */
  | "hang"
  | "forbidden"
  /** 401 as ARM answers a token past its expiry. */
  | "expired-token"
  /** The connection is reset before any answer (the SDK retries it as a transient network error). */
  | "reset"
  /** Headers and half the body of the real answer, then the connection is reset. */
  | "reset-mid-body"
  /** The real answer with a nextLink pointing at the page itself. */
  | "next-link-loop"
  /** The real answer padded to `hugeBytes` (default 50 MB) with a field clients ignore. */
  | "huge-body"
  /**
   * 200 with no Content-Length and a body that never ends (`{"value":[` then blanks, written as fast as
   * the client takes them) until the client closes the connection: only a client that counts what
   * arrives can stop it.
   */
  | "endless-body"
  /** 400 as ARM refuses a write it will not make (e.g. a TLS version the service no longer accepts). */
  | "bad-request";

export interface Fault {
  readonly kind: FaultKind;
  readonly match?: {
    readonly method?: string;
    /** Substring of the path (case-insensitive) or a regular expression over `path?query`. */
    readonly path?: string | RegExp;
  };
  /** How many matching requests get the fault; default: all of them. */
  readonly times?: number;
  readonly retryAfterSeconds?: number;
  readonly hugeBytes?: number;
}

interface ActiveFault { fault: Fault; left: number }

export class FaultBook {
  private readonly active: ActiveFault[] = [];

  add(faults: readonly Fault[]): void {
    for (const fault of faults) this.active.push({ fault, left: fault.times ?? Number.POSITIVE_INFINITY });
  }

  clear(): void {
    this.active.length = 0;
  }

  /** The first live fault matching the request, consumed by one. */
  take(req: SimRequest): Fault | null {
    const target = `${req.path}?${req.query.toString()}`;
    for (const a of this.active) {
      if (a.left <= 0) continue;
      const m = a.fault.match;
      if (m?.method && m.method.toUpperCase() !== req.method) continue;
      if (m?.path !== undefined) {
        const hit = typeof m.path === "string" ? req.path.toLowerCase().includes(m.path.toLowerCase()) : m.path.test(target);
        if (!hit) continue;
      }
      a.left -= 1;
      return a.fault;
    }
    return null;
  }
}

/**
 * The response a fault produces; `null` for `hang`, which the server handles by not answering. Resets,
 * nextLink loops and padded answers need the connection or the real answer: the server handles them.
 */
export function faultResponse(fault: Fault): SimResponse | null {
  const retry = String(fault.retryAfterSeconds ?? 0);
  switch (fault.kind) {
    case "throttle":
      return armError(429, "TooManyRequests", "The request is being throttled.", { "retry-after": retry });
    case "throttle-no-header":
      return armError(429, "TooManyRequests", "The request is being throttled.");
    case "server-error":
      return armError(500, "InternalServerError", "An internal server error occurred (injected).");
    case "unavailable":
      return armError(503, "ServiceUnavailable", "The service is temporarily unavailable (injected).", { "retry-after": retry });
    case "malformed-json":
      return { status: 200, body: '{"value":[{"id":"/subscriptions/', headers: {} };
    case "expired-token":
      return armError(401, "ExpiredAuthenticationToken", "The access token expiry UTC time is earlier than current UTC time (injected).");
    case "forbidden":
      return armError(403, "AuthorizationFailed", "The client does not have authorization to perform this action (injected).");
    case "bad-request":
      return armError(400, "BadRequest", "Invalid value for minimumTlsVersion: the requested change is not allowed for this resource (injected).");
    case "hang":
    case "reset":
    case "reset-mid-body":
    case "next-link-loop":
    case "huge-body":
    case "endless-body":
      return null;
  }
}
