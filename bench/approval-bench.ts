import { randomUUID } from "node:crypto";
import { Agent, request } from "node:http";
import { rmSync } from "node:fs";
import { createApprovals } from "../src/approvals/approvals.ts";
import { parseApprovers } from "../src/approvals/approvers.ts";
import { createArmAccess } from "../src/azure/create-arm-access.ts";
import { RESOURCE_KINDS } from "../src/azure/kinds/load-kinds.ts";
import { runScan } from "../src/azure/scan/run-scan.ts";
import { parseTenant, SIM_REDIS_TYPE, startSimulator } from "../src/azure/simulator/index.ts";
import type { SimResource } from "../src/azure/simulator/sim-state.ts";
import { startHttpServer } from "../src/channels/http/http-server.ts";
import { TeamsBot } from "../src/channels/teams/teams-bot.ts";
import { teamsDeliverer } from "../src/channels/teams/teams-deliverer.ts";
import { createTeamsAdapter, teamsRoute } from "../src/channels/teams/teams-route.ts";
import { webChatRoutes } from "../src/channels/web/web-chat-routes.ts";
import { createEngine } from "../src/conversation/engine.ts";
import { approvalCardUpdater } from "../src/posts/approval-updates.ts";
import { conversationMemory } from "../src/posts/conversation-memory.ts";
import { openStore } from "../src/store/open-store.ts";
import { createSqlApprovalStore } from "../src/store/sql-approval-store.ts";
import type { SqlExecutor } from "../src/store/sql-executor.ts";
import { freshStoreDir, percentile, pRow, syntheticFindings } from "./bench-util.ts";

const RESOURCES = Number(process.env["BENCH_INVENTORY"] ?? 50_000);
const DIALOG_RUNS = 240;
const WRITE_RUNS = 120;
const WARMUP = 10;
const SUB = "5a5a5a5a-0000-4000-a000-00000000a001";
const TOKEN = "approval-bench";
/** Caches the workflow upgrades, and as many the bare SDK baseline writes to: distinct, never written twice. */
const POOL = WRITE_RUNS + WARMUP;
const upgradeName = (i: number) => `cache-upg-${i}`;
const baselineName = (i: number) => `cache-base-${i}`;
const cacheId = (name: string) => `/subscriptions/${SUB}/resourceGroups/rg-bench/providers/Microsoft.Cache/Redis/${name}`;

/** The tenant the simulator serves: one subscription with a few hundred caches still on TLS 1.0/1.1. */
function upgradeTenant() {
  const cache = (name: string, i: number) => ({
    type: SIM_REDIS_TYPE, resourceGroup: "rg-bench", name, location: "japaneast", createdTime: "2019-01-01T00:00:00Z",
    properties: { minimumTlsVersion: i % 2 ? "1.0" : "1.1" },
  });
  const resources = [
    ...Array.from({ length: POOL }, (_, i) => cache(upgradeName(i), i)),
    ...Array.from({ length: POOL }, (_, i) => cache(baselineName(i), i)),
    ...Array.from({ length: 40 }, (_, i) => ({ ...cache(`cache-ok-${i}`, i), properties: { minimumTlsVersion: "1.2" } })),
  ];
  return parseTenant({ tenantId: "approval-bench", subscriptions: [{ subscriptionId: SUB, displayName: "bench-upgrades", resources }] }, "approval bench tenant");
}

const keepAlive = new Agent({ keepAlive: true, maxSockets: 4 });

function post(url: string, body: unknown): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const data = Buffer.from(JSON.stringify(body));
    const req = request(url, { method: "POST", headers: { "content-type": "application/json", "content-length": data.length }, agent: keepAlive }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }));
    });
    req.on("error", reject);
    req.end(data);
  });
}

/** The first action in an Adaptive Card with this verb, wherever the card nests it. */
function actionOf(node: unknown, verb: string): { data: Record<string, unknown> } | null {
  if (!node || typeof node !== "object") return null;
  const o = node as Record<string, unknown>;
  if (o["verb"] === verb && o["data"] && typeof o["data"] === "object") return { data: o["data"] as Record<string, unknown> };
  for (const v of Array.isArray(node) ? node : Object.values(o)) {
    const found = actionOf(v, verb);
    if (found) return found;
  }
  return null;
}

/**
 * The approval workflow over a 50,000-resource inventory, through the same HTTP path the web chat and
 * Teams use (botbuilder CloudAdapter in local mode, replies POSTed to the web chat connector):
 * (a) "upgrade <name>" until the dialog card arrives, beside a plain detail question "<name>";
 * (b) the confirm invoke until the simulator receives the PATCH, beside a bare SDK `beginUpdate`.
 * The simulator runs in this process so the PATCH's arrival is timed on the same clock.
 */
export async function approvalBench(): Promise<void> {
  const dir = await freshStoreDir("tlsbot-approval-bench-");
  const store = await openStore({ dataDir: dir });
  const sim = await startSimulator({ tenant: upgradeTenant(), token: TOKEN, pageSize: 100, redisPatchMode: "202", asyncPollsBeforeDone: 1 });
  const errors: unknown[] = [];
  const onError = (err: unknown) => void errors.push(err);
  try {
    // When the simulator accepts a write: `touch` runs once per accepted PATCH, after the body was read.
    const arrivals = new Map<string, (at: number) => void>();
    const touch = sim.state.touch.bind(sim.state);
    sim.state.touch = (r: SimResource) => {
      const at = performance.now();
      touch(r);
      arrivals.get(r.name)?.(at);
    };
    const patchArrival = (name: string) => new Promise<number>((resolve) => arrivals.set(name, (at) => {
      arrivals.delete(name);
      resolve(at);
    }));

    const now = () => new Date();
    const tenantCaches = POOL * 2 + 40;
    const { findings, subscriptions } = syntheticFindings(RESOURCES - tenantCaches);
    await store.upsertSubscriptions(subscriptions.map((s, i) => ({ subscriptionId: s, displayName: `sub-${i}`, state: "Enabled" })), now().toISOString());
    const scanId = await store.beginScan("graph", now().toISOString());
    await store.completeScan(scanId, findings, [], { subscriptionIds: subscriptions, types: ["Microsoft.Cache/redis", "Microsoft.Devices/IotHubs"] }, now().toISOString());
    const clients = await createArmAccess({ endpoint: sim.url, token: TOKEN, ca: sim.ca, pollIntervalMs: 20 });
    const scanned = await runScan({ clients, store, now }, { source: "arm", concurrency: 4, timeoutMs: 60_000 });
    if (scanned.errors.length) throw new Error(`scan of the simulator failed: ${JSON.stringify(scanned.errors[0])}`);

    // `serve`'s wiring, less Slack and the schedules: approvals with card updates, engine, Teams route, web chat.
    const adapter = createTeamsAdapter({ appId: undefined, appPassword: undefined, appType: "MultiTenant", appTenantId: undefined }, onError);
    let invalidate = () => {};
    const approvals = createApprovals({
      approvals: createSqlApprovalStore((store as unknown as { exec: SqlExecutor }).exec), store, clients: () => clients, kinds: RESOURCE_KINDS, now,
      policy: { approvers: parseApprovers([`web:local@/subscriptions/${SUB}`]).entries, twoPersonScopes: [], dryRunScopes: [], ttlMs: 24 * 3600_000 },
      onChange: approvalCardUpdater({ store, deliverers: [teamsDeliverer(adapter, undefined, { platform: "web", local: true })], onError }),
      onRecorded: () => invalidate(),
      onError,
    });
    const engine = createEngine({ store, now, approvals });
    invalidate = () => engine.invalidate();

    let waiting: { replyTo: string; resolve: (a: { at: number; activity: Record<string, unknown> }) => void } | null = null;
    const onActivity = (_conversation: string, activity: Record<string, unknown>) => {
      const at = performance.now();
      if (waiting && activity["replyToId"] === waiting.replyTo) waiting.resolve({ at, activity });
    };
    const bot = new TeamsBot(engine, { remember: conversationMemory(store), now, onError, localOperator: true, allowedTenants: null });
    const server = await startHttpServer([teamsRoute(adapter, bot, { local: true, onError }), ...webChatRoutes(onActivity)], { host: "127.0.0.1", port: 0, onError });
    const conversation = `webchat-${randomUUID()}`;
    const activity = (extra: Record<string, unknown>) => ({
      type: "message", id: randomUUID(), channelId: "webchat", serviceUrl: `${server.url}/webchat/connector`, from: { id: "bench" }, recipient: { id: "tlsbot" },
      conversation: { id: conversation }, locale: "en-US", ...extra,
    });

    /** A question through /api/messages; resolves when its reply reaches the connector (and the POST is answered). */
    async function ask(text: string): Promise<{ ms: number; card: unknown; replyId: string }> {
      const sent = activity({ text });
      const reply = new Promise<{ at: number; activity: Record<string, unknown> }>((resolve) => (waiting = { replyTo: sent.id, resolve }));
      const start = performance.now();
      const res = await post(`${server.url}/api/messages`, sent);
      if (res.status !== 200) throw new Error(`/api/messages answered ${res.status} to "${text}"`);
      const { at, activity: a } = await reply;
      waiting = null;
      const card = (a["attachments"] as Array<{ content?: unknown }> | undefined)?.[0]?.content;
      return { ms: at - start, card, replyId: String(a["id"]) };
    }

    // (a) Dialog round trip against a detail question about the same cache, alternated so both see the same load.
    const detailMs: number[] = [];
    const dialogMs: number[] = [];
    for (let i = 0; i < WARMUP + DIALOG_RUNS; i++) {
      const name = upgradeName(i % POOL);
      const detail = await ask(name);
      if (!JSON.stringify(detail.card).includes(name) || actionOf(detail.card, "confirmUpgrade")) throw new Error(`"${name}" did not answer with the detail card`);
      const dialog = await ask(`upgrade ${name}`);
      if (actionOf(dialog.card, "confirmUpgrade")?.data["resourceId"] !== cacheId(name)) throw new Error(`"upgrade ${name}" did not answer with its dialog`);
      if (i >= WARMUP) {
        detailMs.push(detail.ms);
        dialogMs.push(dialog.ms);
      }
    }

    // (b) Confirm-to-write against a bare SDK PATCH, one distinct cache each, alternated. Each write and its
    // polling finish before the next measurement, so no background work overlaps one.
    const redis = clients.redis(SUB).redis;
    const sdkMs: number[] = [];
    const confirmMs: number[] = [];
    const invokeMs: number[] = [];
    const afterWriteMs: number[] = [];
    for (let i = 0; i < POOL; i++) {
      const base = baselineName(i);
      const baseArrived = patchArrival(base);
      const t0 = performance.now();
      const poller = await redis.beginUpdate("rg-bench", base, { minimumTlsVersion: "1.2" }, { updateIntervalInMs: 20 });
      const sdk = (await baseArrived) - t0;
      await poller.pollUntilDone();

      const name = upgradeName(i);
      const dialog = await ask(`upgrade ${name}`);
      const data = actionOf(dialog.card, "confirmUpgrade")?.data;
      if (!data || data["resourceId"] !== cacheId(name)) throw new Error(`no dialog for ${name}`);
      const invoke = activity({
        type: "invoke", name: "adaptiveCard/action", replyToId: dialog.replyId,
        value: { action: { type: "Action.Execute", verb: "confirmUpgrade", data: { ...data, ack: "true", typedName: name } } },
      });
      const arrived = patchArrival(name);
      const t1 = performance.now();
      const res = await post(`${server.url}/api/messages`, invoke);
      const answered = performance.now() - t1;
      if (res.status !== 200 || (JSON.parse(res.body) as { statusCode?: number }).statusCode !== 200) throw new Error(`confirm of ${name} answered ${res.status} ${res.body.slice(0, 200)}`);
      const written = (await arrived) - t1;
      await approvals.idle();
      if (i >= WARMUP) {
        sdkMs.push(sdk);
        confirmMs.push(written);
        invokeMs.push(answered);
        afterWriteMs.push(dialog.ms);
      }
    }
    await server.close();

    const approvalStore = createSqlApprovalStore((store as unknown as { exec: SqlExecutor }).exec);
    const succeeded = (await approvalStore.list({ states: ["succeeded"], limit: 10_000 })).length;
    const patches = sim.requests.filter((r) => r.method === "PATCH").length;
    if (succeeded !== POOL || patches !== POOL * 2) throw new Error(`expected ${POOL} upgrades and ${POOL * 2} PATCHes, saw ${succeeded} and ${patches}`);

    const x = (baseline: number[], measured: number[]) =>
      `p50 ${(percentile(measured, 0.5) / percentile(baseline, 0.5)).toFixed(2)}×, p95 ${(percentile(measured, 0.95) / percentile(baseline, 0.95)).toFixed(2)}× the baseline`;
    console.log(`\napproval: ${RESOURCES.toLocaleString("en")} resources in the inventory (${tenantCaches} served by the simulator in-process), HTTP through /api/messages`);
    console.log(`  (a) dialog round trip, ${DIALOG_RUNS} runs each (after ${WARMUP} warm-up)`);
    console.log(pRow("baseline  \"<name>\" → detail card at connector", detailMs));
    console.log(pRow("dialog    \"upgrade <name>\" → dialog card at connector", dialogMs));
    console.log(`            the dialog takes ${x(detailMs, dialogMs)}`);
    console.log(`  (b) confirm to write, ${WRITE_RUNS} distinct caches each (after ${WARMUP} warm-up)`);
    console.log(pRow("baseline  SDK beginUpdate → PATCH at simulator", sdkMs));
    console.log(pRow("confirm   invoke → PATCH at simulator", confirmMs));
    console.log(pRow("          (invoke → its HTTP answer, for reference)", invokeMs));
    // A recorded write invalidates the engine's index: the next question pays for rebuilding it.
    console.log(pRow("          (dialog right after a write, for reference)", afterWriteMs));
    console.log(`            confirm-to-write takes ${x(sdkMs, confirmMs)}`);
    if (errors.length) console.log(`  ${errors.length} error(s) reported during the run; first: ${String((errors[0] as Error)?.message ?? errors[0])}`);
  } finally {
    await sim.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
