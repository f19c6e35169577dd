import { translator } from "../../render/i18n.ts";
import { EXIT, type CliContext } from "../cli-io.ts";
import { openRuntime } from "../runtime.ts";

/** `tlsbot audit [--json]`: the append-only audit trail, newest first. */
export async function auditCommand(ctx: CliContext, opts: { json?: boolean | undefined; limit?: string | undefined }): Promise<number> {
  const t = translator(ctx.lang);
  const limit = Math.min(Math.max(Number(opts.limit ?? 100) || 100, 1), 10_000);
  const runtime = await openRuntime(ctx);
  try {
    const entries = await runtime.store.listAudit(limit);
    if (opts.json) {
      ctx.stdout.write(`${JSON.stringify({ entries }, null, 2)}\n`);
      return EXIT.ok;
    }
    if (entries.length === 0) ctx.stdout.write(`${t("cli:audit.empty")}\n`);
    for (const e of entries) ctx.stdout.write(`${t("cli:audit.line", { seq: e.seq, at: e.at, actor: e.actor, action: e.action, target: e.target ?? "-", detail: JSON.stringify(e.detail) })}\n`);
    return EXIT.ok;
  } finally {
    await runtime.close();
  }
}
