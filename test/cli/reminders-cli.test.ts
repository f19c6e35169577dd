import { rmSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createArmAccess } from "../../src/azure/create-arm-access.ts";
import { runScan } from "../../src/azure/scan/run-scan.ts";
import { loadTenantFile, startSimulator } from "../../src/azure/simulator/index.ts";
import { DEMO_TENANT_FILE } from "../../src/cli/runtime.ts";
import { ingestMessage } from "../../src/notices/ingest/ingest-message.ts";
import { openStore } from "../../src/store/open-store.ts";
import { redisNotice } from "../notices/mail-builder.ts";
import { freshDataDir } from "../support/data-dir.ts";
import { cli } from "./cli-harness.ts";

const PROD = "11111111-1111-4111-a111-111111111111";
// Monday 30 November 2026, 09:00 in Tokyo (the schedules' default zone): the digest's slot.
const MONDAY_9 = "2026-11-30T00:00:00Z";

interface PreviewJson {
  now: string;
  digestSlot: string | null;
  reminders: Array<{ retirementId: string; afterDays: number | null; affected: string[] }>;
  conversations: Array<{
    key: string; langs: string;
    reminders: Array<{ key: string; retirementId: string; afterDays: number | null; affected: string[]; status: string }>;
    allDone: Array<{ key: string; retirementId: string; deadline: string; status: string }>;
    digest: { key: string; status: string; fixed: number; notices: string[]; heldNotices?: { count: number; oldestReceivedAt: string | null } } | null;
  }>;
}

let dataDir: string;
let env: Record<string, string>;

/** A scanned demo inventory and three conversations, in a store closed again so the CLI can open it. */
beforeAll(async () => {
  dataDir = freshDataDir("tlsbot-reminders-cli-");
  env = { TLSBOT_DATA_DIR: dataDir };
  const sim = await startSimulator({ tenant: await loadTenantFile(DEMO_TENANT_FILE), token: "t" });
  const store = await openStore({ dataDir });
  try {
    const clients = await createArmAccess({ endpoint: sim.url, token: "t", ca: sim.ca });
    await runScan({ clients, store, now: () => new Date("2026-11-20T00:00:00Z") }, { source: "arm", concurrency: 4, timeoutMs: 30_000 });
    const at = "2026-11-20T00:00:00.000Z";
    await store.upsertConversation({ key: "teams:ops", platform: "teams", reference: {}, kind: "channel", tenant: null, scopes: [PROD], updatedAt: at });
    await store.upsertConversation({ key: "slack:C0ALL", platform: "slack", reference: { channel: "C0ALL" }, kind: "channel", tenant: null, scopes: ["*"], langs: "en", updatedAt: at });
    // Snoozed for everything until mid-December.
    await store.updateConversationSettings("slack:C0ALL", { snoozes: { "*": "2026-12-15T00:00:00.000Z" } }, at);
    await store.upsertConversation({ key: "teams:quiet", platform: "teams", reference: {}, kind: "channel", tenant: null, updatedAt: at });
  } finally {
    await store.close();
    await sim.close();
  }
});
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe("tlsbot reminders", () => {
  it("previews per conversation the reminders and the digest a run at that instant would post, and claims nothing", async () => {
    const run = await cli(["reminders", "--now", MONDAY_9, "--json"], env);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout) as PreviewJson;
    expect(out.digestSlot).toBe("2026-11-30T00:00:00.000Z");
    // Only subscribed conversations.
    expect(out.conversations.map((c) => c.key).sort()).toEqual(["slack:C0ALL", "teams:ops"]);
    const ops = out.conversations.find((c) => c.key === "teams:ops")!;
    const all = out.conversations.find((c) => c.key === "slack:C0ALL")!;
    // Every deadline of the demo is behind 30 Nov 2026: after-deadline reminders, scoped to each conversation.
    expect(ops.reminders.length).toBeGreaterThan(0);
    expect(ops.reminders.every((r) => r.afterDays !== null && r.status === "due" && r.affected.every((id) => id.includes(PROD)))).toBe(true);
    expect(all.reminders.every((r) => r.status === "snoozed")).toBe(true);
    const opsIds = ops.reminders.flatMap((r) => r.affected).length;
    expect(all.reminders.flatMap((r) => r.affected).length).toBeGreaterThan(opsIds);
    // The digest is not snoozed.
    expect(ops.digest).toMatchObject({ key: "digest:2026-11-30", status: "due" });
    expect(all.digest).toMatchObject({ key: "digest:2026-11-30", status: "due" });

    // Nothing was claimed: the same preview again is identical, and the store holds no post and no job run.
    const again = JSON.parse((await cli(["reminders", "--now", MONDAY_9, "--json"], env)).stdout) as PreviewJson;
    expect(again.conversations).toEqual(out.conversations);
    const store = await openStore({ dataDir });
    try {
      for (const r of ops.reminders) expect(await store.postStatus("teams:ops", r.key)).toBeNull();
      expect(await store.postStatus("teams:ops", "digest:2026-11-30")).toBeNull();
      expect(await store.claimJobRun("reminders:probe", MONDAY_9)).toBe(true);
    } finally {
      await store.close();
    }
  });

  it("shows no digest before its slot, or on another day", async () => {
    const early = JSON.parse((await cli(["reminders", "--now", "2026-11-29T23:59:00Z", "--json"], env)).stdout) as PreviewJson;
    expect(early.digestSlot).toBeNull();
    expect(early.conversations.every((c) => c.digest === null)).toBe(true);
    const tuesday = JSON.parse((await cli(["reminders", "--now", "2026-12-01T03:00:00Z", "--json"], env)).stdout) as PreviewJson;
    expect(tuesday.digestSlot).toBeNull();
    // A weekday digest configured instead: today's slot counts.
    const daily = JSON.parse((await cli(["reminders", "--now", "2026-12-01T03:00:00Z", "--json"], { ...env, TLSBOT_DIGEST_SCHEDULE: "30 8 * * 1-5" })).stdout) as PreviewJson;
    expect(daily.digestSlot).toBe("2026-11-30T23:30:00.000Z");
  });

  it("says it in the reader's language", async () => {
    const en = await cli(["reminders", "--now", MONDAY_9], env);
    expect(en.stdout).toContain("Weekly digest slot today: 30 Nov 2026 09:00 (Asia/Tokyo).");
    expect(en.stdout).toContain(`teams:ops (ja+en, following ${PROD})`);
    // One count of days a line: how far past its deadline it is today. The weekly slot the reminder belongs to (455 days,
    // the last whole week) is the post's key, not a second count of days for the reader to reconcile.
    const hub = /^ {2}\[due\] Azure IoT Hub: 31 Aug 2025 \(456 days overdue\) — reminder after the deadline \(every 7 days\), (\d+) (resources?) still affected$/m.exec(en.stdout);
    expect(hub, en.stdout).not.toBeNull();
    expect(hub![2]).toBe(hub![1] === "1" ? "resource" : "resources");
    expect(en.stdout).not.toMatch(/days past|\(s\)/);
    expect(en.stdout).toMatch(/\[snoozed\] /);
    expect(en.stdout).toMatch(/\[due\] weekly digest: 0 new notices, 0 fixed, \d+ still affected, 0 upgrades done, 0 pending, 0 notices waiting for review$/m);
    expect(en.stdout).toMatch(/ — [2-9] checklist items still open$/m);
    expect(en.stdout).toMatch(/\] Application Insights ingestion: .* — 1 checklist item still open$/m);
    const ja = await cli(["reminders", "--now", MONDAY_9, "--lang", "ja"], env);
    expect(ja.stdout).toContain("本日の週次ダイジェストの時刻: 2026年11月30日 09:00 (Asia/Tokyo)");
    expect(ja.stdout).toMatch(/^ {2}\[送信予定\] Azure IoT Hub: 2025年8月31日 \(456 日超過\) — 期限後のリマインダー \(7 日ごと\)、影響を受けるリソース \d+ 件$/m);
    expect(ja.stdout).not.toMatch(/経過/);
    expect(ja.stdout).toMatch(/\[スヌーズ中\] /);
    expect(ja.stdout).toContain("[送信予定] 週次ダイジェスト: 新しい通知 0 件、対応済み 0 件、未対応");
  });

  it("lists the one-time \"all done\" posts a run would send, sent ones as sent, and sends none itself", async () => {
    // A conversation that was reminded after two deadlines and has nothing of either left in its scope
    // (a subscription with no resources): it hears "all done" once per retirement.
    const at = "2026-11-21T00:00:00.000Z";
    const store = await openStore({ dataDir });
    try {
      await store.upsertConversation({ key: "teams:done", platform: "teams", reference: {}, kind: "channel", tenant: null, scopes: ["99999999-9999-4999-a999-999999999999"], langs: "ja+en", updatedAt: at });
      for (const key of ["reminder:iothub-tls10-11:2025-08-31:after:448", "reminder:redis-tls10-11:2025-03-01:after:630", "reminderDone:redis-tls10-11:2025-03-01"]) {
        expect(await store.claimPost("teams:done", key, at)).toBe(true);
        await store.completePost("teams:done", key, { activityId: "1" }, at);
      }
    } finally {
      await store.close();
    }
    const out = JSON.parse((await cli(["reminders", "--now", MONDAY_9, "--json"], env)).stdout) as PreviewJson;
    const done = out.conversations.find((c) => c.key === "teams:done")!;
    // Only the agents' checklists, which every subscribed conversation hears of; nothing of Redis or IoT Hub.
    expect(done.reminders.every((r) => r.affected.length === 0 && !["redis-tls10-11", "iothub-tls10-11"].includes(r.retirementId))).toBe(true);
    expect(done.allDone).toEqual([
      { key: "reminderDone:redis-tls10-11:2025-03-01", retirementId: "redis-tls10-11", deadline: "2025-03-01", status: "sent" },
      { key: "reminderDone:iothub-tls10-11:2025-08-31", retirementId: "iothub-tls10-11", deadline: "2025-08-31", status: "due" },
    ]);
    // Conversations with resources still left in scope are not told.
    expect(out.conversations.find((c) => c.key === "teams:ops")!.allDone.map((d) => d.retirementId)).not.toContain("iothub-tls10-11");

    const en = await cli(["reminders", "--now", MONDAY_9], env);
    expect(en.stdout).toContain("[due] Azure IoT Hub: 31 Aug 2025 (456 days overdue) — all done: nothing left in this conversation's scope (posted once)");
    expect(en.stdout).toMatch(/\[already sent\] Azure Cache for Redis: .* — all done/);
    const ja = await cli(["reminders", "--now", MONDAY_9, "--lang", "ja"], env);
    expect(ja.stdout).toContain("[送信予定] Azure IoT Hub: 2025年8月31日 (456 日超過) — 対応完了: この会話の対象に残っているリソースはありません (1 回だけ投稿)");

    const after = await openStore({ dataDir });
    try {
      expect(await after.postStatus("teams:done", "reminderDone:iothub-tls10-11:2025-08-31")).toBeNull();
    } finally {
      await after.close();
    }
  });

  it("counts the notices waiting for review in each digest, in --json as in the text", async () => {
    const store = await openStore({ dataDir });
    try {
      const held = await ingestMessage(store, { bytes: redisNotice("1 May 2028", { from: "azure-noreply@micros0ft-support.com" }), source: "test", receivedAt: "2026-11-25T00:00:00.000Z" }, { now: () => new Date("2026-11-25T00:00:00Z") });
      expect(held.notice.status).toBe("triage");
    } finally {
      await store.close();
    }
    const out = JSON.parse((await cli(["reminders", "--now", MONDAY_9, "--json"], env)).stdout) as PreviewJson;
    // A conversation with nothing else in its week gets a digest for them alone: the JSON must say why.
    expect(out.conversations.find((c) => c.key === "teams:done")!.digest).toMatchObject({ status: "due", notices: [], fixed: 0, heldNotices: { count: 1, oldestReceivedAt: "2026-11-25T00:00:00.000Z" } });
    for (const c of out.conversations) expect(c.digest?.heldNotices?.count).toBe(1);
    expect((await cli(["reminders", "--now", MONDAY_9], env)).stdout).toMatch(/\[due\] weekly digest: .*, 1 notice waiting for review$/m);
  });

  it("refuses a digest schedule that is not a cron expression, in the reader's language, and changes nothing", async () => {
    const en = await cli(["reminders", "--now", MONDAY_9], { ...env, TLSBOT_DIGEST_SCHEDULE: "every monday" });
    expect(en.code).not.toBe(0);
    expect(en.stderr).toContain("Invalid configuration: TLSBOT_DIGEST_SCHEDULE");
    const ja = await cli(["reminders", "--now", MONDAY_9, "--lang", "ja"], { ...env, TLSBOT_SCHEDULE_TIME_ZONE: "Mars/Olympus" });
    expect(ja.code).not.toBe(0);
    expect(ja.stderr).toContain("設定が正しくありません: TLSBOT_SCHEDULE_TIME_ZONE");
    const jaCron = await cli(["reminders", "--now", MONDAY_9, "--lang", "ja"], { ...env, TLSBOT_DIGEST_SCHEDULE: "every monday" });
    expect(jaCron.stderr).toContain("設定が正しくありません: TLSBOT_DIGEST_SCHEDULE — cron 式");
    expect(jaCron.stderr).not.toContain("expected");
  });

  it("refuses an instant it cannot read, in the reader's language", async () => {
    const en = await cli(["reminders", "--now", "next monday"], env);
    expect(en.code).not.toBe(0);
    expect(en.stderr).toMatch(/--now|next monday/);
    const ja = await cli(["reminders", "--now", "next monday", "--lang", "ja"], env);
    expect(ja.code).not.toBe(0);
    expect(ja.stderr).not.toBe(en.stderr);
  });
});
