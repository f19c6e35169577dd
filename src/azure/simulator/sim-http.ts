import { randomUUID } from "node:crypto";

export interface SimRequest {
  readonly method: string;
  /** Decoded path without the query, as received (case preserved). */
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: unknown;
}

export interface SimResponse {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  /** An object is sent as JSON; a string is sent verbatim (used for malformed-JSON faults). */
  readonly body?: unknown;
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}): SimResponse {
  return { status, body, headers };
}

/** ARM's error envelope. */
export function armError(status: number, code: string, message: string, headers: Record<string, string> = {}): SimResponse {
  return json(status, { error: { code, message, details: [] } }, headers);
}

/** IoT Hub's own error shape: not wrapped in `error`, status repeated as text. */
export function iotHubError(status: number, code: string, httpStatusCode: string, message: string): SimResponse {
  return json(status, { code, httpStatusCode, message, details: null });
}

export function header(req: SimRequest, name: string): string | undefined {
  const v = req.headers[name.toLowerCase()];
  return Array.isArray(v) ? v[0] : v;
}

export function newOperationId(): string {
  return randomUUID();
}

/**
 * ARM list paging: `$skiptoken` is an offset here; the nextLink is absolute and keeps the request's other
 * parameters, which the SDK then requests verbatim.
 */
export function page<T>(items: readonly T[], req: SimRequest, baseUrl: string, pageSize: number): { value: T[]; nextLink?: string } {
  const offset = Math.max(0, Number.parseInt(req.query.get("$skiptoken") ?? "0", 10) || 0);
  const top = Number.parseInt(req.query.get("$top") ?? "", 10);
  const size = Number.isInteger(top) && top > 0 ? Math.min(top, pageSize) : pageSize;
  const value = items.slice(offset, offset + size);
  if (offset + size >= items.length) return { value };
  const next = new URL(baseUrl + req.path);
  for (const [k, v] of req.query) if (k !== "$skiptoken") next.searchParams.set(k, v);
  next.searchParams.set("$skiptoken", String(offset + size));
  return { value, nextLink: next.toString() };
}
