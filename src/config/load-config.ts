import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { resolve } from "node:path";
import { TlsbotError } from "../domain/errors.ts";
import { configProblem } from "./config-problem.ts";
import { OPTIONS } from "./options.ts";
import { fileProblemOf } from "../domain/file-problem.ts";

type Options = typeof OPTIONS;
type Output<S> = S extends { readonly _zod: { readonly output: infer O } } ? O : never;
type OptionValue<K extends Options[number]["file"]> = Output<Extract<Options[number], { file: K }>["schema"]>;

export interface Config {
  readonly dataDir: OptionValue<"dataDir">;
  readonly databaseUrl: OptionValue<"databaseUrl">;
  readonly arm: { readonly endpoint: OptionValue<"arm.endpoint">; readonly token: OptionValue<"arm.token">; readonly caFile: OptionValue<"arm.caFile">; readonly pollMs: OptionValue<"arm.pollMs">; readonly maxResponseMb: OptionValue<"arm.maxResponseMb"> };
  readonly subscriptionIds: OptionValue<"subscriptionIds">;
  readonly scan: { readonly source: OptionValue<"scan.source">; readonly concurrency: OptionValue<"scan.concurrency">; readonly timeoutMs: OptionValue<"scan.timeoutMs"> };
  readonly mail: { readonly trustedSenders: OptionValue<"mail.trustedSenders">; readonly maxBytes: OptionValue<"mail.maxBytes">; readonly pollSeconds: OptionValue<"mail.pollSeconds">; readonly dropDir: OptionValue<"mail.dropDir">; readonly deadlineChanges: OptionValue<"mail.deadlineChanges"> };
  readonly imap: {
    readonly host: OptionValue<"imap.host">; readonly port: OptionValue<"imap.port">; readonly secure: OptionValue<"imap.secure">;
    readonly user: OptionValue<"imap.user">; readonly password: OptionValue<"imap.password">; readonly mailbox: OptionValue<"imap.mailbox">; readonly caFile: OptionValue<"imap.caFile">;
  };
  readonly graphMail: { readonly user: OptionValue<"graphMail.user">; readonly folder: OptionValue<"graphMail.folder">; readonly endpoint: OptionValue<"graphMail.endpoint">; readonly token: OptionValue<"graphMail.token">; readonly caFile: OptionValue<"graphMail.caFile"> };
  readonly serviceHealth: { readonly enabled: OptionValue<"serviceHealth.enabled"> };
  readonly advisor: { readonly enabled: OptionValue<"advisor.enabled"> };
  readonly server: { readonly port: OptionValue<"server.port">; readonly host: OptionValue<"server.host">; readonly metricsToken: OptionValue<"server.metricsToken"> };
  readonly teams: { readonly appId: OptionValue<"teams.appId">; readonly appPassword: OptionValue<"teams.appPassword">; readonly appType: OptionValue<"teams.appType">; readonly appTenantId: OptionValue<"teams.appTenantId">; readonly tenants: OptionValue<"teams.tenants"> };
  readonly slack: { readonly botToken: OptionValue<"slack.botToken">; readonly signingSecret: OptionValue<"slack.signingSecret">; readonly appToken: OptionValue<"slack.appToken">; readonly apiUrl: OptionValue<"slack.apiUrl">; readonly teamId: OptionValue<"slack.teamId"> };
  readonly approvals: { readonly approvers: OptionValue<"approvals.approvers">; readonly twoPersonScopes: OptionValue<"approvals.twoPersonScopes">; readonly dryRunScopes: OptionValue<"approvals.dryRunScopes">; readonly ttlHours: OptionValue<"approvals.ttlHours"> };
  readonly logAnalytics: { readonly workspaceId: OptionValue<"logAnalytics.workspaceId">; readonly endpoint: OptionValue<"logAnalytics.endpoint"> };
  readonly timeZone: OptionValue<"timeZone">;
  readonly schedule: { readonly scan: OptionValue<"schedule.scan">; readonly reminders: OptionValue<"schedule.reminders">; readonly digest: OptionValue<"schedule.digest">; readonly remindAfterEveryDays: OptionValue<"schedule.remindAfterEveryDays">; readonly timeZone: OptionValue<"schedule.timeZone"> };
  readonly logLevel: OptionValue<"logLevel">;
  readonly lang: OptionValue<"lang">;
  readonly now: OptionValue<"now">;
  /** The config file that was read, if any. */
  readonly sourceFile: string | null;
}

const CONFIG_FILES = ["tlsbot.config.json", "tlsbot.config.yaml", "tlsbot.config.yml"];

/**
 * The YAML parser, loaded only when a YAML file is read: every command loads the config, most runs have
 * no YAML file, and loading the parser costs ≈ 0.1 s and ≈ 1 MiB of heap. `require` keeps loading synchronous.
 */
function parseYaml(text: string): unknown {
  const yaml = createRequire(import.meta.url)("yaml") as typeof import("yaml");
  return yaml.parse(text);
}

function readConfigFile(cwd: string, explicit: string | undefined): { path: string | null; data: Record<string, unknown> } {
  const path = explicit ? resolve(cwd, explicit) : (CONFIG_FILES.map((f) => resolve(cwd, f)).find((p) => existsSync(p)) ?? null);
  if (!path) return { path: null, data: {} };
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (err) {
    throw new TlsbotError("configFileUnreadable", { file: path, ...fileProblemOf(err) });
  }
  const format = path.endsWith(".json") ? "JSON" : "YAML";
  let parsed: unknown;
  try {
    parsed = format === "JSON" ? JSON.parse(text) : parseYaml(text);
  } catch (err) {
    // The parser's own words name the place ("at position 2", "line 3"); the sentence around them is the reader's language.
    throw new TlsbotError("configFileUnreadable", { file: path, problem: "syntax", format, reason: err instanceof Error ? err.message : String(err) });
  }
  if (parsed === null || parsed === undefined) return { path, data: {} };
  if (typeof parsed !== "object" || Array.isArray(parsed)) {
    throw new TlsbotError("configFileUnreadable", { file: path, problem: "notAnObject", reason: "" });
  }
  return { path, data: parsed as Record<string, unknown> };
}

function getPath(obj: Record<string, unknown>, dotted: string): unknown {
  return dotted.split(".").reduce<unknown>((o, k) => (o && typeof o === "object" ? (o as Record<string, unknown>)[k] : undefined), obj);
}

function setPath(obj: Record<string, unknown>, dotted: string, value: unknown): void {
  const keys = dotted.split(".");
  const last = keys.pop() as string;
  let cursor = obj;
  for (const k of keys) cursor = (cursor[k] ??= {}) as Record<string, unknown>;
  cursor[last] = value;
}

/**
 * Env wins over the config file; blank env values count as unset. Throws `configInvalid` naming the
 * first bad key as the user wrote it (env name, or the file's dotted path).
 */
export function loadConfig(env: Readonly<Record<string, string | undefined>>, cwd: string): Config {
  const file = readConfigFile(cwd, env["TLSBOT_CONFIG"]);
  const out: Record<string, unknown> = {};
  for (const opt of OPTIONS) {
    const fromEnv = env[opt.env];
    const useEnv = fromEnv !== undefined && fromEnv.trim() !== "";
    const fromFile = getPath(file.data, opt.file);
    const both = "merge" in opt && opt.merge && useEnv && fromFile !== undefined;
    const raw = both ? [...[fromFile].flat(), fromEnv] : useEnv ? fromEnv : fromFile;
    const result = opt.schema.safeParse(raw);
    if (!result.success) {
      const key = useEnv ? opt.env : `${file.path ?? "config"}: ${opt.file}`;
      throw new TlsbotError("configInvalid", { key, ...configProblem(result.error.issues[0]) });
    }
    setPath(out, opt.file, result.data);
  }
  out["sourceFile"] = file.path;
  return Object.freeze(out) as unknown as Config;
}
