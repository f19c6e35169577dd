import { randomBytes } from "node:crypto";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
// Type-only imports here: what a command does not use (Azure SDKs, the simulator, the approval workflow)
// is loaded when first needed, so `ask` or `notices` start without it.
import type { ArmClients } from "../azure/arm-clients.ts";
import type { ApprovalPolicy } from "../approvals/approval-policy.ts";
import type { Approvals, ApprovalsDeps } from "../approvals/approvals.ts";
import { parseApprovers } from "../approvals/approvers.ts";
import type { SqlExecutor } from "../store/sql-executor.ts";
import type { ScanOutcome } from "../azure/scan/run-scan.ts";
import type { RunningSimulator } from "../azure/simulator/index.ts";
import { loadConfig, type Config } from "../config/load-config.ts";
import { TlsbotError } from "../domain/errors.ts";
import { parseIsoInstant } from "../domain/iso-instant.ts";
import { translator } from "../render/i18n.ts";
import { openStore, type StoreWarning } from "../store/open-store.ts";
import type { Store } from "../store/store.ts";
import type { CliContext } from "./cli-io.ts";

export const DEMO_TENANT_FILE = fileURLToPath(new URL("../azure/simulator/tenants/demo.json", import.meta.url));

export interface Runtime {
  readonly config: Config;
  readonly store: Store & { readonly exec: SqlExecutor };
  /** Azure access; only after `armClients()` resolved, or when the runtime was opened with `azure` (the default). */
  readonly clients: ArmClients;
  /** Azure access, opened on first use. */
  armClients(): Promise<ArmClients>;
  readonly now: () => Date;
  /** Set when running on the built-in simulator tenant (demo data, never the user's), once Azure access is open. */
  readonly simulator: RunningSimulator | null;
  close(): Promise<void>;
}

export function clockFrom(fixed: string | undefined): () => Date {
  if (!fixed) return () => new Date();
  const at = parseIsoInstant(fixed);
  if (at === null) throw new TlsbotError("invalidArgument", { option: "--now", value: fixed });
  return () => new Date(at);
}

/**
 * Opens config, store and Azure access (`azure: false`: on first use). `demo` swaps Azure for the built-in
 * simulator tenant and keeps its inventory in its own data directory, so demo data never mixes with a real inventory.
 */
export async function openRuntime(io: CliContext, opts: { demo?: boolean; now?: string | undefined; azure?: boolean } = {}): Promise<Runtime> {
  const config = loadConfig(io.env, io.cwd);
  const now = clockFrom(opts.now ?? config.now);
  let simulator = null as RunningSimulator | null;
  // Read through a function: TypeScript does not see the assignment in `connect` and would narrow to null.
  const runningSimulator = () => simulator;
  let connect: () => Promise<ArmClients>;
  if (opts.demo) {
    const token = randomBytes(24).toString("base64url");
    // Started with Azure access: a demo command that only reads the demo's store (`approvals --demo`) needs none.
    connect = async () => {
      const { loadTenantFile, startSimulator } = await import("../azure/simulator/index.ts");
      const sim = await startSimulator({ tenant: await loadTenantFile(DEMO_TENANT_FILE), token, pageSize: 20 });
      try {
        // The simulator finishes a long-running operation after a few polls: poll it quickly.
        const access = await (await import("../azure/create-arm-access.ts")).createArmAccess({ endpoint: sim.url, token, ca: sim.ca, pollIntervalMs: 200 });
        simulator = sim;
        return access;
      } catch (err) {
        // A failed connect is tried again by the next caller, which starts a simulator of its own: this one
        // would otherwise keep its port and its server open until the process exits.
        await sim.close();
        throw err;
      }
    };
  } else {
    connect = async () => (await import("../azure/create-arm-access.ts")).createArmAccess({ endpoint: config.arm.endpoint, token: config.arm.token, caFile: config.arm.caFile, pollIntervalMs: config.arm.pollMs, maxResponseBytes: config.arm.maxResponseMb * 1024 * 1024 });
  }
  let clients: ArmClients | null = null;
  let connecting: Promise<ArmClients> | null = null;
  const armClients = () => (connecting ??= connect().then((c) => (clients = c), (err: unknown) => {
    connecting = null;
    throw err;
  }));
  if (opts.azure ?? true) {
    try {
      await armClients();
    } catch (err) {
      await runningSimulator()?.close();
      throw err;
    }
  }
  let store: Store & { readonly exec: SqlExecutor };
  const onWarning = (w: StoreWarning) => void io.stderr.write(`${translator(io.lang)(`cli:store.${w.code}`, w.params)}\n`);
  try {
    store = await openStore(
      opts.demo ? { dataDir: join(config.dataDir, "demo"), onWarning } : { dataDir: config.dataDir, onWarning, ...(config.databaseUrl ? { databaseUrl: config.databaseUrl } : {}) },
    );
  } catch (err) {
    await runningSimulator()?.close();
    throw err;
  }
  return {
    config, store, now, armClients,
    get simulator(): RunningSimulator | null {
      return runningSimulator();
    },
    get clients(): ArmClients {
      if (!clients) throw new Error("Azure access is not open yet: await runtime.armClients() first");
      return clients;
    },
    async close() {
      await store.close();
      await simulator?.close();
    },
  };
}

/** A scan as the configuration asks for it (source, subscriptions, concurrency, time limit). */
export async function scanAsConfigured(runtime: Runtime): Promise<ScanOutcome> {
  const { config } = runtime;
  const { runScan } = await import("../azure/scan/run-scan.ts");
  return runScan({ clients: await runtime.armClients(), store: runtime.store, now: runtime.now }, {
    source: config.scan.source, subscriptionIds: config.subscriptionIds, concurrency: config.scan.concurrency, timeoutMs: config.scan.timeoutMs,
  });
}

/**
 * Who may approve what, from config (TLSBOT_APPROVERS joined with the file's list). The demo adds this
 * machine's operator (`web:local`) for its simulated subscriptions only, so the web chat can show the
 * whole flow on demo data and nothing else.
 */
export function approvalPolicyOf(runtime: Pick<Runtime, "config" | "simulator">): ApprovalPolicy {
  const demo = runtime.simulator ? runtime.simulator.state.subscriptions.map((s) => `web:local@/subscriptions/${s.subscriptionId}`) : [];
  const { entries, problems } = parseApprovers([...runtime.config.approvals.approvers, ...demo]);
  if (problems.length) throw new TlsbotError("configInvalid", { key: "TLSBOT_APPROVERS", problemKey: "approvers", entries: problems.join(", ").slice(0, 200) });
  return {
    approvers: entries, twoPersonScopes: runtime.config.approvals.twoPersonScopes, dryRunScopes: runtime.config.approvals.dryRunScopes,
    ttlMs: runtime.config.approvals.ttlHours * 3600_000,
  };
}

/**
 * Who may accept or dismiss a held notice in chat: an approver with no scope (a notice moves deadlines for every
 * subscription), and in the demo its own operator, whose tenant is the simulator's.
 */
export function noticeReviewersOf(runtime: Pick<Runtime, "config" | "simulator">): Set<string> {
  const everywhere = approvalPolicyOf(runtime).approvers.filter((e) => e.scope === null).map((e) => `${e.platform}:${e.id}`);
  return new Set([...everywhere, ...(runtime.simulator ? ["web:local"] : [])]);
}

/** The approval workflow on this runtime's store and Azure access. */
export async function approvalsOf(runtime: Runtime, hooks: Pick<ApprovalsDeps, "onChange" | "onRecorded" | "onError"> = {}): Promise<Approvals> {
  const [{ createApprovals }, { createSqlApprovalStore }, { loadResourceKinds }] = await Promise.all([
    import("../approvals/approvals.ts"), import("../store/sql-approval-store.ts"), import("../azure/kinds/load-kinds.ts"),
  ]);
  await runtime.armClients();
  return createApprovals({
    approvals: createSqlApprovalStore(runtime.store.exec), store: runtime.store, clients: () => runtime.clients, kinds: await loadResourceKinds(),
    policy: approvalPolicyOf(runtime), now: runtime.now, ...hooks, ...(await deviceTlsOf(runtime)),
  });
}

/** IoT hub evidence from Log Analytics when a workspace is configured (the demo's simulator has one). */
async function deviceTlsOf(runtime: Pick<Runtime, "simulator" | "config" | "armClients">): Promise<Pick<ApprovalsDeps, "deviceTls">> {
  const sim = runtime.simulator;
  const workspaceId = sim ? sim.state.logAnalyticsWorkspaces[0] : runtime.config.logAnalytics.workspaceId;
  if (!workspaceId) return {};
  const conn = (await runtime.armClients()).connection;
  const { createDeviceTlsReader } = await import("../azure/logs/device-tls-reader.ts");
  return {
    deviceTls: await createDeviceTlsReader({
      credential: conn.credential, workspaceId, endpoint: sim ? `${sim.url}/v1` : runtime.config.logAnalytics.endpoint,
      ca: conn.ca, staticToken: Boolean(sim || runtime.config.arm.token),
    }),
  };
}
