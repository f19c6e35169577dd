import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApprovals } from "../../src/approvals/approvals.ts";
import { parseApprovers } from "../../src/approvals/approvers.ts";
import { createArmAccess } from "../../src/azure/create-arm-access.ts";
import { RESOURCE_KINDS } from "../../src/azure/kinds/load-kinds.ts";
import { runScan } from "../../src/azure/scan/run-scan.ts";
import { loadTenantFile, startSimulator, type RunningSimulator } from "../../src/azure/simulator/index.ts";
import { DEMO_TENANT_FILE } from "../../src/cli/runtime.ts";
import { createEngine } from "../../src/conversation/engine.ts";
import type { View } from "../../src/render/view-model.ts";
import { openStore } from "../../src/store/open-store.ts";
import { createSqlApprovalStore } from "../../src/store/sql-approval-store.ts";
import type { SqlExecutor } from "../../src/store/sql-executor.ts";
import { freshDataDir } from "../support/data-dir.ts";
import { cli } from "./cli-harness.ts";

const TOKEN = "approvals-cli-token";
const SUB_PROD = "11111111-1111-4111-a111-111111111111";
const idOf = (group: string, type: string, name: string) => `/subscriptions/${SUB_PROD}/resourceGroups/${group}/providers/${type}/${name}`;
const CART = idOf("rg-commerce-prod", "Microsoft.Cache/Redis", "redis-cart-prod");
const SESSION = idOf("rg-commerce-prod", "Microsoft.Cache/Redis", "redis-session-prod");
const PAYMENTS = idOf("rg-payments-prod", "Microsoft.Cache/Redis", "redis-payments-prod");
const FRAUD = idOf("rg-payments-prod", "Microsoft.Cache/Redis", "redis-fraud-prod");
const OSAKA = idOf("rg-factory-prod", "Microsoft.Devices/IotHubs", "iot-factory-osaka");
const FLEET = idOf("rg-logistics-prod", "Microsoft.Devices/IotHubs", "iot-fleet-prod");

interface ApprovalJson {
  id: string; resourceId: string; resourceName: string; kind: string; state: string; requestedBy: string; approvedBy: string[];
  needsSecond: boolean; dryRun: boolean; createdAt: string; updatedAt: string; failure: { code: string; message: string } | null;
  [key: string]: unknown;
}
interface AuditJson { resource: string | null; entries: Array<{ seq: number; actor: string; action: string; target: string | null; detail: Record<string, unknown> }> }

let sim: RunningSimulator;
let dataDir: string;
let caDir: string;
let env: Record<string, string>;
/** Resource id → the approval id the world below created for it. */
const ids = new Map<string, string>();

/**
 * One approval in each state, made the way chat makes them (engine → workflow → SDK → simulator), in a
 * store the test then closes so the CLI can take the data directory's lock.
 */
async function buildWorld(): Promise<void> {
  sim = await startSimulator({ tenant: await loadTenantFile(DEMO_TENANT_FILE), token: TOKEN, redisPatchMode: "202", asyncPollsBeforeDone: 1 });
  caDir = mkdtempSync(join(tmpdir(), "tlsbot-ca-"));
  writeFileSync(join(caDir, "sim.pem"), sim.ca);
  dataDir = freshDataDir("tlsbot-approvals-cli-");
  env = { TLSBOT_DATA_DIR: dataDir, TLSBOT_ARM_ENDPOINT: sim.url, TLSBOT_ARM_TOKEN: TOKEN, TLSBOT_ARM_CA_FILE: join(caDir, "sim.pem") };

  let clock = new Date("2026-11-26T03:00:00Z");
  const now = () => clock;
  const tick = () => (clock = new Date(clock.getTime() + 60_000));
  const store = await openStore({ dataDir });
  try {
    const clients = await createArmAccess({ endpoint: sim.url, token: TOKEN, ca: sim.ca, pollIntervalMs: 20 });
    await runScan({ clients, store, now }, { source: "arm", concurrency: 4, timeoutMs: 30_000 });
    const approvalStore = createSqlApprovalStore((store as unknown as { exec: SqlExecutor }).exec);
    const { entries } = parseApprovers([`teams:aad-alice@/subscriptions/${SUB_PROD}`]);
    const approvals = createApprovals({
      approvals: approvalStore, store, clients: () => clients, kinds: RESOURCE_KINDS, now,
      policy: { approvers: entries, twoPersonScopes: [PAYMENTS], dryRunScopes: [], ttlMs: 24 * 3600_000 },
    });
    const engine = createEngine({ store, now, approvals });
    const actor = { platform: "teams" as const, id: "aad-alice" };
    const act = async (verb: string, data: Record<string, unknown>) => (await engine.handle({ actor, conversationId: "teams:ops", action: { verb, data }, replyTarget: "activity-1" })).view;
    const request = async (resourceId: string) => {
      tick();
      const view = await act("approveUpgrade", { resourceId });
      expect(view.type).toBe("approvalDialog");
      const d = view as Extract<View, { type: "approvalDialog" }>;
      ids.set(resourceId, d.approvalId);
      return d;
    };
    const confirm = (d: Extract<View, { type: "approvalDialog" }>) =>
      act("confirmUpgrade", { approvalId: d.approvalId, token: d.token, resourceId: d.row.id, target: d.target, ack: "true", typedName: d.row.name });

    await confirm(await request(CART));
    await approvals.idle();
    await request(SESSION);
    await confirm(await request(PAYMENTS));
    sim.addFaults([{ kind: "bad-request", match: { method: "PATCH" }, times: 1 }]);
    await confirm(await request(FRAUD));
    await approvals.idle();
    const osaka = await request(OSAKA);
    await act("cancelUpgrade", { approvalId: osaka.approvalId, token: osaka.token, resourceId: OSAKA, target: "1.2" });
    // A write in flight, as a process that stopped mid-write leaves it: claimed `applying`, nothing finishing it.
    const fleet = await request(FLEET);
    expect(await approvalStore.move(fleet.approvalId, ["requested"], "applying", { approvedBy: ["teams:aad-alice"] }, tick().toISOString())).not.toBeNull();

    const states = new Map((await approvalStore.list({ limit: 50 })).map((a) => [a.resourceId, a.state]));
    expect(Object.fromEntries(states)).toEqual({ [CART]: "succeeded", [SESSION]: "requested", [PAYMENTS]: "awaitingSecond", [FRAUD]: "failed", [OSAKA]: "cancelled", [FLEET]: "applying" });
  } finally {
    await store.close();
  }
}

function runBin(args: string[], extra: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(TLSBOT_|AZURE_|SLACK_|Microsoft|LC_|LANG)/.test(k)));
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["bin/tlsbot.js", ...args], { env: { ...clean, ...extra } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c: Buffer) => (stdout += c.toString()));
    child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
    child.on("exit", (code) => resolve({ code, stdout, stderr }));
  });
}

describe("tlsbot approvals and tlsbot audit --resource", () => {
  beforeAll(buildWorld, 120_000);
  afterAll(async () => {
    await sim?.close();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(caDir, { recursive: true, force: true });
  });

  it("--json lists the open requests (waiting, second approval, applying), newest first, without tokens", async () => {
    const run = await cli(["approvals", "--json"], env);
    expect(run.code, run.stderr).toBe(0);
    const list = JSON.parse(run.stdout) as ApprovalJson[];
    expect(list.map((a) => [a.resourceName, a.state])).toEqual([
      ["iot-fleet-prod", "applying"], ["redis-payments-prod", "awaitingSecond"], ["redis-session-prod", "requested"],
    ]);
    const payments = list.find((a) => a.resourceId === PAYMENTS)!;
    expect(payments).toMatchObject({ id: ids.get(PAYMENTS), kind: "redis", requestedBy: "teams:aad-alice", approvedBy: ["teams:aad-alice"], needsSecond: true, dryRun: false, failure: null });
    expect(list.find((a) => a.resourceId === SESSION)).toMatchObject({ approvedBy: [], needsSecond: false });
    for (const a of list) {
      expect(Object.keys(a).sort()).toEqual(["approvedBy", "conversationId", "createdAt", "dryRun", "expiresAt", "failure", "id", "kind", "needsSecond", "note", "requestedBy", "resourceId", "resourceName", "state", "target", "updatedAt"]);
    }
    expect(run.stdout).not.toMatch(/token|operation/i);
  });

  it("--all adds the finished ones, newest first, with Azure's reason for a failure", async () => {
    const list = JSON.parse((await cli(["approvals", "--all", "--json"], env)).stdout) as ApprovalJson[];
    expect(list.map((a) => [a.resourceName, a.state])).toEqual([
      ["iot-fleet-prod", "applying"], ["iot-factory-osaka", "cancelled"], ["redis-fraud-prod", "failed"],
      ["redis-payments-prod", "awaitingSecond"], ["redis-session-prod", "requested"], ["redis-cart-prod", "succeeded"],
    ]);
    expect(list.find((a) => a.resourceId === CART)).toMatchObject({ id: ids.get(CART), approvedBy: ["teams:aad-alice"], failure: null });
    expect(list.find((a) => a.resourceId === FRAUD)?.failure).toEqual({ code: "BadRequest", message: expect.stringContaining("minimumTlsVersion") });
    const limited = JSON.parse((await cli(["approvals", "--all", "--json", "--limit", "2"], env)).stdout) as ApprovalJson[];
    expect(limited.map((a) => a.resourceName)).toEqual(["iot-fleet-prod", "iot-factory-osaka"]);
  });

  it("prints readable text in English and in Japanese", async () => {
    const en = await cli(["approvals"], env);
    expect(en.code).toBe(0);
    expect(en.stdout).toContain("Open upgrade requests: 3");
    expect(en.stdout).toContain("redis-payments-prod — waiting for a second approver (two approvers)");
    expect(en.stdout).toContain(`Resource: ${PAYMENTS}`);
    expect(en.stdout).toContain("Requested by: teams:aad-alice, 26 Nov 2026 03:03:00 UTC");
    expect(en.stdout).not.toContain("redis-cart-prod");
    // The world's requests were made in November 2026 with a day to live: by any real clock now they have
    // lapsed, and only `serve` closes them, so the listing must not present them as still confirmable.
    expect(en.stdout).toContain("Expires: 27 Nov 2026 03:02:00 UTC (past its expiry; it can no longer be confirmed)");
    const all = await cli(["approvals", "--all"], env);
    expect(all.stdout).toContain("redis-cart-prod — done");
    expect(all.stdout).toMatch(/redis-fraud-prod — failed\n(?:.*\n)*? {2}Azure refused the change \(BadRequest\): Invalid value for minimumTlsVersion/);

    const ja = await cli(["--lang", "ja", "approvals", "--all"], env);
    expect(ja.code).toBe(0);
    expect(ja.stdout).toContain("アップグレード依頼: 6 件 (新しい順)");
    expect(ja.stdout).toContain("redis-cart-prod — 完了");
    expect(ja.stdout).toContain("redis-payments-prod — 2 人目の承認待ち (2 人の承認が必要)");
    expect(ja.stdout).toContain("依頼者: teams:aad-alice, 2026年11月26日 03:01:00 UTC");
    expect(ja.stdout).toContain("Azure が変更を拒否しました (BadRequest)");
    expect(ja.stdout).not.toMatch(/Requested by|waiting for|Resource:/);
  });

  it("audit --resource shows only that resource's steps, whatever the id's letter case", async () => {
    const run = await cli(["audit", "--resource", CART.toUpperCase(), "--json"], env);
    expect(run.code, run.stderr).toBe(0);
    const out = JSON.parse(run.stdout) as AuditJson;
    expect(out.resource).toBe(CART.toUpperCase());
    expect(out.entries.length).toBeGreaterThan(0);
    for (const e of out.entries) expect(e.target?.toLowerCase()).toBe(CART.toLowerCase());
    const approvalSteps = out.entries.filter((e) => e.action.startsWith("approval.")).reverse().map((e) => e.action);
    expect(approvalSteps).toEqual(["approval.requested", "approval.acknowledged", "approval.applyStarted", "approval.applied"]);
    expect(out.entries.every((e) => !e.action.startsWith("approval.") || e.detail["approvalId"] === ids.get(CART))).toBe(true);
    // Unfiltered, the trail holds the other resources' steps too: the filter did the narrowing.
    const everything = JSON.parse((await cli(["audit", "--json", "--limit", "1000"], env)).stdout) as AuditJson;
    expect(everything.resource).toBeNull();
    expect(new Set(everything.entries.map((e) => e.target?.toLowerCase())).size).toBeGreaterThan(3);
    const session = JSON.parse((await cli(["audit", "--resource", SESSION, "--json"], env)).stdout) as AuditJson;
    expect(session.entries.map((e) => e.action)).toEqual(["approval.requested"]);
  });

  it("audit --resource reads in Japanese in ja, in English in en; a non-id is a usage error", async () => {
    const ja = await cli(["--lang", "ja", "audit", "--resource", CART], env);
    expect(ja.code).toBe(0);
    expect(ja.stdout).toContain(`${CART} の監査ログ (新しい順):`);
    for (const words of ["アップグレードを依頼", "確認して承認", "変更を開始", "変更を適用"]) expect(ja.stdout).toContain(words);
    expect(ja.stdout).not.toMatch(/approval\.(requested|applied)|requested an upgrade/);
    expect(ja.stdout).toContain("2026年11月26日");
    const en = await cli(["audit", "--resource", CART], env);
    expect(en.stdout).toContain("requested an upgrade");
    expect(en.stdout).toContain("change applied");
    const none = await cli(["--lang", "ja", "audit", "--resource", `/subscriptions/${SUB_PROD}/resourceGroups/x/providers/Microsoft.Cache/Redis/nothing`], env);
    expect(none.stdout).toMatch(/についての記録はまだありません/);
    const name = await cli(["audit", "--resource", "redis-cart-prod"], env);
    expect(name.code).toBe(2);
    expect(name.stderr).toContain("Invalid value for --resource: redis-cart-prod");
    const limit = await cli(["approvals", "--limit", "lots"], env);
    expect(limit.code).toBe(2);
    expect(limit.stderr).toContain("--limit");
  });

  it("runs through the real bin, following the locale, and its help is localized", async () => {
    const ja = await runBin(["approvals"], { ...env, LANG: "ja_JP.UTF-8" });
    expect(ja.code, ja.stderr).toBe(0);
    expect(ja.stdout).toContain("対応中のアップグレード依頼: 3 件");
    expect(ja.stdout).toContain("iot-fleet-prod — 適用中");
    const help = await cli(["--lang", "ja", "approvals", "--help"], env);
    expect(help.stdout).toContain("完了した依頼");
    const auditHelp = await cli(["audit", "--help"], env);
    expect(auditHelp.stdout).toMatch(/--resource <resourceId>\s+show only entries about this resource/);
    expect(auditHelp.stdout).not.toContain("repeatable");
  }, 60_000);

  it("says so when there is nothing to list", async () => {
    const empty = await cli(["approvals"]);
    expect(empty.code).toBe(0);
    expect(empty.stdout.trim()).toBe("No upgrade requests are waiting or in progress.");
    expect(JSON.parse((await cli(["approvals", "--all", "--json"])).stdout)).toEqual([]);
  });
});
