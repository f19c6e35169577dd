import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_TENANT_FILE } from "../../src/cli/runtime.ts";
import { freshDataDir } from "../support/data-dir.ts";
import { startSimulatorChild, type SimulatorChild, type SimWrite } from "../support/simulator-child.ts";
import { cleanEnv, runCli, startServe, type ServeProcess } from "../support/tlsbot-process.ts";
import { cardText, executeData, WebChatClient, type ChatEvent } from "../support/web-chat-client.ts";

const SUB = "11111111-1111-4111-a111-111111111111";
const CART = `/subscriptions/${SUB}/resourceGroups/rg-commerce-prod/providers/Microsoft.Cache/Redis/redis-cart-prod`;
const TRIALS = 20;
const POLL_MS = 50;
/** An operation stays "in progress" until the test releases it (this many polls is hours at POLL_MS). */
const HELD = 1_000_000;

/**
 * Where tlsbot dies: right after the user got the "applying" card (the write may not have been sent);
 * the moment the simulator answered the PATCH (the operation may not be stored yet); or while polling
 * (the operation stored, Azure still busy).
 */
const KILL_POINTS = ["afterConfirm", "atPatch", "whilePolling"] as const;
type KillPoint = (typeof KILL_POINTS)[number];

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const isCartPatch = (w: SimWrite) => w.method === "PATCH" && w.path.toLowerCase() === CART.toLowerCase();
// A Resource Graph query is a POST but reads (serve polls Advisor's recommendations through it).
const isGraphQuery = (w: SimWrite) => w.method === "POST" && /^\/providers\/microsoft\.resourcegraph\/resources$/i.test(w.path);

/** How the restarted process picked the upgrade up: polling the stored operation, or re-reading the resource first. */
type Resumed = "storedOperation" | "reRead";

interface Trial {
  readonly kill: KillPoint;
  /** Whether the simulator had answered the PATCH when tlsbot was killed. */
  readonly patchedBeforeKill: boolean;
  readonly resumed: Resumed;
  readonly patches: number;
  readonly updates: number;
  readonly restartMs: number;
  readonly releaseToUpdateMs: number;
}

/**
 * Crash safety of upgrades, with every part in its own process as in production: the ARM simulator
 * (Azure, which keeps its operation running whatever happens to tlsbot), `tlsbot serve` driven through
 * the local web chat's protocol, killed with SIGKILL mid-upgrade and started again on the same data
 * directory and port. Each trial: the upgrade completes after the restart, the card the user confirmed
 * on is updated exactly once, and Azure sees exactly one PATCH.
 */
describe("an upgrade survives kill -9 of tlsbot", () => {
  let sim: SimulatorChild;
  let dataDir: string;
  let caDir: string;
  let env: NodeJS.ProcessEnv;
  let serve: ServeProcess | null = null;
  const trials: Trial[] = [];

  beforeAll(async () => {
    sim = await startSimulatorChild(DEMO_TENANT_FILE, HELD);
    dataDir = freshDataDir("tlsbot-crash-");
    caDir = mkdtempSync(join(tmpdir(), "tlsbot-crash-ca-"));
    writeFileSync(join(caDir, "sim-ca.pem"), sim.ca);
    env = cleanEnv({
      TLSBOT_DATA_DIR: dataDir, TLSBOT_ARM_ENDPOINT: sim.url, TLSBOT_ARM_TOKEN: sim.token, TLSBOT_ARM_CA_FILE: join(caDir, "sim-ca.pem"),
      TLSBOT_ARM_POLL_MS: String(POLL_MS), TLSBOT_APPROVERS: `web:local@/subscriptions/${SUB}`, TLSBOT_SCAN_SOURCE: "arm",
      TLSBOT_SCAN_SCHEDULE: "off", TLSBOT_REMINDER_SCHEDULE: "off", TLSBOT_SERVICE_HEALTH: "false", TLSBOT_LOG_LEVEL: "warn",
    });
    const scan = await runCli(["scan", "--source", "arm"], env);
    expect(scan.code, scan.stderr).toBe(0);
  }, 120_000);

  afterAll(async () => {
    await serve?.stop();
    await sim?.close();
    if (trials.length) {
      const by = (k: KillPoint) => trials.filter((t) => t.kill === k);
      const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
      const count = (ts: Trial[], resumed: Resumed, patched: boolean) => ts.filter((t) => t.resumed === resumed && t.patchedBeforeKill === patched).length;
      console.log(`crash-resume: ${trials.length} trials; PATCHes per trial ${[...new Set(trials.map((t) => t.patches))].join("/")}; card updates per trial ${[...new Set(trials.map((t) => t.updates))].join("/")}; `
        + KILL_POINTS.map((k) => `${k}: ${by(k).length} (PATCH not yet sent → re-read and written after restart: ${count(by(k), "reRead", false)}; PATCH answered, operation not stored → re-read, waited: ${count(by(k), "reRead", true)}; operation stored → polled: ${count(by(k), "storedOperation", true)})`).join(", ")
        + `; restart median ${median(trials.map((t) => t.restartMs))} ms; release→card update median ${median(trials.map((t) => t.releaseToUpdateMs))} ms`);
    }
    for (const d of [dataDir, caDir]) if (d) rmSync(d, { recursive: true, force: true });
  });

  it(`completes the upgrade once and updates its card once, whether killed before, at or after the write (${TRIALS} trials)`, async () => {
    serve = await startServe(env);
    const port = serve.port;
    const chat = new WebChatClient();
    await chat.connect(serve.url);
    const updatesOf = (id: string, from: number) => chat.events.slice(from).filter((e) => e.event === "update" && e.activity.id === id);

    for (let i = 0; i < TRIALS; i++) {
      const kill = KILL_POINTS[i % KILL_POINTS.length]!;
      const label = `trial ${i + 1} (${kill})`;
      if (i > 0) {
        // Set back outside tlsbot for the next trial, and rescanned from the chat.
        await sim.reset(CART);
        expect(cardText((await chat.say("scan now")).activity), label).toMatch(/scan/i);
      }
      // The control: before the upgrade the cache is listed as below 1.2.
      expect(cardText((await chat.say("which caches are below 1.2")).activity), label).toContain("redis-cart-prod");
      const writesFrom = sim.writes.length;
      const eventsFrom = chat.events.length;

      const dialog: ChatEvent = await chat.say("upgrade redis-cart-prod to 1.2");
      const data = executeData(dialog.activity.attachments?.[0]?.content, "confirmUpgrade");
      expect(data, `${label}: the dialog offers confirmUpgrade`).toMatchObject({ approvalId: expect.any(String), token: expect.any(String) });
      const applying = await chat.execute("confirmUpgrade", { ...data, ack: "true", typedName: "redis-cart-prod" }, dialog.activity.id);
      expect(cardText(applying), label).toContain("Raising redis-cart-prod to TLS 1.2");

      if (kill !== "afterConfirm") await sim.waitForWrite(isCartPatch, writesFrom);
      if (kill === "whilePolling") await sleep(3 * POLL_MS);
      await serve.kill9();
      const patchedBeforeKill = sim.writes.slice(writesFrom).some(isCartPatch);
      const killedAt = (await sim.requests({ from: Number.MAX_SAFE_INTEGER })).total;
      expect(updatesOf(dialog.activity.id, eventsFrom), `${label}: nothing finished before the kill`).toEqual([]);

      const restarting = Date.now();
      // Same data directory (the dead process's lock is taken over) and same port: the stored conversation
      // reference names this server's connector, as it would after restarting `npm start`.
      serve = await startServe(env, port);
      await chat.connect(serve.url);
      const restartMs = Date.now() - restarting;

      // Resumed: the write is there (the one sent before the kill, or the first one, sent now)…
      await sim.waitForWrite(isCartPatch, writesFrom);
      await sleep(4 * POLL_MS);
      const firstRead = (await sim.requests({ from: killedAt, method: "GET" })).items.find((r) => /operationResults|redis-cart-prod$/i.test(r.path));
      const resumed: Resumed = firstRead && /operationResults/i.test(firstRead.path) ? "storedOperation" : "reRead";
      // …but Azure still says "in progress": the card must not claim success yet, and the approval is open.
      expect(updatesOf(dialog.activity.id, eventsFrom), `${label}: no result while Azure is still updating`).toEqual([]);
      expect(cardText((await chat.say("approvals")).activity), `${label}: still applying`).toContain("redis-cart-prod: applying");

      const releasing = Date.now();
      expect(await sim.release(), `${label}: one operation was in progress`).toBe(1);
      const update = await chat.waitFor((e) => e.event === "update" && e.activity.id === dialog.activity.id, eventsFrom);
      const releaseToUpdateMs = Date.now() - releasing;
      expect(update.connection, `${label}: delivered to the stream opened after the restart`).toBe(chat.connection);
      expect(cardText(update.activity), label).toContain("redis-cart-prod now requires TLS 1.2");

      // A duplicate (a second resume, a second write) would show by now.
      await sleep(5 * POLL_MS);
      const below = await chat.say("which caches are below 1.2");
      expect(cardText(below.activity), `${label}: answers changed at once`).not.toContain("redis-cart-prod");
      const updates = updatesOf(dialog.activity.id, eventsFrom).length;
      const patches = sim.writes.slice(writesFrom).filter(isCartPatch).length;
      expect(updates, `${label}: card updates`).toBe(1);
      expect(patches, `${label}: PATCHes`).toBe(1);
      trials.push({ kill, patchedBeforeKill, resumed, patches, updates, restartMs, releaseToUpdateMs });
    }

    const stopped = await serve.stop();
    serve = null;
    expect(stopped).toBe(0);
    // What Azure recorded, independently of the announcements: one PATCH per trial, nothing else written.
    expect((await sim.requests({ method: "PATCH" })).items.filter(isCartPatch)).toHaveLength(TRIALS);
    expect(sim.writes.filter((w) => !isCartPatch(w) && !isGraphQuery(w))).toEqual([]);
    // The stored inventory, read by a fresh process: the cache is no longer below 1.2.
    const ask = await runCli(["ask", "--json", "which caches are below 1.2"], env);
    expect(ask.code, ask.stderr).toBe(0);
    const names = (JSON.parse(ask.stdout) as { resources: { name: string }[] }).resources.map((r) => r.name);
    expect(names).toContain("redis-session-prod");
    expect(names).not.toContain("redis-cart-prod");
  }, 300_000);
});
