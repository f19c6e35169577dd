import { fork } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createArmAccess } from "../../src/azure/create-arm-access.ts";
import { runScan } from "../../src/azure/scan/run-scan.ts";
import { generateTenant, startSimulator } from "../../src/azure/simulator/index.ts";
import { createPoster } from "../../src/posts/poster.ts";
import { postNewScans } from "../../src/posts/scan-watcher.ts";
import { openStore } from "../../src/store/open-store.ts";
import type { ChaosResult } from "./chaos-report.ts";
import type { ThrowawayPostgres } from "./throwaway-postgres.ts";

const TOKEN = "chaos-kill";
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * kill -9 of a replica in the middle of its scan, the survivor carrying on. Checked: the inventory is the
 * one before the scan (nothing half-written), the dead scan is marked interrupted rather than left running,
 * and the survivor's next scan is posted (the dead one does not hold the scan-difference posts back).
 */
export async function runReplicaKill(pg: ThrowawayPostgres): Promise<ChaosResult> {
  const tenant = generateTenant({ seed: 11, subscriptions: 30, resourcesPerSubscription: 8 });
  const sim = await startSimulator({ tenant, token: TOKEN, pageSize: 2, latencyMs: 30 });
  const clients = await createArmAccess({ endpoint: sim.url, token: TOKEN, ca: sim.ca });
  const databaseUrl = await pg.database("chaos_kill");
  const store = await openStore({ dataDir: "", databaseUrl });
  const dir = mkdtempSync(join(tmpdir(), "tlsbot-chaos-kill-"));
  const anomalies: string[] = [];
  try {
    const now = () => new Date();
    await runScan({ clients, store, now }, { source: "arm", concurrency: 8, timeoutMs: 30_000 });
    await store.upsertConversation({ key: "web:chaos", platform: "web", reference: {}, kind: "personal", tenant: null, updatedAt: now().toISOString(), scopes: ["*"] });
    const sent: string[] = [];
    const poster = createPoster({
      store, now, onError: () => {},
      deliverers: [{ platform: "web", minIntervalMs: 0, send: async () => ({ activityId: String(sent.push("x")) }), update: async () => {} }],
    });
    await postNewScans(store, poster, now); // sets the cursor
    const before = (await store.currentResources()).map((f) => `${f.id}|${f.status}`).sort();

    writeFileSync(join(dir, "ca.pem"), sim.ca);
    sim.clearRequests();
    const child = fork(new URL("./scan-replica-process.ts", import.meta.url).pathname, [databaseUrl, sim.url, join(dir, "ca.pem"), TOKEN], { execArgv: ["--import", "tsx"], stdio: "ignore" });
    await new Promise<void>((resolve, reject) => {
      child.once("message", () => resolve());
      child.once("exit", (code) => reject(new Error(`the scanning replica exited early (${code})`)));
    });
    // Mid-scan: some subscriptions read, none stored (the snapshot is written in one transaction at the end).
    const started = Date.now();
    while (sim.requests.length < 60 && Date.now() - started < 20_000) await sleep(20);
    const requestsAtKill = sim.requests.length;
    child.kill("SIGKILL");
    await new Promise((r) => child.once("exit", r));

    const after = (await store.currentResources()).map((f) => `${f.id}|${f.status}`).sort();
    if (JSON.stringify(after) !== JSON.stringify(before)) anomalies.push("the inventory changed although the scan died before storing");
    // Azure changes, the survivor scans; its watcher must post the difference despite the dead scan.
    const victim = sim.state.subscriptions[0]!.resources.find((r) => r.type.toLowerCase() === "microsoft.cache/redis" && r.properties["minimumTlsVersion"] === "1.2");
    if (victim) victim.properties["minimumTlsVersion"] = "1.0";
    const survivor = await runScan({ clients, store, now }, { source: "arm", concurrency: 8, timeoutMs: 30_000 });
    const postedBefore = sent.length;
    await postNewScans(store, poster, now);
    const dead = (await (store as unknown as { exec: { query: <T>(s: string) => Promise<{ rows: T[] }> } }).exec.query<{ id: string; status: string; errors: Array<{ code: string }> }>(
      "SELECT id, status, errors FROM scans ORDER BY id")).rows;
    const orphan = dead.find((s) => Number(s.id) !== survivor.scanId && s.status !== "completed");
    if (!orphan) anomalies.push("the killed scan left no record");
    else if (orphan.status === "running") anomalies.push(`scan ${orphan.id} of the killed replica left running`);
    else if (orphan.errors[0]?.code !== "interrupted") anomalies.push(`scan ${orphan.id} failed without saying it was interrupted`);
    if (victim && sent.length === postedBefore) anomalies.push("the survivor's scan difference was not posted");
    return {
      fault: "kill -9 of a replica during a scan", checked: before.length + 3, anomalies,
      notes: `killed after ${requestsAtKill} requests; dead scan ${orphan ? `${orphan.status} (${orphan.errors[0]?.code ?? "-"})` : "missing"}; inventory untouched; next scan posted ${sent.length - postedBefore}×`,
    };
  } finally {
    await store.close();
    await sim.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
