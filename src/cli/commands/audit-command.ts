import { TlsbotError } from "../../domain/errors.ts";
import { translator } from "../../render/i18n.ts";
import { EXIT, type CliContext } from "../cli-io.ts";
import { auditLine } from "../output/approval-report.ts";
import { openRuntime } from "../runtime.ts";
import { limitOption } from "./approvals-command.ts";

export interface AuditOptions {
  readonly json?: boolean | undefined;
  readonly limit?: string | undefined;
  readonly resource?: string | undefined;
  /** The demo's own store (`tlsbot demo`, `npm start` unconfigured). */
  readonly demo?: boolean | undefined;
}

/** `tlsbot audit [--resource ID] [--limit N] [--json]`: the append-only audit trail, newest first. */
export async function auditCommand(ctx: CliContext, opts: AuditOptions): Promise<number> {
  const t = translator(ctx.lang);
  const limit = limitOption(opts.limit, 100);
  const resource = opts.resource?.trim();
  // Audit targets are ARM ids; a name or a typo would silently match nothing.
  if (resource !== undefined && !/^\/subscriptions\/[^/]+/i.test(resource)) throw new TlsbotError("invalidArgument", { option: "--resource", value: resource.slice(0, 200) });
  const runtime = await openRuntime(ctx, { azure: false, demo: opts.demo ?? false });
  try {
    // ARM ids are case-insensitive; the store compares them so.
    const entries = await runtime.store.listAudit(limit, resource ? { target: resource } : {});
    if (opts.json) {
      ctx.stdout.write(`${JSON.stringify({ resource: resource ?? null, entries }, null, 2)}\n`);
      return EXIT.ok;
    }
    if (resource) ctx.stdout.write(`${t(entries.length ? "cli:audit.forResource" : "cli:audit.emptyForResource", { resource })}\n`);
    else if (entries.length === 0) ctx.stdout.write(`${t("cli:audit.empty")}\n`);
    for (const e of entries) ctx.stdout.write(`${auditLine(e, t, ctx.lang, !resource)}\n`);
    return EXIT.ok;
  } finally {
    await runtime.close();
  }
}
