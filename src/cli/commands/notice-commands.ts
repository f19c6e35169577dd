import { readFile } from "node:fs/promises";
import { effectiveRetirements } from "../../catalog/effective-retirements.ts";
import { isTlsbotError, TlsbotError } from "../../domain/errors.ts";
// The mail parser and the sources (MIME decoders, IMAP, Graph, Azure) load only in the commands that use them.
import type { IngestOptions as NoticeIngestOptions, IngestResult } from "../../notices/ingest/ingest-message.ts";
import type { SourceKind } from "../../notices/sources/source-kinds.ts";
import { loadConfig } from "../../config/load-config.ts";
import { translator } from "../../render/i18n.ts";
import type { NoticeStatus } from "../../store/store.ts";
import { EXIT, type CliContext } from "../cli-io.ts";
import { noticeLine, parsedJson, parsedText, retirementLines } from "../output/notice-report.ts";
import { setAsideLines } from "../output/set-aside-lines.ts";
import { openRuntime } from "../runtime.ts";
import { resolve } from "node:path";
import { fileProblemOf } from "../../domain/file-problem.ts";


const errorText = (err: unknown, t: ReturnType<typeof translator>) =>
  isTlsbotError(err) ? t(`errors:${err.code}`, err.params) : t("errors:unexpected", { message: (err as Error).message });

/** `tlsbot parse-email FILE…`: reads each file, stores nothing. A file that cannot be read is reported and the rest go on. */
export async function parseEmailCommand(ctx: CliContext, files: readonly string[], opts: { json?: boolean | undefined }): Promise<number> {
  const t = translator(ctx.lang);
  const config = loadConfig(ctx.env, ctx.cwd);
  const out: Record<string, unknown>[] = [];
  let failed = 0;
  const [{ whyNotAMail }, { parseNotice }] = await Promise.all([import("../../notices/mime/not-a-mail.ts"), import("../../notices/parse-notice.ts")]);
  for (const file of files) {
    try {
      const bytes = new Uint8Array(await readFile(resolve(ctx.cwd, file)).catch((err: NodeJS.ErrnoException) => {
        throw new TlsbotError("noticeUnreadable", { file, ...fileProblemOf(err) });
      }));
      // An empty file or an image would otherwise "parse" into a notice that finds nothing, and exit 0.
      const notMail = whyNotAMail(bytes);
      if (notMail) throw new TlsbotError(notMail === "empty" ? "noticeEmpty" : "noticeNotMail", { file });
      const n = await parseNotice(bytes, { trustedSenders: config.mail.trustedSenders, maxBytes: config.mail.maxBytes });
      if (opts.json) out.push(parsedJson(file, n));
      else ctx.stdout.write(`${parsedText(file, n, t)}\n\n`);
    } catch (err) {
      failed++;
      const message = errorText(err, t);
      if (opts.json) out.push({ file, error: { code: isTlsbotError(err) ? err.code : "unexpected", message } });
      else ctx.stderr.write(`${file}: ${message}\n`);
    }
  }
  if (opts.json) ctx.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
  return failed > 0 ? EXIT.failed : EXIT.ok;
}

export interface IngestOptions {
  readonly from?: SourceKind | undefined;
  readonly retry?: boolean | undefined;
  readonly json?: boolean | undefined;
  readonly now?: string | undefined;
  readonly watch?: boolean | undefined;
}

/** `tlsbot ingest FILE|DIR…` or `--from SOURCE`: what the mail sources do, once. */
export async function ingestCommand(ctx: CliContext, paths: readonly string[], opts: IngestOptions): Promise<number> {
  const t = translator(ctx.lang);
  if (paths.length === 0 && !opts.from && !opts.retry && !opts.watch) throw new TlsbotError("nothingToIngest");
  const runtime = await openRuntime(ctx, { now: opts.now });
  const [{ ingestMessage, retryFailedNotices }, { configuredSources }, { expandNoticePaths }, { pollSources }] = await Promise.all([
    import("../../notices/ingest/ingest-message.ts"), import("../../notices/sources/configured-sources.ts"),
    import("../../notices/sources/files/read-notice-files.ts"), import("../../notices/sources/poll-sources.ts"),
  ]);
  try {
    const options = { trustedSenders: runtime.config.mail.trustedSenders, maxBytes: runtime.config.mail.maxBytes, deadlineChanges: runtime.config.mail.deadlineChanges, now: runtime.now };
    if (opts.watch) return await watch(ctx, runtime, opts.from, options);
    const rows: Array<{ file: string; result: IngestResult | null; error: string | null }> = [];
    let sourceFailures = 0;
    if (paths.length > 0) {
      // A path or folder that cannot be read is a row of its own; the mails beside it are still ingested.
      const unreadable = (file: string, err: unknown) => rows.push({ file, result: null, error: errorText(new TlsbotError("noticeUnreadable", { file, ...fileProblemOf(err) }), t) });
      const files = await expandNoticePaths(paths.map((p) => resolve(ctx.cwd, p)), [], unreadable);
      if (files.length === 0 && rows.length === 0) ctx.stderr.write(`${t("notices:ingest.noFiles", { path: paths.join(" ") })}\n`);
      const { whyNotAMail } = await import("../../notices/mime/not-a-mail.ts");
      for (const file of files) {
        try {
          const bytes = new Uint8Array(await readFile(file).catch((err: unknown) => {
            throw new TlsbotError("noticeUnreadable", { file, ...fileProblemOf(err) });
          }));
          // An empty file (a mail still being saved) or an image is not a notice to record as "ignored": it is reported,
          // as parse-email reports it, and left where it is for when the real mail is there.
          const notMail = whyNotAMail(bytes);
          if (notMail) throw new TlsbotError(notMail === "empty" ? "noticeEmpty" : "noticeNotMail", { file });
          rows.push({ file, result: await ingestMessage(runtime.store, { bytes, source: `file:${file}`, receivedAt: runtime.now().toISOString() }, options), error: null });
        } catch (err) {
          rows.push({ file, result: null, error: errorText(err, t) });
        }
      }
    }
    if (opts.from) {
      const round = await pollSources(configuredSources(runtime.config, () => runtime.clients, opts.from), { store: runtime.store, options });
      for (const p of round.polled) {
        for (const r of p.results) rows.push({ file: r.notice.source, result: r, error: null });
        // Neither is a failure: nothing was lost, and the person who dropped the file learns what became of it.
        for (const line of setAsideLines(p, t, { waiting: true })) ctx.stderr.write(`${line}\n`);
      }
      for (const f of round.failures) {
        sourceFailures++;
        ctx.stderr.write(`${t(`errors:${f.code}`, f.params)}\n`);
      }
    } else if (opts.retry) {
      const retried = await retryFailedNotices(runtime.store, options);
      if (!opts.json) ctx.stderr.write(`${t("notices:ingest.retried", { count: retried })}\n`);
    }
    const count = (s: NoticeStatus) => rows.filter((r) => r.result && !r.result.duplicate && r.result.notice.status === s).length;
    const summary = {
      total: rows.length, applied: count("applied"), triage: count("triage"), ignored: count("ignored"),
      duplicate: rows.filter((r) => r.result?.duplicate).length, failed: count("failed") + rows.filter((r) => r.error).length,
      // Files not read at all are not stored, so not "kept for retry": they are read again when ingested again.
      unreadable: rows.filter((r) => r.error).length,
    };
    if (opts.json) {
      ctx.stdout.write(`${JSON.stringify({
        summary,
        notices: rows.map((r) => ({
          file: r.file, id: r.result?.notice.id ?? null, status: r.error ? "error" : r.result?.duplicate ? "duplicate" : r.result?.notice.status,
          reason: r.result?.notice.reason ?? null, retirementIds: r.result?.notice.retirementIds ?? [], error: r.error ?? r.result?.notice.lastError ?? null,
        })),
      }, null, 2)}\n`);
    } else {
      for (const r of rows) {
        if (r.error) {
          ctx.stdout.write(`${r.error.includes(r.file) ? r.error : t("notices:ingest.lineError", { file: r.file, error: r.error })}\n`);
          continue;
        }
        const status = r.error ? r.error : r.result?.duplicate ? t("notices:status.ignored") : t(`notices:status.${r.result?.notice.status ?? "failed"}`);
        const reason = r.error ? "" : r.result?.duplicate ? t("notices:ingest.duplicate") : r.result?.notice.reason ? t(`notices:reason.${r.result.notice.reason}`, { defaultValue: r.result.notice.reason }) : "";
        ctx.stdout.write(`${t(reason ? "notices:ingest.line" : "notices:ingest.lineNoReason", { file: r.file, status, reason })}\n`);
      }
      ctx.stdout.write(`${t("notices:ingest.summary", { ...summary, failed: summary.failed - summary.unreadable, count: summary.total })}\n`);
      if (summary.unreadable > 0) ctx.stdout.write(`${t("notices:ingest.unreadable", { count: summary.unreadable })}\n`);
    }
    return summary.failed > 0 || sourceFailures > 0 ? EXIT.failed : EXIT.ok;
  } finally {
    await runtime.close();
  }
}

async function watch(ctx: CliContext, runtime: Awaited<ReturnType<typeof openRuntime>>, from: SourceKind | undefined, options: NoticeIngestOptions): Promise<number> {
  const t = translator(ctx.lang);
  const [{ configuredSources }, { watchSources }] = await Promise.all([import("../../notices/sources/configured-sources.ts"), import("../../notices/sources/watch-sources.ts")]);
  const sources = configuredSources(runtime.config, () => runtime.clients, from);
  if (sources.length === 0) throw new TlsbotError("mailSourceNotConfigured", { source: "*", settings: "TLSBOT_DROP_DIR / TLSBOT_IMAP_HOST / TLSBOT_GRAPH_MAIL_USER" });
  const stop = new AbortController();
  const onSignal = () => stop.abort();
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  ctx.stderr.write(`${t("notices:ingest.watching", { sources: sources.map((s) => s.name).join(", "), seconds: runtime.config.mail.pollSeconds })}\n`);
  try {
    await watchSources(sources, { store: runtime.store, options, signal: stop.signal }, runtime.config.mail.pollSeconds * 1000, (round) => {
      for (const p of round.polled) {
        for (const r of p.results) if (!r.duplicate) ctx.stdout.write(`${noticeLine(r.notice, t)}\n`);
        // A file still being written is the watcher's own business: it reads it at a later poll.
        for (const line of setAsideLines(p, t, { waiting: false })) ctx.stderr.write(`${line}\n`);
      }
      for (const f of round.failures) ctx.stderr.write(`${t(`errors:${f.code}`, f.params)}\n`);
    });
  } finally {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
  }
  return EXIT.ok;
}

/** `tlsbot notices`: stored notices (newest first) and the retirements they drive. */
export async function noticesCommand(ctx: CliContext, opts: { json?: boolean | undefined; status?: NoticeStatus | undefined; now?: string | undefined; demo?: boolean | undefined }): Promise<number> {
  const t = translator(ctx.lang);
  const runtime = await openRuntime(ctx, { now: opts.now, azure: false, demo: opts.demo ?? false });
  try {
    const notices = await runtime.store.listNotices({ limit: 200, ...(opts.status ? { status: [opts.status] } : {}) });
    const retirements = effectiveRetirements(await runtime.store.listRetirements());
    if (opts.json) {
      ctx.stdout.write(`${JSON.stringify({
        notices: notices.map((n) => ({ id: n.id, messageKey: n.messageKey, source: n.source, receivedAt: n.receivedAt, status: n.status, reason: n.reason, attempts: n.attempts, lastError: n.lastError, retirementIds: n.retirementIds, subject: n.parsed?.["subject"] ?? null, deadline: n.parsed?.["deadline"] ?? null, deadlineCandidates: n.parsed?.["deadlineCandidates"] ?? [], trackingId: n.parsed?.["trackingId"] ?? null })),
        retirements: retirements.map((r) => ({ id: r.id, deadline: r.deadline, source: r.source, resourceTypes: r.resourceTypes, trackingIds: r.data["trackingIds"] ?? [], deadlines: r.data["deadlines"] ?? [], checklist: r.data["checklist"] ?? [], evidence: r.data["evidence"] ?? [] })),
      }, null, 2)}\n`);
      return EXIT.ok;
    }
    ctx.stdout.write(`${t("notices:list.noticesTitle", { count: notices.length })}\n`);
    if (notices.length === 0) ctx.stdout.write(`  ${t("notices:list.noNotices")}\n`);
    for (const n of notices) ctx.stdout.write(`  ${noticeLine(n, t)}\n`);
    ctx.stdout.write(`\n${t("notices:list.retirementsTitle", { count: retirements.length })}\n`);
    for (const r of retirements) for (const line of retirementLines(r, t)) ctx.stdout.write(`  ${line}\n`);
    return EXIT.ok;
  } finally {
    await runtime.close();
  }
}

/**
 * `tlsbot accept-notice ID --as NAME [--deadline YYYY-MM-DD]`: applies a notice held for review, audited under NAME,
 * with the day the operator read in it when the reader found none it could trust.
 */
export async function acceptNoticeCommand(ctx: CliContext, id: string, opts: { as?: string | undefined; deadline?: string | undefined; json?: boolean | undefined; demo?: boolean | undefined }): Promise<number> {
  const t = translator(ctx.lang);
  // Digits only, as `tlsbot notices` prints them: Number() would read "1e3" or "0x10" as another notice's id, and an id
  // past what the database holds reached it as a raw SQL error.
  if (!/^[1-9]\d{0,14}$/.test(id)) throw new TlsbotError("invalidArgument", { option: "ID", value: id });
  const noticeId = Number(id);
  const actor = `cli:${opts.as ?? ctx.env["USER"] ?? "operator"}`;
  const runtime = await openRuntime(ctx, { azure: false, demo: opts.demo ?? false });
  const { acceptTriagedNotice } = await import("../../notices/ingest/ingest-message.ts");
  try {
    const r = await acceptTriagedNotice(runtime.store, noticeId, actor, { trustedSenders: runtime.config.mail.trustedSenders, maxBytes: runtime.config.mail.maxBytes, now: runtime.now, deadline: opts.deadline });
    if (opts.json) ctx.stdout.write(`${JSON.stringify({ id: r.notice.id, status: r.notice.status, reason: r.notice.reason, retirementIds: r.notice.retirementIds }, null, 2)}\n`);
    else ctx.stdout.write(`${noticeLine(r.notice, t)}\n`);
    return r.notice.status === "applied" ? EXIT.ok : EXIT.failed;
  } finally {
    await runtime.close();
  }
}
