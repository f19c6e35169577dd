import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Command } from "../../src/conversation/command.ts";
import { createEngine, type Engine } from "../../src/conversation/engine.ts";
import { present } from "../../src/render/present.ts";
import type { View } from "../../src/render/view-model.ts";
import { createApprovals } from "../../src/approvals/approvals.ts";
import { parseApprovers } from "../../src/approvals/approvers.ts";
import { RESOURCE_KINDS } from "../../src/azure/kinds/load-kinds.ts";
import { createSqlApprovalStore } from "../../src/store/sql-approval-store.ts";
import type { SqlExecutor } from "../../src/store/sql-executor.ts";
import { EARLIER, LATER, noticeRetirement, PROD, scannedTenant, SCANNED_AT } from "../support/overlapping-retirements.ts";
import type { ScanFixture } from "../support/scan-fixture.ts";

const ask = (engine: Engine, text: string) => engine.handle({ actor: { platform: "slack", id: "U1" }, conversationId: "slack:C1", text } satisfies Command);
const bulletOf = (view: View, lang: "en" | "ja", trackingId: string) => present(view, lang).bullets.find((b) => b.includes(trackingId)) ?? "";

/**
 * Two trusted notices created retirements for PostgreSQL flexible servers after the last scan: due 1 March 2027 and
 * 1 September 2027. Asked about retirements, the bot counts the servers under the earlier one, which governs them,
 * and says of the later one that its servers are counted there.
 */
describe("answers about two notice-created retirements for the same type", () => {
  let fx: ScanFixture;
  let engine: Engine;

  beforeAll(async () => {
    fx = await scannedTenant();
    await fx.store.upsertRetirement(noticeRetirement(EARLIER, 21));
    await fx.store.upsertRetirement(noticeRetirement(LATER, 22));
    engine = createEngine({ store: fx.store, now: () => SCANNED_AT, freshnessMs: 0 });
  });
  afterAll(async () => { await fx?.close(); });

  it("'retirements' counts the servers under the earlier retirement only, and says where the later one's are", async () => {
    const r = await ask(engine, "retirements");
    const items = r.view.type === "retirements" ? r.view.items : [];
    expect(items.filter((i) => i.id.startsWith("tracking-")).map((i) => [i.id, i.affected, i.scanned])).toEqual([[EARLIER.id, 3, true], [LATER.id, 0, true]]);
    expect(bulletOf(r.view, "en", "AAAA-111")).toContain("3 resources still affected");
    const later = bulletOf(r.view, "en", "BBBB-222");
    expect(later).toContain("3 resources counted under Tracking ID AAAA-111 (1 Mar 2027) instead");
    expect(later).not.toMatch(/still affected|no scanned resource affected|not scanned/);
    expect(bulletOf(r.view, "ja", "BBBB-222")).toContain("3 件は 追跡 ID AAAA-111 (2027年3月1日) の対象として数えています");
    // The Tracking IDs each retirement carries are named in the reader's language too.
    expect(bulletOf(r.view, "en", "BBBB-222")).toContain("Tracking ID BBBB-222");
    expect(bulletOf(r.view, "ja", "BBBB-222")).toContain("追跡 ID BBBB-222");
    expect(bulletOf(r.view, "ja", "BBBB-222")).not.toContain("Tracking ID");
  });

  it.each([["when is the deadline for postgres servers", "en"], ["PostgreSQL サーバーの期限はいつ？", "ja"]] as const)(
    "'%s' answers with the notices' retirements, not that none was announced", async (text, lang) => {
      const r = await ask(engine, text);
      expect(r.view).toMatchObject({ type: "retirements" });
      expect(r.view.type === "retirements" ? [r.view.items.map((i) => i.id), r.view.kindsWithout ?? []] : null).toEqual([[EARLIER.id, LATER.id], []]);
      expect(present(r.view, lang).subtitle).toBeNull();
    });

  it.each([
    ["status of BBBB-222", "en"], ["status of tracking ID BBBB-222", "en"], ["what's the deadline for bbbb-222?", "en"], ["BBBB-222", "en"],
    ["BBBB-222 の状況", "ja"], ["追跡 ID BBBB-222 の状況は？", "ja"],
  ] as const)("'%s' answers with that notice's retirement, as a catalog retirement's status is answered", async (text, lang) => {
    const r = await ask(engine, text);
    expect([r.lang, r.intent], text).toEqual([lang, "retirements"]);
    expect(r.view.type === "retirements" ? r.view.items.map((i) => i.id) : r.view).toEqual([LATER.id]);
    const p = present(r.view, lang);
    expect(p.bullets).toHaveLength(1);
    expect(p.bullets[0]).toContain(lang === "en" ? "Tracking ID BBBB-222" : "追跡 ID BBBB-222");
    expect(p.bullets[0]).toContain(lang === "en" ? "1 Sep 2027" : "2027年9月1日");
  });

  it("'snooze BBBB-222 for 2 weeks' snoozes that retirement's reminders only, not every reminder", async () => {
    await fx.store.upsertConversation({ key: "slack:C1", platform: "slack", reference: { channel: "C1" }, kind: "channel", tenant: null, scopes: ["*"], updatedAt: SCANNED_AT.toISOString() });
    const r = await ask(engine, "snooze BBBB-222 for 2 weeks");
    expect(r.view).toMatchObject({ type: "subscription", snoozes: [{ retirementId: LATER.id, until: "2026-12-10" }] });
    expect(Object.keys((await fx.store.getConversation("slack:C1"))?.snoozes ?? {})).toEqual([LATER.id]);
  });

  it("a server's detail names the notice's retirement and deadline that govern it, not the catalog's 'no retirement announced', in both languages", async () => {
    for (const [text, lang, named, none] of [
      ["pg-orders-prod", "en", "Its deadline comes from a retirement notice: Tracking ID AAAA-111, due 1 Mar 2027.", "no TLS 1.0/1.1 retirement date"],
      ["pg-orders-prod の状態", "ja", "期限は廃止のお知らせ (追跡 ID AAAA-111) によるもので、2027年3月1日です。", "廃止期限を発表していません"],
    ] as const) {
      const r = await ask(engine, text);
      expect(r.view, text).toMatchObject({ type: "resourceDetail", row: { name: "pg-orders-prod", deadline: EARLIER.deadline }, governedBy: { retirementId: EARLIER.id, deadline: EARLIER.deadline } });
      const bullets = present(r.view, lang).bullets.join("\n");
      expect(bullets, text).toContain(named);
      expect(bullets, text).not.toContain(none);
      // What raising the parameter does is still said.
      expect(bullets, text).toContain("ssl_min_protocol_version");
    }
  });

  it("the upgrade dialog of such a server does not say that no retirement was announced either", async () => {
    const approvals = createApprovals({
      approvals: createSqlApprovalStore((fx.store as unknown as { exec: SqlExecutor }).exec), store: fx.store, clients: () => fx.clients, kinds: RESOURCE_KINDS,
      policy: { approvers: parseApprovers([`slack:U1@/subscriptions/${PROD}`]).entries, twoPersonScopes: [], dryRunScopes: [], ttlMs: 3600_000 }, now: () => SCANNED_AT,
    });
    const upgrading = createEngine({ store: fx.store, now: () => SCANNED_AT, approvals, freshnessMs: 0 });
    const r = await ask(upgrading, "upgrade pg-orders-prod");
    expect(r.view).toMatchObject({ type: "approvalDialog", row: { name: "pg-orders-prod", deadline: EARLIER.deadline } });
    expect(r.view.type === "approvalDialog" && r.view.sideEffects).toEqual(["postgresDynamicParameter", "postgresOnlyTls12Or13"]);
    expect(present(r.view, "en").bullets.join("\n")).not.toContain("no TLS 1.0/1.1 retirement date");
  });
});
