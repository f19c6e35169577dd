import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApprovals, type Approvals, type ApprovalsDeps } from "../../src/approvals/approvals.ts";
import type { ApprovalStore } from "../../src/approvals/approval-store.ts";
import { parseApprovers } from "../../src/approvals/approvers.ts";
import type { Approval } from "../../src/domain/approval.ts";
import { createArmAccess } from "../../src/azure/create-arm-access.ts";
import type { ArmClients } from "../../src/azure/arm-clients.ts";
import { RESOURCE_KINDS } from "../../src/azure/kinds/load-kinds.ts";
import { runScan } from "../../src/azure/scan/run-scan.ts";
import { legacyCacheTenant, startSimulator, type RunningSimulator } from "../../src/azure/simulator/index.ts";
import type { Command } from "../../src/conversation/command.ts";
import { createEngine } from "../../src/conversation/engine.ts";
import { present } from "../../src/render/present.ts";
import { renderText } from "../../src/render/text/render-text.ts";
import type { View } from "../../src/render/view-model.ts";
import { openStore } from "../../src/store/open-store.ts";
import { createSqlApprovalStore } from "../../src/store/sql-approval-store.ts";
import type { SqlExecutor } from "../../src/store/sql-executor.ts";
import type { Store } from "../../src/store/store.ts";
import { exited, spawnTs, waitForLine } from "../support/child-process.ts";
import { freshDataDir } from "../support/data-dir.ts";
import { createScratchDatabase, postgresAvailability } from "../support/postgres.ts";

const availability = await postgresAvailability();

const SUB = "5e5e5e5e-0000-4000-a000-000000000001";
const TOKEN = "lease-test";
const CACHES = 8;
const cacheName = (i: number) => `cache-lease-${i}`;
const cacheId = (i: number) => `/subscriptions/${SUB}/resourceGroups/rg/providers/Microsoft.Cache/Redis/${cacheName(i)}`;
/**
 * Short, so a dead execution's lease expires within the test (renewed every third of it), and long
 * enough that a live one on a loaded 2-core machine keeps it: PGlite runs every replica's statements one
 * at a time in this process, so a renewal may queue behind many sweeps.
 */
const LEASE_MS = { pglite: 2000, postgres: 1000 } as const;
/** Executors and resumers racing on one approval. */
const N = 8;
/** Azure keeps every operation "in progress" until the test completes it. */
const HELD = 1_000_000;

const alice = { platform: "teams" as const, id: "aad-alice" };
const bob = { platform: "teams" as const, id: "aad-bob" };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const execOf = (s: Store) => (s as unknown as { exec: SqlExecutor }).exec;

type Dialog = Extract<View, { type: "approvalDialog" }>;

/** A gate a test opens: executions wait at it; `reached` resolves once one arrived. */
function barrier() {
  let open!: () => void;
  let arrive!: () => void;
  const opened = new Promise<void>((r) => (open = r));
  const reached = new Promise<void>((r) => (arrive = r));
  return { open, reached, wait: async () => { arrive(); await opened; } };
}

/** An approval store whose calls never return once killed: the database sees nothing more from that process. */
function killable(inner: ApprovalStore) {
  let dead = false;
  const never = new Promise<never>(() => {});
  const store = new Proxy(inner, {
    get: (target, key: keyof ApprovalStore) => {
      const v = target[key];
      return typeof v === "function" ? (...args: unknown[]) => (dead ? never : (v as (...a: unknown[]) => unknown).apply(target, args)) : v;
    },
  });
  return { store, kill: () => (dead = true) };
}

interface World {
  readonly sim: RunningSimulator;
  readonly clients: ArmClients;
  /** One store per replica on PostgreSQL (each its own connection pool); one shared store on PGlite (one process). */
  readonly stores: readonly Store[];
  /** The PostgreSQL database's URL (another process can join it); null on PGlite. */
  readonly databaseUrl: string | null;
  close(): Promise<void>;
}

async function openWorld(backend: "pglite" | "postgres"): Promise<World> {
  const tenant = legacyCacheTenant({ tenantId: "lease", subscriptionId: SUB, displayName: "lease", names: Array.from({ length: CACHES }, (_, i) => cacheName(i)) });
  const sim = await startSimulator({ tenant, token: TOKEN, redisPatchMode: "202", asyncPollsBeforeDone: HELD });
  const clients = await createArmAccess({ endpoint: sim.url, token: TOKEN, ca: sim.ca, pollIntervalMs: 20 });
  let stores: Store[];
  let databaseUrl: string | null = null;
  let cleanup: () => Promise<void>;
  if (backend === "pglite") {
    const dataDir = freshDataDir("tlsbot-lease-");
    const store = await openStore({ dataDir });
    stores = [store];
    cleanup = async () => {
      await store.close();
      rmSync(dataDir, { recursive: true, force: true });
    };
  } else {
    if (!availability.ok) throw new Error(availability.reason);
    const scratch = await createScratchDatabase(availability.url, "tlsbot_lease");
    databaseUrl = scratch.url;
    stores = [];
    for (let i = 0; i < 4; i++) stores.push(await openStore({ dataDir: "", databaseUrl: scratch.url }));
    cleanup = async () => {
      for (const s of stores) await s.close();
      await scratch.drop();
    };
  }
  await runScan({ clients, store: stores[0]!, now: () => new Date() }, { source: "arm", concurrency: 4, timeoutMs: 30_000 });
  return { sim, clients, stores, databaseUrl, close: async () => { await cleanup(); await sim.close(); } };
}

function suite(backend: "pglite" | "postgres") {
  const LEASE = LEASE_MS[backend];
  let w: World;
  const all: Approvals[] = [];
  const { entries } = parseApprovers([`teams:aad-alice@/subscriptions/${SUB}`, `teams:aad-bob@/subscriptions/${SUB}`]);
  const changes: Approval[] = [];

  /** One replica (on PostgreSQL: on a store of its own among four). */
  function replica(i: number, extra: Partial<ApprovalsDeps> = {}): { approvals: Approvals; store: Store; handle: (actor: Command["actor"], c: Partial<Command>) => Promise<View> } {
    const store = w.stores[i % w.stores.length]!;
    const approvals = createApprovals({
      approvals: createSqlApprovalStore(execOf(store)), store, clients: () => w.clients, kinds: RESOURCE_KINDS, now: () => new Date(),
      policy: { approvers: entries, twoPersonScopes: [], dryRunScopes: [], ttlMs: 3600_000 }, leaseMs: LEASE, replicaId: `replica-${i}`,
      onChange: async (a) => { changes.push(a); }, ...extra,
    });
    all.push(approvals);
    const engine = createEngine({ store, now: () => new Date(), approvals });
    return {
      approvals, store,
      handle: async (actor, c) => (await engine.handle({ actor, conversationId: "teams:ops", replyTarget: "activity-1", ...c } as Command)).view,
    };
  }
  const patchesOf = (i: number) => w.sim.requests.filter((r) => (r.method === "PATCH" || r.method === "PUT") && r.path.toLowerCase() === cacheId(i).toLowerCase()).length;
  const dialogFor = async (r: ReturnType<typeof replica>, i: number) => {
    const v = await r.handle(alice, { action: { verb: "approveUpgrade", data: { resourceId: cacheId(i) } } });
    expect(v.type).toBe("approvalDialog");
    return v as Dialog;
  };
  const confirmData = (d: Dialog) => ({ verb: "confirmUpgrade", data: { approvalId: d.approvalId, token: d.token, resourceId: d.row.id, target: d.target, ack: "true", typedName: d.row.name } });
  const stateOf = async (id: string) => (await createSqlApprovalStore(execOf(w.stores[0]!)).get(id))!;
  /** Azure finishes what is running (as it does whether anyone polls or not) until the approval is settled. */
  async function settle(id: string): Promise<Approval> {
    for (let i = 0; i < 400; i++) {
      w.sim.completeOperations();
      const a = await stateOf(id);
      if (a.state !== "applying") return a;
      await sleep(25);
    }
    throw new Error(`approval ${id} still applying`);
  }
  const auditsOf = async (action: string, id: string) => (await w.stores[0]!.listAudit(1000)).filter((e) => e.action === action && e.detail["approvalId"] === id).length;
  const appliedAudits = (id: string) => auditsOf("approval.applied", id);
  const text = (v: View, lang: "en" | "ja") => renderText(present(v, lang));

  beforeAll(async () => {
    w = await openWorld(backend);
  }, 120_000);
  afterAll(async () => {
    for (const a of all) await Promise.race([a.stop(), sleep(2000)]);
    await w?.close();
  });

  it(`the hole: ${N} replicas resuming while the confirming one holds its claim before the write send nothing; it writes once`, async () => {
    const gate = barrier();
    const a = replica(0, { hooks: { beforeWrite: gate.wait } });
    const others = Array.from({ length: N }, (_, i) => replica(i + 1));
    const d = await dialogFor(a, 0);
    expect(await a.handle(alice, { action: confirmData(d) })).toMatchObject({ type: "approvalStatus", state: "applying" });
    await gate.reached;
    // Applying, no operation stored, nothing sent: the window in which a starting replica used to write.
    expect(await stateOf(d.approvalId)).toMatchObject({ state: "applying", operation: null });
    expect(patchesOf(0)).toBe(0);
    // Longer than two leases: the held execution keeps renewing it; every sweep of every replica takes nothing.
    const taken: number[] = [];
    for (const end = Date.now() + 2.5 * LEASE; Date.now() < end;) {
      taken.push(...(await Promise.all(others.map((o) => o.approvals.resume()))));
      await sleep(50);
    }
    expect(taken.length).toBeGreaterThan(N);
    expect(taken.every((n) => n === 0)).toBe(true);
    expect(patchesOf(0)).toBe(0);

    // The second approver in chat, meanwhile: the state, in their language, and nothing sent.
    const again = await others[0]!.handle(bob, { text: `upgrade ${cacheName(0)}`, locale: "en-US" });
    expect(again).toMatchObject({ type: "approvalStatus", state: "applying" });
    expect(text(again, "en")).toContain(`Raising ${cacheName(0)} to TLS 1.2`);
    expect(text(again, "ja")).toContain(`${cacheName(0)} を TLS 1.2 に引き上げています`);
    const sameToken = await others[1]!.handle(alice, { action: confirmData(d) });
    expect(sameToken).toMatchObject({ type: "approvalStatus", state: "applying" });

    gate.open();
    const done = await settle(d.approvalId);
    await Promise.all(all.map((x) => x.idle()));
    expect(done).toMatchObject({ state: "succeeded" });
    expect(patchesOf(0)).toBe(1);
    expect(await appliedAudits(d.approvalId)).toBe(1);
    expect(changes.filter((c) => c.id === d.approvalId && c.state === "succeeded")).toHaveLength(1);
  }, 60_000);

  it(`${N} replicas confirming the same approval at once and ${N} sweeping while Azure applies it longer than the lease: one write`, async () => {
    const rs = Array.from({ length: N }, (_, i) => replica(i));
    const d = await dialogFor(rs[0]!, 1);
    const views = await Promise.all(rs.map((r) => r.handle(alice, { action: confirmData(d) })));
    // One claimed it; the others are shown where it stands (a double click on another replica), never an error.
    expect(views.map((v) => (v.type === "approvalStatus" ? v.state : v.type)).filter((s) => s !== "requested" && s !== "applying")).toEqual([]);
    expect(views.filter((v) => v.type === "approvalStatus" && v.state === "applying").length).toBeGreaterThanOrEqual(1);
    for (let i = 0; i < 100 && !(await stateOf(d.approvalId)).operation; i++) await sleep(20);
    expect(await stateOf(d.approvalId)).toMatchObject({ state: "applying", operation: expect.any(String) });
    const taken: number[] = [];
    for (const end = Date.now() + 3 * LEASE; Date.now() < end;) {
      taken.push(...(await Promise.all(rs.map((r) => r.approvals.resume()))));
      await sleep(50);
    }
    expect(taken.every((n) => n === 0)).toBe(true);
    const done = await settle(d.approvalId);
    await Promise.all(all.map((x) => x.idle()));
    expect(done.state).toBe("succeeded");
    expect(patchesOf(1)).toBe(1);
    expect(await appliedAudits(d.approvalId)).toBe(1);
    expect(changes.filter((c) => c.id === d.approvalId && c.state === "succeeded")).toHaveLength(1);
  }, 60_000);

  it("a replica dead right after Azure accepted the write, before storing it: another settles it by re-reading, without writing again", async () => {
    const { store: dying, kill } = killable(createSqlApprovalStore(execOf(w.stores[0]!)));
    const a = replica(0, { approvals: dying, hooks: { afterWrite: async () => { kill(); await new Promise(() => {}); } } });
    const others = Array.from({ length: N }, (_, i) => replica(i + 1));
    const d = await dialogFor(a, 2);
    await a.handle(alice, { action: confirmData(d) });
    for (let i = 0; i < 200 && patchesOf(2) === 0; i++) await sleep(10);
    expect(patchesOf(2)).toBe(1);
    expect(await stateOf(d.approvalId)).toMatchObject({ state: "applying", operation: null });
    // Every replica sweeps until one takes it over, which only happens once the dead one's lease expired
    // (database clock): no sweep that ended before then took anything.
    const exec = execOf(w.stores[0]!);
    const { rows: [held] } = await exec.query<{ until: string }>("SELECT lease_expires_at::text AS until FROM approvals WHERE id = $1", [d.approvalId]);
    const started = Date.now();
    let taken = 0;
    while (taken === 0 && Date.now() - started < 20 * LEASE) {
      taken += (await Promise.all(others.map((o) => o.approvals.resume()))).reduce((x, y) => x + y, 0);
      const { rows: [clock] } = await exec.query<{ before: boolean }>("SELECT clock_timestamp() < $1::timestamptz AS before", [held!.until]);
      if (clock!.before) expect(taken, "taken over before the lease expired").toBe(0);
      await sleep(25);
    }
    expect(taken).toBe(1);
    const done = await settle(d.approvalId);
    await Promise.all(others.map((o) => o.approvals.idle()));
    expect(done).toMatchObject({ state: "succeeded" });
    expect(patchesOf(2)).toBe(1);
    expect(await appliedAudits(d.approvalId)).toBe(1);
  }, 60_000);

  // PostgreSQL only: PGlite is one process by construction (its kill -9 and restart: crash-resume.test.ts).
  if (backend === "postgres") it("a replica process killed with SIGKILL right after Azure accepted the write: the survivors take over once its lease expired and never write again", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tlsbot-lease-kill-"));
    try {
      writeFileSync(join(dir, "ca.pem"), w.sim.ca);
      const child = spawnTs(fileURLToPath(new URL("../support/upgrade-replica-process.ts", import.meta.url)),
        [w.databaseUrl!, w.sim.url, join(dir, "ca.pem"), TOKEN, "teams:aad-alice", cacheId(4), String(LEASE)]);
      const line = await waitForLine(child, /^written /, 60_000);
      child.kill("SIGKILL");
      await exited(child);
      const approvalId = line.split(" ")[1]!.trim();
      expect(patchesOf(4)).toBe(1);
      expect(await stateOf(approvalId)).toMatchObject({ state: "applying", operation: null });
      const survivors = Array.from({ length: N }, (_, i) => replica(i));
      const started = Date.now();
      let taken = 0;
      while (taken === 0 && Date.now() - started < 20 * LEASE) {
        taken += (await Promise.all(survivors.map((o) => o.approvals.resume()))).reduce((x, y) => x + y, 0);
        await sleep(25);
      }
      expect(taken).toBe(1);
      const done = await settle(approvalId);
      await Promise.all(survivors.map((o) => o.approvals.idle()));
      expect(done).toMatchObject({ state: "succeeded" });
      expect(patchesOf(4)).toBe(1);
      expect(await appliedAudits(approvalId)).toBe(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 90_000);

  it("a replica whose lease expired while it stalled before the write sends nothing; the one that took over writes once", async () => {
    const gate = barrier();
    const a = replica(0, { hooks: { beforeWrite: gate.wait } });
    const b = replica(1);
    const d = await dialogFor(a, 3);
    await a.handle(alice, { action: confirmData(d) });
    await gate.reached;
    // The stall: the held execution's lease runs out on the database's clock, as if its process froze.
    await execOf(w.stores[0]!).query("UPDATE approvals SET lease_expires_at = clock_timestamp() - interval '1 second' WHERE id = $1", [d.approvalId]);
    expect(await b.approvals.resume()).toBe(1);
    for (let i = 0; i < 200 && patchesOf(3) === 0; i++) await sleep(10);
    expect(patchesOf(3)).toBe(1);
    gate.open();
    await a.approvals.idle();
    const done = await settle(d.approvalId);
    await b.approvals.idle();
    expect(done).toMatchObject({ state: "succeeded" });
    expect(patchesOf(3)).toBe(1);
    expect(await appliedAudits(d.approvalId)).toBe(1);
    // Only the execution that wrote says it started to.
    expect(await auditsOf("approval.applyStarted", d.approvalId)).toBe(1);
  }, 60_000);
}

describe("approval leases on PGlite (replicas as executions in one process)", () => suite("pglite"));
describe.skipIf(!availability.ok)("approval leases on PostgreSQL (replicas on connection pools of their own)", () => suite("postgres"));
