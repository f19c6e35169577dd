import type { ApprovalState } from "../../domain/approval.ts";
import { TlsbotError } from "../../domain/errors.ts";
import { translator } from "../../render/i18n.ts";
import { createSqlApprovalStore } from "../../store/sql-approval-store.ts";
import { EXIT, type CliContext } from "../cli-io.ts";
import { approvalJson, approvalText } from "../output/approval-report.ts";
import { openRuntime } from "../runtime.ts";

const OPEN: readonly ApprovalState[] = ["requested", "awaitingSecond", "applying"];

/** `--limit`: a whole number within bounds; anything else is a usage error rather than a silent default. */
export function limitOption(value: string | undefined, fallback: number, max = 10_000): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > max) throw new TlsbotError("invalidArgument", { option: "--limit", value: value.slice(0, 40) });
  return n;
}

export interface ApprovalsOptions {
  readonly json?: boolean | undefined;
  readonly all?: boolean | undefined;
  readonly limit?: string | undefined;
  /** The demo's own store (`tlsbot demo`, `npm start` unconfigured). */
  readonly demo?: boolean | undefined;
}

/**
 * `tlsbot approvals [--all] [--json]`: upgrade requests waiting for someone or being applied, newest
 * first; `--all` adds the finished ones. Reads the store only: it needs no Azure access and no policy,
 * so it works on a machine that may not approve anything.
 */
export async function approvalsCommand(ctx: CliContext, opts: ApprovalsOptions): Promise<number> {
  const t = translator(ctx.lang);
  const limit = limitOption(opts.limit, 100);
  const runtime = await openRuntime(ctx, { azure: false, demo: opts.demo ?? false });
  try {
    const approvals = await createSqlApprovalStore(runtime.store.exec).list({ ...(opts.all ? {} : { states: OPEN }), limit });
    if (opts.json) {
      ctx.stdout.write(`${JSON.stringify(approvals.map(approvalJson), null, 2)}\n`);
      return EXIT.ok;
    }
    if (approvals.length === 0) {
      ctx.stdout.write(`${t(opts.all ? "cli:approvals.emptyAll" : "cli:approvals.empty")}\n`);
      return EXIT.ok;
    }
    ctx.stdout.write(`${t(opts.all ? "cli:approvals.titleAll" : "cli:approvals.title", { count: approvals.length })}\n\n`);
    ctx.stdout.write(`${approvals.map((a) => approvalText(a, t, ctx.lang, runtime.now())).join("\n\n")}\n`);
    if (approvals.length === limit) ctx.stdout.write(`\n${t("cli:approvals.more", { count: limit })}\n`);
    return EXIT.ok;
  } finally {
    await runtime.close();
  }
}
