import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { createApprovals } from "../../src/approvals/approvals.ts";
import { parseApprovers } from "../../src/approvals/approvers.ts";
import { createArmAccess } from "../../src/azure/create-arm-access.ts";
import { RESOURCE_KINDS } from "../../src/azure/kinds/load-kinds.ts";
import { runScan } from "../../src/azure/scan/run-scan.ts";
import { legacyCacheTenant, startSimulator } from "../../src/azure/simulator/index.ts";
import { openStore } from "../../src/store/open-store.ts";
import { createSqlApprovalStore } from "../../src/store/sql-approval-store.ts";
import type { SqlExecutor } from "../../src/store/sql-executor.ts";
import type { Store } from "../../src/store/store.ts";
import type { ChaosResult } from "./chaos-report.ts";
import type { ThrowawayPostgres } from "./throwaway-postgres.ts";

const SUB = "7e7e7e7e-0000-4000-a000-000000000002";
const TOKEN = "chaos-upgrade-kill";
const LEASE_MS = 2000;
const SURVIVORS = 3;
const CACHE = `/subscriptions/${SUB}/resourceGroups/rg/providers/Microsoft.Cache/Redis/cache-kill`;
const CHILD = fileURLToPath(new URL("../../test/support/upgrade-replica-process.ts", import.meta.url));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * kill -9 of a replica right after Azure accepted its upgrade write and before it stored the operation
 * (the window in which a starting replica used to send the write again), while other replicas on
 * connection pools of their own sweep for upgrades to take over. Checked: Azure received one PATCH, no
 * replica took the upgrade before the dead one's lease expired, exactly one did after, and the approval
 * ended succeeded with one audit entry.
 */
export async function runUpgradeReplicaKill(pg: ThrowawayPostgres): Promise<ChaosResult> {
  const tenant = legacyCacheTenant({ tenantId: "chaos-upgrade-kill", subscriptionId: SUB, displayName: "chaos", names: ["cache-kill"] });
  const sim = await startSimulator({ tenant, token: TOKEN, redisPatchMode: "202", asyncPollsBeforeDone: 1_000_000 });
  const clients = await createArmAccess({ endpoint: sim.url, token: TOKEN, ca: sim.ca, pollIntervalMs: 20 });
  const databaseUrl = await pg.database("chaos_upgrade_kill");
  const stores: Store[] = [];
  const dir = mkdtempSync(join(tmpdir(), "tlsbot-chaos-upgrade-kill-"));
  const anomalies: string[] = [];
  try {
    for (let i = 0; i < SURVIVORS; i++) stores.push(await openStore({ dataDir: "", databaseUrl }));
    const now = () => new Date();
    await runScan({ clients, store: stores[0]!, now }, { source: "arm", concurrency: 2, timeoutMs: 30_000 });
    writeFileSync(join(dir, "ca.pem"), sim.ca);
    const child = spawn(process.execPath, ["--import", "tsx", CHILD, databaseUrl, sim.url, join(dir, "ca.pem"), TOKEN, "teams:chaos", CACHE, String(LEASE_MS)], { stdio: ["ignore", "pipe", "ignore"] });
    const approvalId = await new Promise<string>((resolve, reject) => {
      let out = "";
      child.stdout.on("data", (c: Buffer) => {
        out += c.toString();
        const m = /written (\S+)/.exec(out);
        if (m) resolve(m[1]!);
      });
      child.once("exit", (code) => reject(new Error(`the upgrading replica exited early (${code})`)));
    });
    child.kill("SIGKILL");
    await new Promise((r) => child.once("exit", r));
    const patches = () => sim.requests.filter((r) => r.method === "PATCH" && r.path.toLowerCase() === CACHE.toLowerCase()).length;
    if (patches() !== 1) anomalies.push(`Azure received ${patches()} PATCHes before the kill, not 1`);

    const { entries } = parseApprovers([`teams:chaos@/subscriptions/${SUB}`]);
    const survivors = stores.map((store, i) => createApprovals({
      approvals: createSqlApprovalStore((store as unknown as { exec: SqlExecutor }).exec), store, clients: () => clients, kinds: RESOURCE_KINDS, now,
      policy: { approvers: entries, twoPersonScopes: [], dryRunScopes: [], ttlMs: 3600_000 }, leaseMs: LEASE_MS, replicaId: `survivor-${i}`,
    }));
    const exec = (stores[0] as unknown as { exec: SqlExecutor }).exec;
    const { rows: [held] } = await exec.query<{ until: string }>("SELECT lease_expires_at::text AS until FROM approvals WHERE id = $1", [approvalId]);
    let taken = 0;
    let sweeps = 0;
    const started = Date.now();
    while (taken === 0 && Date.now() - started < 20 * LEASE_MS) {
      const round = (await Promise.all(survivors.map((s) => s.resume()))).reduce((x, y) => x + y, 0);
      sweeps += survivors.length;
      const { rows: [clock] } = await exec.query<{ before: boolean }>("SELECT clock_timestamp() < $1::timestamptz AS before", [held!.until]);
      if (round > 0 && clock!.before) anomalies.push("a survivor took the upgrade over while the dead replica's lease was live");
      taken += round;
      await sleep(50);
    }
    const takeoverMs = Date.now() - started;
    if (taken !== 1) anomalies.push(`${taken} survivors took the upgrade over, not 1`);
    let state = "applying";
    for (let i = 0; i < 400 && state === "applying"; i++) {
      sim.completeOperations();
      state = (await exec.query<{ state: string }>("SELECT state FROM approvals WHERE id = $1", [approvalId])).rows[0]!.state;
      await sleep(25);
    }
    await Promise.all(survivors.map((s) => s.idle()));
    if (state !== "succeeded") anomalies.push(`the approval ended ${state}, not succeeded`);
    if (patches() !== 1) anomalies.push(`Azure received ${patches()} PATCHes in all, not 1`);
    const applied = (await stores[0]!.listAudit(100)).filter((e) => e.action === "approval.applied" && e.detail["approvalId"] === approvalId).length;
    if (applied !== 1) anomalies.push(`${applied} approval.applied audit entries, not 1`);
    return {
      fault: "kill -9 of a replica between an upgrade's write and storing it", checked: sweeps + 3, anomalies,
      notes: `${SURVIVORS} replicas swept ${sweeps}×; taken over once after ${(takeoverMs / 1000).toFixed(1)} s (lease ${LEASE_MS / 1000} s); ${patches()} PATCH; ${state}`,
    };
  } finally {
    for (const s of stores) await s.close();
    await sim.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
