/** ARM's answer to a failed write, as the card and the audit log show it (code and message, no stack). */
export interface ArmFailure {
  readonly code: string;
  readonly message: string;
  readonly status: number | null;
}

export function armFailureOf(err: unknown): ArmFailure {
  const e = err as { code?: unknown; message?: unknown; statusCode?: unknown; details?: { error?: { code?: unknown; message?: unknown } } };
  const code = typeof e.details?.error?.code === "string" ? e.details.error.code : typeof e.code === "string" ? e.code : "UnknownError";
  const raw = typeof e.details?.error?.message === "string" ? e.details.error.message : typeof e.message === "string" ? e.message : String(err);
  // ARM messages are one line; anything longer (a stack, a dump) is cut, never shown whole.
  const message = raw.split("\n", 1)[0]!.slice(0, 500);
  return { code, message, status: typeof e.statusCode === "number" ? e.statusCode : null };
}

/** 412 from IoT Hub: the hub changed since it was read. The user is asked again, nothing is retried. */
export const isPreconditionFailed = (f: ArmFailure) => f.status === 412 || f.code === "PreconditionFailed";
