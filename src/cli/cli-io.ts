import type { Lang } from "../render/i18n.ts";

export interface OutputStream {
  write(chunk: string): unknown;
  readonly isTTY?: boolean | undefined;
}

/** What a CLI command may touch: injected so tests run commands in-process. */
export interface CliIo {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  readonly stdout: OutputStream;
  readonly stderr: OutputStream;
}

export interface CliContext extends CliIo {
  readonly lang: Lang;
  /** Set when the user chose the language with --lang (or TLSBOT_LANG), not inferred from the locale. */
  readonly explicitLang?: Lang | undefined;
}

/** Exit codes: 0 done (possibly with per-subscription errors), 1 nothing could be done, 2 bad usage/config. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;
