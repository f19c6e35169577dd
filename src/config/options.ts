import { z } from "zod";
import { parseIsoInstant } from "../domain/iso-instant.ts";
import { DEFAULT_TRUSTED_SENDERS } from "../notices/trust/sender-trust.ts";
import { isValidCron } from "../schedule/start-schedules.ts";

/**
 * Every setting, declared once: the env name, the config-file path, the schema and a description.
 * `.env.example` and README's configuration table are generated from this list (`npm run docs:config`).
 */
export interface OptionSpec {
  readonly env: string;
  /** Dotted path in tlsbot.config.{json,yaml}. */
  readonly file: string;
  readonly schema: z.ZodType;
  readonly description: string;
  readonly example?: string;
  readonly secret?: boolean;
  /** Lists given both in the environment and in the config file are joined, not replaced. */
  readonly merge?: boolean;
}

/**
 * What a value should look like, as the id of its locale text (`errors:configProblem.<id>`): the message
 * is shown in the reader's language, so the schemas carry no English.
 */
export type ConfigProblemId =
  | "subscriptionIds" | "isoInstant" | "timeZone" | "postgresUrl" | "httpsUrl" | "senders" | "slackBotToken" | "slackAppToken" | "slackTeamId" | "cron" | "minLength16" | "tenantIds";
export const PROBLEM_PREFIX = "problem:";
const problem = (id: ConfigProblemId) => `${PROBLEM_PREFIX}${id}`;

const csv = z
  .union([z.string(), z.array(z.string())])
  .transform((v) => (Array.isArray(v) ? v : v.split(",")).map((s) => s.trim()).filter((s) => s.length > 0));
const uuidList = csv.pipe(z.array(z.string().regex(/^[0-9a-f-]{36}$/i, problem("subscriptionIds"))));
const tenantList = csv.pipe(z.array(z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, problem("tenantIds"))));
const intIn = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
const isoInstant = z.string().refine((s) => parseIsoInstant(s) !== null, problem("isoInstant"));
const flag = z.union([z.boolean(), z.enum(["true", "false"]).transform((v) => v === "true")]);
const knownZone = (tz: string) => {
  try {
    new Intl.DateTimeFormat("en", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
};
const timeZone = z.string().refine(knownZone, problem("timeZone"));

export const OPTIONS = [
  { env: "TLSBOT_DATA_DIR", file: "dataDir", schema: z.string().min(1).default("./.tlsbot"), description: "Directory of the embedded PostgreSQL (PGlite) database. One tlsbot process per directory." },
  { env: "TLSBOT_DATABASE_URL", file: "databaseUrl", schema: z.string().regex(/^postgres(ql)?:\/\//, problem("postgresUrl")).optional(), description: "PostgreSQL server URL; when set it wins over TLSBOT_DATA_DIR (needed to run several replicas).", example: "postgres://tlsbot@db.internal:5432/tlsbot", secret: true },
  { env: "TLSBOT_ARM_ENDPOINT", file: "arm.endpoint", schema: z.url({ protocol: /^https$/, error: problem("httpsUrl") }).default("https://management.azure.com"), description: "Azure Resource Manager endpoint (sovereign clouds, or a simulator on loopback)." },
  { env: "TLSBOT_ARM_TOKEN", file: "arm.token", schema: z.string().min(1).optional(), description: "Static bearer token, accepted only when TLSBOT_ARM_ENDPOINT is a loopback address (simulators). Otherwise DefaultAzureCredential is used.", secret: true },
  { env: "TLSBOT_ARM_CA_FILE", file: "arm.caFile", schema: z.string().min(1).optional(), description: "Extra CA certificate (PEM file) to trust for the ARM endpoint, e.g. a simulator's. NODE_EXTRA_CA_CERTS works too." },
  { env: "TLSBOT_ARM_POLL_MS", file: "arm.pollMs", schema: intIn(10, 60_000).optional(), description: "How often a running upgrade (an Azure long-running operation) is polled, in milliseconds; a Retry-After from Azure wins. Default: 2000, the Azure SDK's." },
  { env: "TLSBOT_ARM_MAX_RESPONSE_MB", file: "arm.maxResponseMb", schema: intIn(1, 1024).default(32), description: "Largest ARM or Resource Graph response body tlsbot reads, in MiB, counted as it arrives; a bigger one is refused (response-too-large) and that subscription keeps its previous inventory." },
  { env: "AZURE_SUBSCRIPTION_IDS", file: "subscriptionIds", schema: uuidList.optional(), description: "Comma-separated subscriptions to scan. Default: every subscription the identity can list.", example: "00000000-0000-0000-0000-000000000001,00000000-0000-0000-0000-000000000002" },
  { env: "TLSBOT_SCAN_SOURCE", file: "scan.source", schema: z.enum(["graph", "arm"]).default("graph"), description: "graph: one Azure Resource Graph query across subscriptions (falls back to arm when unavailable); arm: per-subscription ARM calls." },
  { env: "TLSBOT_SCAN_CONCURRENCY", file: "scan.concurrency", schema: intIn(1, 64).default(16), description: "How many subscriptions are scanned at once on the ARM path." },
  { env: "TLSBOT_SCAN_TIMEOUT_MS", file: "scan.timeoutMs", schema: intIn(1000, 600_000).default(120_000), description: "Time limit for one subscription's ARM calls; past it the subscription is reported in errors." },
  { env: "TLSBOT_TRUSTED_SENDERS", file: "mail.trustedSenders", schema: csv.pipe(z.array(z.string().regex(/^[^@\s]*@[^@\s]+$/, problem("senders")))).default([...DEFAULT_TRUSTED_SENDERS]), description: "Senders whose notices may change a deadline: addresses or @domains (a domain covers its subdomains). Mails from others are kept for triage.", example: "azure-noreply@microsoft.com,@microsoft.com" },
  { env: "TLSBOT_NOTICE_DEADLINES", file: "mail.deadlineChanges", schema: z.enum(["apply", "review"]).default("apply"), description: "apply: a trusted notice the reader is sure of creates a retirement or moves its deadline by itself; review: every such change waits for a reviewer (accept or dismiss in chat, or accept-notice), and only a notice confirming the current deadline applies by itself.", example: "review" },
  { env: "TLSBOT_MAIL_MAX_BYTES", file: "mail.maxBytes", schema: intIn(64 * 1024, 200 * 1024 * 1024).default(10 * 1024 * 1024), description: "Largest mail tlsbot parses; bigger ones are kept for triage with an error." },
  { env: "TLSBOT_MAIL_POLL_SECONDS", file: "mail.pollSeconds", schema: intIn(10, 86_400).default(300), description: "How often `serve` (and `ingest --watch`) polls the notice sources (drop folder, IMAP, Graph, Service Health, Advisor)." },
  { env: "TLSBOT_DROP_DIR", file: "mail.dropDir", schema: z.string().min(1).optional(), description: "A folder watched for .eml/.txt notices (e.g. saved from Outlook), each read once it has stopped changing; processed files move to its processed/ subfolder, empty or binary files to rejected/." },
  { env: "TLSBOT_IMAP_HOST", file: "imap.host", schema: z.string().min(1).optional(), description: "IMAP server to read notices from (e.g. a shared mailbox)." },
  { env: "TLSBOT_IMAP_PORT", file: "imap.port", schema: intIn(1, 65_535).default(993), description: "IMAP port." },
  { env: "TLSBOT_IMAP_SECURE", file: "imap.secure", schema: flag.default(true), description: "Implicit TLS (port 993). false: plain connection upgraded with STARTTLS when offered — loopback only." },
  { env: "TLSBOT_IMAP_USER", file: "imap.user", schema: z.string().min(1).optional(), description: "IMAP user name." },
  { env: "TLSBOT_IMAP_PASSWORD", file: "imap.password", schema: z.string().min(1).optional(), description: "IMAP password or app password.", secret: true },
  { env: "TLSBOT_IMAP_MAILBOX", file: "imap.mailbox", schema: z.string().min(1).default("INBOX"), description: "IMAP folder holding the notices." },
  { env: "TLSBOT_IMAP_CA_FILE", file: "imap.caFile", schema: z.string().min(1).optional(), description: "Extra CA certificate (PEM) to trust for the IMAP server." },
  { env: "TLSBOT_GRAPH_MAIL_USER", file: "graphMail.user", schema: z.string().min(1).optional(), description: "Mailbox (user id or UPN) to read notices from through Microsoft Graph; needs the Mail.Read application permission.", example: "azure-notices@contoso.co.jp" },
  { env: "TLSBOT_GRAPH_MAIL_FOLDER", file: "graphMail.folder", schema: z.string().min(1).default("inbox"), description: "Graph mail folder (well-known name or id)." },
  { env: "TLSBOT_GRAPH_ENDPOINT", file: "graphMail.endpoint", schema: z.url({ protocol: /^https$/, error: problem("httpsUrl") }).default("https://graph.microsoft.com"), description: "Microsoft Graph endpoint (national clouds, or a fake on loopback)." },
  { env: "TLSBOT_GRAPH_TOKEN", file: "graphMail.token", schema: z.string().min(1).optional(), description: "Static Graph bearer token, accepted only for a loopback TLSBOT_GRAPH_ENDPOINT (tests). Otherwise DefaultAzureCredential is used.", secret: true },
  { env: "TLSBOT_GRAPH_CA_FILE", file: "graphMail.caFile", schema: z.string().min(1).optional(), description: "Extra CA certificate (PEM) to trust for the Graph endpoint." },
  { env: "TLSBOT_SERVICE_HEALTH", file: "serviceHealth.enabled", schema: flag.default(true), description: "Read Azure Service Health retirement advisories through Resource Graph on every poll." },
  { env: "TLSBOT_ADVISOR", file: "advisor.enabled", schema: flag.default(true), description: "Read Azure Advisor's service-retirement recommendations (the resources each retirement impacts) on every poll: Resource Graph, else the Advisor API per subscription. They add evidence and never move a deadline." },
  { env: "PORT", file: "server.port", schema: intIn(0, 65_535).default(3978), description: "Port `tlsbot serve` listens on (0: any free port, printed at start)." },
  { env: "TLSBOT_HOST", file: "server.host", schema: z.string().min(1).default("127.0.0.1"), description: "Address `tlsbot serve` binds. Without MicrosoftAppId only a loopback address is accepted (unauthenticated local mode)." },
  { env: "TLSBOT_METRICS_TOKEN", file: "server.metricsToken", schema: z.string().min(16, problem("minLength16")).optional(), description: "Bearer token a Prometheus scraper on another machine sends to `GET /metrics`. Without it /metrics answers loopback callers only.", secret: true },
  { env: "MicrosoftAppId", file: "teams.appId", schema: z.string().min(1).optional(), description: "Azure Bot's app (client) id. When set, every request to /api/messages must carry a valid Bot Framework token." },
  { env: "MicrosoftAppPassword", file: "teams.appPassword", schema: z.string().min(1).optional(), description: "Client secret of the bot's app registration (not needed for a user-assigned managed identity).", secret: true },
  { env: "MicrosoftAppType", file: "teams.appType", schema: z.enum(["MultiTenant", "SingleTenant", "UserAssignedMSI"]).default("MultiTenant"), description: "Azure Bot app type." },
  { env: "MicrosoftAppTenantId", file: "teams.appTenantId", schema: z.string().min(1).optional(), description: "Tenant of the bot's app registration (required for SingleTenant and UserAssignedMSI). Teams users of this tenant may use the bot." },
  { env: "TLSBOT_TEAMS_TENANTS", file: "teams.tenants", schema: tenantList.default([]), description: "Other Microsoft Entra tenants (ids, comma-separated) whose Teams users may use a MultiTenant bot, besides MicrosoftAppTenantId. Activities from any other tenant get no answer and their conversations are never stored or posted to. With MicrosoftAppId set, serve refuses to start until one of the two names a tenant.", example: "72f988bf-86f1-41af-91ab-2d7cd011db47" },
  { env: "SLACK_BOT_TOKEN", file: "slack.botToken", schema: z.string().regex(/^xoxb-/, problem("slackBotToken")).optional(), description: "Slack bot token. With SLACK_SIGNING_SECRET it turns on the Slack channel at POST /slack/events.", secret: true },
  { env: "SLACK_SIGNING_SECRET", file: "slack.signingSecret", schema: z.string().min(1).optional(), description: "Slack signing secret: every request to /slack/events must be signed with it (5-minute window).", secret: true },
  { env: "SLACK_APP_TOKEN", file: "slack.appToken", schema: z.string().regex(/^xapp-/, problem("slackAppToken")).optional(), description: "App-level token: use Socket Mode instead of the HTTP endpoint (no public URL needed).", secret: true },
  { env: "TLSBOT_SLACK_API_URL", file: "slack.apiUrl", schema: z.url().optional(), description: "Slack Web API base URL (default Slack's own), for a proxy or a local fake.", example: "http://127.0.0.1:8089/api/" },
  { env: "TLSBOT_SLACK_TEAM_ID", file: "slack.teamId", schema: z.string().regex(/^[TE][A-Z0-9]+$/, problem("slackTeamId")).optional(), description: "Only this Slack workspace is answered; requests from others are ignored and logged." },
  { env: "TLSBOT_APPROVERS", file: "approvals.approvers", schema: csv.default([]), merge: true, description: "Who may approve upgrades in chat: `teams:<aadObjectId>[@<scope>]`, `slack:<userId>[@<scope>]`, `web:local[@<scope>]` (the local web chat's user), comma-separated; a scope is an ARM id prefix such as /subscriptions/<id> or /subscriptions/<id>/resourceGroups/<rg>. Joined with the config file's list. Entries without a scope may also accept or dismiss notices held for review. Nobody by default.", example: "teams:6f1c…@/subscriptions/1111…,slack:U0ALICE" },
  { env: "TLSBOT_TWO_PERSON_SCOPES", file: "approvals.twoPersonScopes", schema: csv.default([]), description: "ARM id prefixes (or *) where a second, different approver must confirm an upgrade." },
  { env: "TLSBOT_DRY_RUN_SCOPES", file: "approvals.dryRunScopes", schema: csv.default([]), description: "ARM id prefixes (or *) where approvals run every step except the write to Azure." },
  { env: "TLSBOT_APPROVAL_TTL_HOURS", file: "approvals.ttlHours", schema: intIn(1, 24 * 14).default(24), description: "How long an upgrade dialog stays valid (hours)." },
  { env: "TLSBOT_LOG_ANALYTICS_WORKSPACE_ID", file: "logAnalytics.workspaceId", schema: z.string().min(1).optional(), description: "Log Analytics workspace (id) that receives the IoT hubs' Connections diagnostic logs: the upgrade dialog then shows which TLS versions devices used over the last 7 days. Needs Log Analytics Reader on it." },
  { env: "TLSBOT_LOG_ANALYTICS_ENDPOINT", file: "logAnalytics.endpoint", schema: z.url().default("https://api.loganalytics.io/v1"), description: "Log Analytics query endpoint (sovereign clouds, or a local simulator)." },
  { env: "TLSBOT_TIME_ZONE", file: "timeZone", schema: timeZone.optional(), description: "Time zone for dates and \"this month\" in answers. Default: Asia/Tokyo for Japanese, UTC for English." },
  { env: "TLSBOT_SCAN_SCHEDULE", file: "schedule.scan", schema: z.string().refine(isValidCron, problem("cron")).default("0 */6 * * *"), description: "When `serve` scans (cron, in TLSBOT_SCHEDULE_TIME_ZONE); off to scan only on request. Differences are posted to subscribed channels." },
  { env: "TLSBOT_REMINDER_SCHEDULE", file: "schedule.reminders", schema: z.string().refine(isValidCron, problem("cron")).default("0 9 * * *"), description: "When `serve` sends deadline reminders (90/30/14/7/3/1/0 days before) to subscribed channels; off to disable." },
  { env: "TLSBOT_DIGEST_SCHEDULE", file: "schedule.digest", schema: z.string().refine(isValidCron, problem("cron")).default("0 9 * * 1"), description: "When `serve` posts the weekly digest to subscribed channels (new notices, fixed resources, what is still affected by deadline, upgrades done and pending, notices waiting for review); Monday 09:00 by default; off to disable." },
  { env: "TLSBOT_REMINDER_AFTER_DAYS", file: "schedule.remindAfterEveryDays", schema: intIn(1, 365).default(7), description: "After a deadline, remind subscribed channels every this many days while resources still accept TLS 1.0/1.1 (or cannot be told)." },
  { env: "TLSBOT_SCHEDULE_TIME_ZONE", file: "schedule.timeZone", schema: timeZone.default("Asia/Tokyo"), description: "Time zone of the schedules." },
  { env: "TLSBOT_LOG_LEVEL", file: "logLevel", schema: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"), description: "Level of `serve`'s structured JSON logs on stderr (tokens and secrets are redacted)." },
  { env: "TLSBOT_LANG", file: "lang", schema: z.enum(["ja", "en"]).optional(), description: "Language of CLI output. Default: from LANG / LC_ALL (ja_* → Japanese, otherwise English)." },
  { env: "TLSBOT_NOW", file: "now", schema: isoInstant.optional(), description: "Fixed clock (ISO 8601) for demos and reproducible reports." },
] as const satisfies readonly OptionSpec[];
