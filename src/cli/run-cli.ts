import { Command, CommanderError, InvalidArgumentError, Option } from "commander";
import { isTlsbotError } from "../domain/errors.ts";
import { redactSecrets } from "../domain/redact.ts";
import { detectLang, translator } from "../render/i18n.ts";
import type { TFunction } from "i18next";
import { EXIT, type CliContext, type CliIo } from "./cli-io.ts";
// Commands are imported when they run: `--help` or `ask` must not load the Azure SDKs, Teams, Slack or IMAP.
import type { ServeOptions } from "./commands/serve-command.ts";
import type { scanCommand } from "./commands/scan-command.ts";
import type { AuditOptions } from "./commands/audit-command.ts";
import type { ApprovalsOptions } from "./commands/approvals-command.ts";
import type { IngestOptions } from "./commands/notice-commands.ts";
import { SOURCE_KINDS } from "../notices/sources/source-kinds.ts";
import type { NoticeStatus } from "../store/store.ts";
import { localizedHelp } from "./localized-help.ts";
import { KIND_IDS } from "../azure/kinds/registry.ts";

/** Marks an argument parser's message as a `cli:error.hint.*` key rather than text: commander's messages are English. */
const HINT = "hint:";

/**
 * A repeatable option restricted to `allowed`. Commander's `.choices()` check is its argument parser, so a collecting
 * parser set after it would let any value through; this one checks, then collects. The message is commander's own
 * wording for choices, which `reportError` reads the allowed values from.
 */
const collectOneOf = (allowed: readonly string[]) => (value: string, previous: string[] = []) => {
  if (!allowed.includes(value)) throw new InvalidArgumentError(`Allowed choices are ${allowed.join(", ")}.`);
  return [...previous, value];
};

// An ARM subscription id is a GUID; anything else would only come back from Azure as "not found" after a sign-in.
const SUBSCRIPTION_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const collectSubscription = (value: string, previous: string[] = []) => {
  if (!SUBSCRIPTION_ID.test(value.trim())) throw new InvalidArgumentError(`${HINT}subscriptionId`);
  return [...previous, value.trim()];
};

function buildProgram(ctx: CliContext, t: TFunction, setExit: (code: number) => void): Command {
  const program = new Command("tlsbot")
    .description(t("cli:description"))
    .addOption(new Option("--lang <lang>", t("cli:option.lang")).choices(["ja", "en"]))
    .helpOption("-h, --help", t("cli:option.help"))
    .helpCommand("help [command]", t("cli:command.help"))
    .configureOutput({ writeOut: (s) => ctx.stdout.write(s), writeErr: (s) => ctx.stderr.write(s), outputError: () => {} })
    .configureHelp(localizedHelp(t))
    .exitOverride()
    .showSuggestionAfterError(false);

  program
    .command("demo", { isDefault: false })
    .description(t("cli:command.demo"))
    .option("--now <iso>", t("cli:option.now"))
    .action(async (opts: { now?: string }) => setExit(await (await import("./commands/demo-command.ts")).demoCommand(ctx, opts)));

  program
    .command("scan")
    .description(t("cli:command.scan"))
    .addOption(new Option("--source <source>", t("cli:option.source")).choices(["arm", "graph"]))
    .option("--subscription <id>", t("cli:option.subscription"), collectSubscription)
    .addOption(new Option("--type <kind>", t("cli:option.type")).choices([...KIND_IDS]).argParser(collectOneOf(KIND_IDS) as (v: string, p: unknown) => unknown))
    .option("--json", t("cli:option.json"))
    .option("--now <iso>", t("cli:option.now"))
    .option("--demo", t("cli:option.demo"))
    .action(async (opts: Parameters<typeof scanCommand>[1]) => setExit(await (await import("./commands/scan-command.ts")).scanCommand(ctx, opts)));

  program
    .command("serve")
    .description(t("cli:command.serve"))
    .option("--port <n>", t("cli:option.port"))
    .option("--host <address>", t("cli:option.host"))
    .option("--now <iso>", t("cli:option.now"))
    .action(async (opts: ServeOptions) => setExit(await (await import("./commands/serve-command.ts")).serveCommand(ctx, opts)));

  program
    .command("ask")
    .description(t("cli:command.ask"))
    .argument("<question...>")
    .option("--json", t("cli:option.json"))
    .option("--now <iso>", t("cli:option.now"))
    .option("--demo", t("cli:option.demo"))
    .action(async (words: string[], opts: { json?: boolean; now?: string; demo?: boolean }) => setExit(await (await import("./commands/ask-command.ts")).askCommand(ctx, words.join(" "), opts)));

  program
    .command("parse-email")
    .description(t("cli:command.parse-email"))
    .argument("<files...>")
    .option("--json", t("cli:option.json"))
    .action(async (files: string[], opts: { json?: boolean }) => setExit(await (await import("./commands/notice-commands.ts")).parseEmailCommand(ctx, files, opts)));

  program
    .command("ingest")
    .description(t("cli:command.ingest"))
    .argument("[paths...]")
    .addOption(new Option("--from <source>", t("cli:option.from")).choices([...SOURCE_KINDS]))
    .option("--retry", t("cli:option.retry"))
    .option("--watch", t("cli:option.watch"))
    .option("--json", t("cli:option.json"))
    .option("--now <iso>", t("cli:option.now"))
    .action(async (paths: string[], opts: IngestOptions) => setExit(await (await import("./commands/notice-commands.ts")).ingestCommand(ctx, paths, opts)));

  program
    .command("notices")
    .description(t("cli:command.notices"))
    .addOption(new Option("--status <status>", t("cli:option.status")).choices(["pending", "applied", "triage", "ignored", "failed"]))
    .option("--json", t("cli:option.json"))
    .option("--demo", t("cli:option.demoStore"))
    .action(async (opts: { json?: boolean; status?: NoticeStatus; demo?: boolean }) => setExit(await (await import("./commands/notice-commands.ts")).noticesCommand(ctx, opts)));

  program
    .command("accept-notice")
    .description(t("cli:command.accept-notice"))
    .argument("<id>")
    .option("--as <name>", t("cli:option.as"))
    .option("--deadline <YYYY-MM-DD>", t("cli:option.acceptDeadline"))
    .option("--json", t("cli:option.json"))
    .option("--demo", t("cli:option.demoStore"))
    .action(async (id: string, opts: { as?: string; deadline?: string; json?: boolean; demo?: boolean }) => setExit(await (await import("./commands/notice-commands.ts")).acceptNoticeCommand(ctx, id, opts)));

  program
    .command("reminders")
    .description(t("cli:command.reminders"))
    .option("--json", t("cli:option.json"))
    .option("--now <iso>", t("cli:option.now"))
    .option("--demo", t("cli:option.demoStore"))
    .action(async (opts: { json?: boolean; now?: string; demo?: boolean }) => setExit(await (await import("./commands/reminders-command.ts")).remindersCommand(ctx, opts)));

  program
    .command("audit")
    .description(t("cli:command.audit"))
    .option("--resource <resourceId>", t("cli:option.resource"))
    .option("--limit <n>", t("cli:option.limit"))
    .option("--json", t("cli:option.json"))
    .option("--demo", t("cli:option.demoStore"))
    .action(async (opts: AuditOptions) => setExit(await (await import("./commands/audit-command.ts")).auditCommand(ctx, opts)));

  program
    .command("approvals")
    .description(t("cli:command.approvals"))
    .option("--all", t("cli:option.all"))
    .option("--limit <n>", t("cli:option.limit"))
    .option("--json", t("cli:option.json"))
    .option("--demo", t("cli:option.demoStore"))
    .action(async (opts: ApprovalsOptions) => setExit(await (await import("./commands/approvals-command.ts")).approvalsCommand(ctx, opts)));

  return program;
}

/** True when nothing points tlsbot at a real tenant: then a bare `tlsbot` runs the demo. */
export function isUnconfigured(env: Readonly<Record<string, string | undefined>>, hasConfigFile: boolean): boolean {
  const keys = ["TLSBOT_ARM_ENDPOINT", "TLSBOT_DATABASE_URL", "AZURE_SUBSCRIPTION_IDS", "AZURE_CLIENT_ID", "TLSBOT_CONFIG", "MicrosoftAppId", "SLACK_BOT_TOKEN"];
  return !hasConfigFile && keys.every((k) => !env[k]);
}

/** `--lang` as given: its value, `missing` when it has none, or null when it is not there. */
function langOption(argv: readonly string[]): string | { missing: true } | null {
  const at = argv.findIndex((a) => a === "--lang" || a.startsWith("--lang="));
  if (at < 0) return null;
  const value = argv[at]!.startsWith("--lang=") ? argv[at]!.slice(7) : argv[at + 1];
  return value === undefined || value === "" ? { missing: true } : value;
}

export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const lang = langOption(argv);
  const langArg = typeof lang === "string" ? lang : undefined;
  const explicit = langArg ?? io.env["TLSBOT_LANG"];
  const ctx: CliContext = { ...io, lang: detectLang(explicit, io.env), explicitLang: explicit === "ja" || explicit === "en" ? explicit : undefined };
  const t = translator(ctx.lang);
  // --lang is taken out before commander parses: its checks would never see it. Without them `--lang fr` ran in the
  // locale's language and a bare `tlsbot --lang` started the demo server.
  if (lang !== null && (typeof lang !== "string" || (lang !== "ja" && lang !== "en"))) {
    const detail = typeof lang === "string" ? `'--lang <lang>' '${lang}'` : "'--lang <lang>'";
    const hint = typeof lang === "string" ? ` ${t("cli:error.allowedValues", { values: "ja, en" })}` : "";
    ctx.stderr.write(`${t(typeof lang === "string" ? "cli:error.invalidArgument" : "cli:error.optionMissingArgument", { detail })}${hint}\n${t("cli:error.seeHelp")}\n`);
    return EXIT.usage;
  }
  let exitCode: number = EXIT.ok;
  const program = buildProgram(ctx, t, (code) => (exitCode = code));
  const args = argv.filter((a, i) => a !== "--lang" && argv[i - 1] !== "--lang" && !a.startsWith("--lang="));
  try {
    if (args.length === 0) {
      const { existsSync } = await import("node:fs");
      const hasFile = ["tlsbot.config.json", "tlsbot.config.yaml", "tlsbot.config.yml"].some((f) => existsSync(`${io.cwd}/${f}`));
      // Nothing configured: the demo with the local web chat; configured: serve.
      if (isUnconfigured(io.env, hasFile)) return await (await import("./commands/demo-command.ts")).demoCommand(ctx, { serve: true });
      return await (await import("./commands/serve-command.ts")).serveCommand(ctx, {});
    }
    await program.parseAsync([...args], { from: "user" });
    return exitCode;
  } catch (err) {
    return reportError(err, ctx, t);
  }
}

/** What a rejected value should have been: commander's allowed choices, or an argument parser's hint, in the user's language. */
function invalidValueHint(message: string, t: TFunction): string {
  const why = /is invalid\. (.+)$/.exec(message)?.[1];
  if (!why) return "";
  const allowed = /^Allowed choices are (.+)\.$/.exec(why)?.[1];
  if (allowed) return ` ${t("cli:error.allowedValues", { values: allowed })}`;
  return why.startsWith(HINT) ? ` ${t(`cli:error.hint.${why.slice(HINT.length)}`)}` : "";
}

function reportError(err: unknown, ctx: CliContext, t: TFunction): number {
  if (err instanceof CommanderError) {
    if (err.code === "commander.helpDisplayed" || err.code === "commander.help" || err.code === "commander.version") return EXIT.ok;
    const key = `cli:error.${err.code.replace("commander.", "")}`;
    // Commander's own text is English; keep only the quoted words it names (the command, option or value).
    const quoted = err.message.match(/'[^']*'/g);
    const detail = quoted ? quoted.join(" ") : err.message.replace(/^error: /, "");
    ctx.stderr.write(`${t(key, { detail, defaultValue: t("cli:error.generic", { detail }) })}${invalidValueHint(err.message, t)}\n${t("cli:error.seeHelp")}\n`);
    return EXIT.usage;
  }
  if (isTlsbotError(err)) {
    ctx.stderr.write(`${redactSecrets(t(`errors:${err.code}`, err.params))}\n`);
    const usage: readonly string[] = ["configInvalid", "configFileUnreadable", "invalidArgument", "staticTokenNotLoopback", "nothingToIngest", "mailSourceNotConfigured", "unauthenticatedNotLoopback", "portInUse"];
    return usage.includes(err.code) ? EXIT.usage : EXIT.failed;
  }
  // Unexpected: one readable line, and the stack only when asked for (never as the only output).
  const message = redactSecrets(err instanceof Error ? err.message : String(err));
  ctx.stderr.write(`${t("errors:unexpected", { message })}\n`);
  if (ctx.env["TLSBOT_DEBUG"] && err instanceof Error && err.stack) ctx.stderr.write(`${redactSecrets(err.stack)}\n`);
  return EXIT.failed;
}
