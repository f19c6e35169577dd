import { z } from "zod";

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
}

const csv = z
  .union([z.string(), z.array(z.string())])
  .transform((v) => (Array.isArray(v) ? v : v.split(",")).map((s) => s.trim()).filter((s) => s.length > 0));
const uuidList = csv.pipe(z.array(z.string().regex(/^[0-9a-f-]{36}$/i, "expected subscription ids (GUIDs)")));
const intIn = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
const isoInstant = z.string().refine((s) => !Number.isNaN(Date.parse(s)), "expected an ISO 8601 date-time");

export const OPTIONS = [
  { env: "TLSBOT_DATA_DIR", file: "dataDir", schema: z.string().min(1).default("./.tlsbot"), description: "Directory of the embedded PostgreSQL (PGlite) database. One tlsbot process per directory." },
  { env: "TLSBOT_DATABASE_URL", file: "databaseUrl", schema: z.string().regex(/^postgres(ql)?:\/\//, "expected a postgres:// URL").optional(), description: "PostgreSQL server URL; when set it wins over TLSBOT_DATA_DIR (needed to run several replicas).", example: "postgres://tlsbot@db.internal:5432/tlsbot", secret: true },
  { env: "TLSBOT_ARM_ENDPOINT", file: "arm.endpoint", schema: z.url({ protocol: /^https$/, error: "expected an https:// URL" }).default("https://management.azure.com"), description: "Azure Resource Manager endpoint (sovereign clouds, or a simulator on loopback)." },
  { env: "TLSBOT_ARM_TOKEN", file: "arm.token", schema: z.string().min(1).optional(), description: "Static bearer token, accepted only when TLSBOT_ARM_ENDPOINT is a loopback address (simulators). Otherwise DefaultAzureCredential is used.", secret: true },
  { env: "TLSBOT_ARM_CA_FILE", file: "arm.caFile", schema: z.string().min(1).optional(), description: "Extra CA certificate (PEM file) to trust for the ARM endpoint, e.g. a simulator's. NODE_EXTRA_CA_CERTS works too." },
  { env: "AZURE_SUBSCRIPTION_IDS", file: "subscriptionIds", schema: uuidList.optional(), description: "Comma-separated subscriptions to scan. Default: every subscription the identity can list.", example: "00000000-0000-0000-0000-000000000001,00000000-0000-0000-0000-000000000002" },
  { env: "TLSBOT_SCAN_SOURCE", file: "scan.source", schema: z.enum(["graph", "arm"]).default("graph"), description: "graph: one Azure Resource Graph query across subscriptions (falls back to arm when unavailable); arm: per-subscription ARM calls." },
  { env: "TLSBOT_SCAN_CONCURRENCY", file: "scan.concurrency", schema: intIn(1, 64).default(16), description: "How many subscriptions are scanned at once on the ARM path." },
  { env: "TLSBOT_SCAN_TIMEOUT_MS", file: "scan.timeoutMs", schema: intIn(1000, 600_000).default(120_000), description: "Time limit for one subscription's ARM calls; past it the subscription is reported in errors." },
  { env: "TLSBOT_LANG", file: "lang", schema: z.enum(["ja", "en"]).optional(), description: "Language of CLI output. Default: from LANG / LC_ALL (ja_* → Japanese, otherwise English)." },
  { env: "TLSBOT_NOW", file: "now", schema: isoInstant.optional(), description: "Fixed clock (ISO 8601) for demos and reproducible reports." },
] as const satisfies readonly OptionSpec[];
