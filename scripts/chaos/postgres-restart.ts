import { createArmAccess } from "../../src/azure/create-arm-access.ts";
import { runScan, type ScanOutcome } from "../../src/azure/scan/run-scan.ts";
import { generateTenant, startSimulator } from "../../src/azure/simulator/index.ts";
import { createEngine } from "../../src/conversation/engine.ts";
import { createPoster } from "../../src/posts/poster.ts";
import { InventoryIndex } from "../../src/conversation/inventory-index.ts";
import { scanBroadcast } from "../../src/posts/scan-broadcast.ts";
import { openStore } from "../../src/store/open-store.ts";
import type { ChaosResult } from "./chaos-report.ts";
import type { ThrowawayPostgres } from "./throwaway-postgres.ts";

const TOKEN = "chaos-pg";
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * `pg_ctl restart -m fast` of the cluster under a serving process: chat questions, post claims (the rows
 * that make a post go out once) and a scan in flight. Checked: every post write that said it succeeded is
 * stored as sent, none twice, none left "sending"; questions answer again once the server is back; the
 * scan ends (completed or failed with a reason) rather than staying running; failures during the outage
 * are errors, not hangs.
 */
export async function runPostgresRestart(pg: ThrowawayPostgres): Promise<ChaosResult> {
  const tenant = generateTenant({ seed: 9, subscriptions: 20, resourcesPerSubscription: 10 });
  const sim = await startSimulator({ tenant, token: TOKEN, pageSize: 2, latencyMs: 40 });
  const clients = await createArmAccess({ endpoint: sim.url, token: TOKEN, ca: sim.ca });
  const store = await openStore({ dataDir: "", databaseUrl: await pg.database("chaos_restart") });
  const anomalies: string[] = [];
  try {
    const now = () => new Date();
    await store.upsertConversation({ key: "web:chaos", platform: "web", reference: {}, kind: "personal", tenant: null, updatedAt: now().toISOString(), scopes: ["*"] });
    const engine = createEngine({ store, now });

    let stop = false;
    let restartedAt = Number.POSITIVE_INFINITY;
    const asks = { ok: 0, failed: 0, failedAfterRecovery: 0 };
    const posts = { ok: 0, failed: 0, claimed: [] as string[], completed: new Set<string>() };
    const reader = async () => {
      while (!stop) {
        try {
          engine.invalidate();
          await engine.handle({ actor: { platform: "web", id: "chaos" }, conversationId: "web:chaos", text: "which caches are below 1.2", locale: "en-US" });
          asks.ok++;
        } catch {
          asks.failed++;
          if (Date.now() > restartedAt + 2000) asks.failedAfterRecovery++;
          await sleep(50);
        }
      }
    };
    // Posts through the poster, delivered by a stand-in platform that counts what reaches it.
    const delivered = new Map<string, number>();
    let current = "";
    const poster = createPoster({
      store, now, onError: () => {},
      deliverers: [{
        platform: "web", minIntervalMs: 0,
        send: async () => {
          delivered.set(current, (delivered.get(current) ?? 0) + 1);
          return { activityId: `a-${current}` };
        },
        update: async () => {},
      }],
    });
    const first = await runScan({ clients, store, now }, { source: "arm", concurrency: 8, timeoutMs: 30_000 });
    const build = scanBroadcast(await store.scanChanges(first.scanId!), new Map(), now(), await InventoryIndex.load(store, now(), "UTC"));
    const writer = async () => {
      for (let i = 0; !stop; i++) {
        current = `chaos:${i}`;
        posts.claimed.push(current);
        try {
          const r = await poster.post(current, build);
          if (r.sent) posts.completed.add(current);
          posts.ok++;
        } catch {
          posts.failed++;
          await sleep(50);
        }
      }
    };
    const scan: Promise<ScanOutcome | Error> = runScan({ clients, store, now }, { source: "arm", concurrency: 4, timeoutMs: 30_000 }).catch((e: unknown) => e as Error);
    const workers = [reader(), reader(), writer()];
    await sleep(1500);
    const t0 = Date.now();
    await pg.restart();
    restartedAt = Date.now();
    const outageMs = restartedAt - t0;
    await sleep(4000);
    stop = true;
    await Promise.all(workers);
    const scanned = await scan;

    // What the database holds now, read on a fresh connection.
    const check = await openStore({ dataDir: "", databaseUrl: (await pg.database("chaos_restart_probe")).replace("chaos_restart_probe", "chaos_restart") });
    try {
      const rows = (await (check as unknown as { exec: { query: <T>(s: string) => Promise<{ rows: T[] }> } }).exec.query<{ post_key: string; status: string }>(
        "SELECT post_key, status FROM posts WHERE conversation_key = 'web:chaos'")).rows;
      const byKey = new Map(rows.map((r) => [r.post_key, r.status]));
      for (const k of posts.completed) if (byKey.get(k) !== "sent") anomalies.push(`post ${k} reported sent, stored ${byKey.get(k) ?? "nowhere"}`);
      for (const [k, n] of delivered) if (n > 1) anomalies.push(`post ${k} delivered ${n} times`);
      for (const [k, status] of byKey) if (status === "sent" && !delivered.has(k)) anomalies.push(`post ${k} stored sent, never delivered`);
      const stuck = rows.filter((r) => r.status === "sending");
      if (stuck.length) anomalies.push(`${stuck.length} post(s) left 'sending' (claimed, completion lost in the outage: never retried)`);
      if (asks.failedAfterRecovery > 0) anomalies.push(`${asks.failedAfterRecovery} questions failed more than 2 s after the server was back`);
      let scanNote: string;
      if (scanned instanceof Error) {
        scanNote = `scan threw: ${scanned.message.split("\n")[0]?.slice(0, 80)}`;
        const running = (await (check as unknown as { exec: { query: <T>(s: string) => Promise<{ rows: T[] }> } }).exec.query<{ id: number }>("SELECT id FROM scans WHERE status = 'running'")).rows;
        if (running.length) anomalies.push(`scan ${running.map((r) => r.id).join(", ")} left 'running'`);
      } else {
        const record = scanned.scanId === null ? null : await check.getScan(scanned.scanId);
        scanNote = `scan ${record?.status ?? "missing"} (${scanned.errors.length} subscription errors)`;
        if (!record || record.status === "running") anomalies.push(`scan ${scanned.scanId} left ${record?.status ?? "missing"}`);
      }
      return {
        fault: "PostgreSQL restart while serving", checked: asks.ok + asks.failed + posts.claimed.length + 1, anomalies,
        notes: `outage ${outageMs} ms; questions ${asks.ok} answered, ${asks.failed} failed during the outage; posts ${posts.completed.size} delivered once and stored sent, ${posts.failed} rounds failed in the outage; ${scanNote}`,
      };
    } finally {
      await check.close();
    }
  } finally {
    await store.close().catch(() => {});
    await sim.close();
  }
}
