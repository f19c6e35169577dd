import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runScan } from "../../src/azure/scan/run-scan.ts";
import { loadTenantFile } from "../../src/azure/simulator/index.ts";
import { DEMO_TENANT_FILE } from "../../src/cli/runtime.ts";
import { heldNoticeView } from "../../src/conversation/held-notice-view.ts";
import { createEngine, type Engine } from "../../src/conversation/engine.ts";
import { MAX_CARD_BYTES, renderAdaptiveCard, renderBilingualCard } from "../../src/render/adaptive/render-adaptive-card.ts";
import { LANGS, translator } from "../../src/render/i18n.ts";
import { listTitle, present } from "../../src/render/present.ts";
import type { ResourceFilter } from "../../src/conversation/intent.ts";
import { renderBlockKit, SLACK_LIMITS, type Block } from "../../src/render/slack/render-block-kit.ts";
import { renderApprovalModal } from "../../src/render/slack/render-modal.ts";
import { renderText } from "../../src/render/text/render-text.ts";
import type { ResourceRow, View } from "../../src/render/view-model.ts";
import { scanFixture, type ScanFixture } from "../support/scan-fixture.ts";
import { cardProblems } from "./validate-card.ts";

const NOW = new Date("2026-11-26T03:00:00Z");
const SNAPSHOT_KINDS = ["redis", "iothub"] as const;
const SNAPSHOT_RETIREMENTS = ["redis-tls10-11", "iothub-tls10-11", "backup-mars-tls10-11", "azure-wide-tls10-11"];
const QUESTIONS = {
  list: "which caches are below 1.2",
  detail: "redis-cart-prod",
  retirements: "retirements",
  help: "help",
  notUnderstood: "what's for lunch",
  greeting: "hello there",
  notInventory: "Why is TLS 1.3 not the default for Redis?",
  language: "english please",
  due: "what is due in the next 400 days",
  overview: "status",
  scopedOverview: "status of prod-jp-east",
  changes: "what changed since the last scan",
  serviceDeadline: "what's the deadline for iot hubs",
};

function bigList(rows: number, nameLength: number): View {
  const row = (i: number): ResourceRow => ({
    id: `/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-${i}/providers/Microsoft.Cache/Redis/${"r".repeat(nameLength)}-${i}`,
    name: `${"r".repeat(nameLength)}-${i}`, kind: "redis", type: "Microsoft.Cache/Redis", subscriptionId: "00000000-0000-0000-0000-000000000000", subscriptionName: "本番サブスクリプション-東日本", resourceGroup: `rg-${i}`, location: "japaneast",
    effectiveTls: "1.0", configuredTls: null, status: "overdue", deadline: "2025-03-01", daysLeft: -635, reason: "redisDefaultBefore2020",
  });
  return { type: "resourceList", filter: { kinds: ["redis"], tls: { op: "lt", version: "1.2" } }, scopeNames: [], rows: Array.from({ length: rows }, (_, i) => row(i)), total: rows * 10, offset: 0, unknownTls: 3, actions: [{ verb: "page", label: "nextPage", data: { offset: rows } }] };
}

function checkSlack(blocks: readonly Block[]): void {
  expect(blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.blocks);
  for (const b of blocks) {
    const text = (b["text"] as { text?: string } | undefined)?.text ?? "";
    if (b["type"] === "section") expect(text.length).toBeLessThanOrEqual(SLACK_LIMITS.sectionText);
    if (b["type"] === "header") expect(text.length).toBeLessThanOrEqual(SLACK_LIMITS.headerText);
    for (const el of [...((b["elements"] as Array<{ value?: string }> | undefined) ?? []), ...(b["accessory"] ? [b["accessory"] as { value?: string }] : [])]) {
      if (el.value !== undefined) expect(el.value.length).toBeLessThanOrEqual(SLACK_LIMITS.buttonValue);
    }
  }
}

describe("rendered answers", () => {
  let fx: ScanFixture;
  let engine: Engine;
  const views = new Map<string, View>();
  beforeAll(async () => {
    fx = await scanFixture({ tenant: await loadTenantFile(DEMO_TENANT_FILE) });
    // Snapshots pin rendering, not the inventory: only the first two kinds are scanned, so adding a kind
    // or demo resources leaves these cards as they are.
    await runScan({ clients: fx.clients, store: fx.store, now: () => NOW }, { source: "arm", concurrency: 4, timeoutMs: 30_000, kinds: [...SNAPSHOT_KINDS] });
    engine = createEngine({ store: fx.store, now: () => NOW });
    for (const [name, q] of Object.entries(QUESTIONS)) views.set(name, (await engine.handle({ actor: { platform: "cli", id: "snap" }, conversationId: "snap", text: q })).view);
    const retirements = views.get("retirements") as Extract<View, { type: "retirements" }>;
    views.set("retirements", { ...retirements, items: retirements.items.filter((i) => SNAPSHOT_RETIREMENTS.includes(i.id)) });
    views.set("error", { type: "error", code: "resourceUnknown", params: { id: "/subscriptions/x" } });
    views.set("notHere", { type: "error", code: "approvalsUnavailable", params: {} });
    views.set("failure", { type: "error", code: "storeUnavailable", params: { target: "postgres://db", reason: "ECONNREFUSED" } });
    const cart = (views.get("list") as Extract<View, { type: "resourceList" }>).rows.find((r) => r.name === "redis-cart-prod")!;
    views.set("approval", {
      type: "approvalDialog", approvalId: "00000000-0000-4000-8000-000000000001", token: "tok", step: "confirm", row: cart, target: "1.2", reversible: false,
      sideEffects: ["redisFailover", "redisIrreversible"], evidence: [{ key: "redisNoServerLog" }, { key: "redisTestClients" }], needsSecond: true, dryRun: false,
      expiresAt: "2026-11-27T03:00:00.000Z", problem: null, requestedBy: null,
    });
    views.set("approvalStatus", { type: "approvalStatus", approvalId: "a", resourceId: cart.id, resourceName: cart.name, state: "failed", target: "1.2", dryRun: false, note: null, error: { code: "BadRequest", message: "Invalid value" }, approvedBy: ["web:local"] });
    views.set("approvalRefused", { type: "approvalRefused", reason: "outOfScope", resourceName: cart.name });
    views.set("scan", { type: "scan", total: 23, needsAction: 12, errors: 1, added: 2, changed: 1, removed: 0 });
    views.set("checklist", { type: "checklist", retirementId: "backup-mars-tls10-11", deadline: "2021-09-01", daysLeft: -1912, ticked: "marsAgentUpdated", items: [
      { key: "marsAgentUpdated", done: true, doneBy: "slack:U1", doneAt: "2026-11-26T03:00:00.000Z" }, { key: "schannelTls12Client", done: false, doneBy: null, doneAt: null }, { key: "restartServices", done: false, doneBy: null, doneAt: null }] });
    views.set("digest", {
      type: "digest", since: "2026-11-23T00:00:00.000Z", until: "2026-11-30T00:00:00.000Z", notices: [{ retirementId: "redis-tls10-11", deadline: "2027-03-01", daysLeft: 91 }],
      fixed: [cart], fixedTotal: 12, affected: [{ retirementId: "iothub-tls10-11", deadline: "2025-08-31", daysLeft: -456, atRisk: 0, overdue: 2, unknown: 1 }],
      affectedList: { statuses: ["at-risk", "overdue", "unknown"], kinds: [], scope: { subscriptions: [{ id: cart.subscriptionId, name: cart.subscriptionName }], resourceGroups: [] }, total: 4, uncovered: 1 },
      upgradesDone: [{ resourceName: "iot-factory-osaka", state: "succeeded" }], upgradesDoneTotal: 1, upgradesPending: [{ resourceName: cart.name, state: "awaitingSecond" }], upgradesPendingTotal: 1,
      heldNotices: { count: 2, oldestReceivedAt: "2026-11-20T08:00:00.000Z" },
    });
    const held = {
      id: 42, subject: "[Fwd] Action required: Azure Cache for Redis TLS 1.0 and 1.1 retirement", receivedAt: "2026-11-25T23:30:00.000Z", source: "mail" as const,
      from: "ops-lead@contoso.co.jp", reason: "untrusted.forwarded", isTls: true, deadline: null, candidates: ["2025-03-01", "2025-06-30"], services: ["redis-tls10-11"],
      trackingId: "1LKS-5DG", evidence: "Azure Cache for Redis will retire support for TLS 1.0 and 1.1 on 1 March 2025",
    };
    views.set("heldNotice", heldNoticeView(held, null, true));
    // Held because the second deadline reader picked another day: the reader's day first, both to accept.
    views.set("heldNoticeTwoReadings", heldNoticeView({ ...held, id: 44, reason: "ambiguousDeadline", deadline: "2025-03-01", candidates: ["2025-03-01", "2025-06-30"] }, "en"));
    views.set("noticeQueue", { type: "noticeQueue", items: [held, { ...held, id: 43, subject: "", reason: "noDeadline", candidates: [], trackingId: null, evidence: null }], total: 7 });
    views.set("noticeDecision", { type: "noticeDecision", noticeId: 42, decision: "accepted", status: "applied", reason: "postponed", retirements: [{ id: "redis-tls10-11", deadline: "2025-06-30", daysLeft: -514 }] });
    views.set("heldNoticeDecided", { type: "heldNoticeDecided", notice: held, status: "applied", reason: "postponed", decision: "accepted", by: "teams:29:reviewer", byName: "Aiko Sato", at: "2026-11-26T02:30:00Z", retirements: [{ id: "redis-tls10-11", deadline: "2025-06-30", daysLeft: -514 }] });
  });
  afterAll(async () => { await fx.close(); });

  it.each(LANGS)("every view is a valid Adaptive Card (≤ 1.5) in %s, matching its snapshot", (lang) => {
    for (const [name, view] of views) {
      const card = renderAdaptiveCard(present(view, lang));
      expect(cardProblems(card), `${name} (${lang})`).toEqual([]);
      // Teams renders TextBlocks and FactSets as Markdown; every text goes in a TextRun (cards/README.md).
      expect(JSON.stringify(card), `${name} (${lang})`).not.toMatch(/"type":"(TextBlock|FactSet)"/);
      expect(card, `${name} (${lang})`).toMatchSnapshot(`${name}-${lang}`);
    }
  });

  it("shows in the approval dialog the value the upgrade writes: the Application Gateway policy, in both languages, on the card and in the Slack modal", () => {
    const cart = (views.get("approval") as Extract<View, { type: "approvalDialog" }>).row;
    const gateway: ResourceRow = { ...cart, id: "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-web/providers/Microsoft.Network/applicationGateways/agw-web", name: "agw-web", kind: "appgateway", type: "Microsoft.Network/applicationGateways", configuredTls: "1.0", effectiveTls: "1.0", reason: "configured" };
    const dialog: View = { ...(views.get("approval") as Extract<View, { type: "approvalDialog" }>), row: gateway, reversible: null, sideEffects: ["appGatewayPolicyMix"], evidence: [], needsSecond: false };
    for (const [lang, label, profiles] of [["en", "Will set", "SSL profile"], ["ja", "設定する値", "SSL プロファイル"]] as const) {
      const p = present(dialog, lang);
      expect(p.facts, lang).toContainEqual({ label, value: "sslPolicy, sslProfiles[].sslPolicy = AppGwSslPolicy20220101" });
      // Which policies change, and the older-generation policy set where the gateway keeps one (no mixing).
      expect(p.bullets?.join(" "), lang).toContain(profiles);
      expect(p.bullets?.join(" "), lang).toContain("AppGwSslPolicy20170401S");
      expect(JSON.stringify(renderAdaptiveCard(p)), lang).toContain("sslPolicy, sslProfiles[].sslPolicy = AppGwSslPolicy20220101");
      expect(JSON.stringify(renderApprovalModal(p, { channel: "C1", messageTs: "1.2" }).blocks), lang).toContain("sslPolicy, sslProfiles[].sslPolicy = AppGwSslPolicy20220101");
    }
    // Every kind's dialog says what it writes, as the service spells it.
    expect(present(views.get("approval")!, "en").facts).toContainEqual({ label: "Will set", value: "minimumTlsVersion = 1.2" });
  });

  it("says in the dialog that an unset minimum whose effect could not be told is unknown, not 'behaves as ? (review)'", () => {
    const cart = (views.get("approval") as Extract<View, { type: "approvalDialog" }>).row;
    const dialog: View = { ...(views.get("approval") as Extract<View, { type: "approvalDialog" }>), row: { ...cart, configuredTls: null, effectiveTls: "unknown", reason: "redisDefaultUnknownCreation" } };
    const change = (lang: "en" | "ja") => present(dialog, lang).facts?.find((f) => f.value.endsWith("→ 1.2"))?.value;
    expect(change("en")).toBe("not set (the version it accepts is not known) → 1.2");
    expect(change("ja")).toBe("未設定 (受け付ける TLS バージョンは不明) → 1.2");
  });

  it("titles an upgrade of a resource that already requires TLS 1.2 as already so, not as a change just made", () => {
    const already: View = { type: "approvalStatus", approvalId: "", resourceId: "/subscriptions/x/redis-ledger-prod", resourceName: "redis-ledger-prod", state: "succeeded", target: "1.2", dryRun: false, note: "alreadyCompliant", error: null, approvedBy: [] };
    for (const [lang, title, note] of [
      ["en", "redis-ledger-prod already requires TLS 1.2 or later", "Nothing needs to change, so nothing was written to Azure."],
      ["ja", "redis-ledger-prod はすでに TLS 1.2 以上が必須です", "変更は不要なため、Azure には何も書き込んでいません。"],
    ] as const) {
      const p = present(already, lang);
      expect([p.title, p.notes, p.tone], lang).toEqual([title, [note], "good"]);
    }
    // An upgrade that did change it still says so.
    expect(present({ ...already, note: null }, "en").title).toBe("redis-ledger-prod now requires TLS 1.2 or later");
  });

  it("shows a met deadline as done, never overdue, and marks a default TLS as such", async () => {
    const compliant = (await engine.handle({ actor: { platform: "cli", id: "snap" }, conversationId: "snap", text: "caches at least 1.2" })).view;
    const en = JSON.stringify(renderAdaptiveCard(present(compliant, "en")));
    const ja = JSON.stringify(renderAdaptiveCard(present(compliant, "ja")));
    expect(en).toContain("1 Mar 2025 — done");
    expect(en).not.toContain("overdue");
    expect(ja).toContain("2025年3月1日 — 対応済み");
    expect(ja).not.toContain("超過");
    const list = JSON.stringify(renderAdaptiveCard(present(views.get("list")!, "en")));
    expect(list).toContain("1.0 (default)");
  });

  it("writes dates and day counts as each language does", () => {
    const list = views.get("list")!;
    expect(JSON.stringify(renderAdaptiveCard(present(list, "ja")))).toContain("2025年3月1日 (635 日超過)");
    expect(JSON.stringify(renderAdaptiveCard(present(list, "en")))).toContain("1 Mar 2025 (635 days overdue)");
  });

  it("puts a space between Japanese and a Latin word where a list title's parts meet, and leaves names as written", () => {
    const t = translator("ja");
    const title = (f: ResourceFilter, scopeNames: string[] = []) => listTitle(f, scopeNames, t, "ja");
    expect(title({ kinds: ["redis"], tls: { op: "lt", version: "1.2" } })).toBe("TLS 1.2 未満の Redis キャッシュ");
    expect(title({ kinds: ["cosmosdb"], statuses: ["at-risk", "overdue"] })).toBe("対応が必要な Cosmos DB アカウント");
    expect(title({ tls: { op: "lt", version: "1.2" }, due: { from: "2026-11-01", to: "2026-11-30", label: "thisMonth" } })).toBe("今月が期限の TLS 1.2 未満のリソース");
    expect(title({ kinds: ["storage"], subscriptionIds: ["s"] }, ["本番環境A"])).toBe("本番環境A のストレージ アカウント");
    expect(title({ kinds: ["iothub"], subscriptionIds: ["s"] }, ["本番環境A"])).toBe("本番環境A の IoT ハブ");
    expect(listTitle({ kinds: ["redis"], tls: { op: "lt", version: "1.2" } }, [], translator("en"), "en")).toBe("Redis caches below TLS 1.2");
    const snoozed: View = { type: "subscription", active: true, scopeNames: ["*"], langs: "ja", snoozes: [{ retirementId: "storage-tls10-11", until: "2026-12-10" }] };
    expect(present(snoozed, "ja").bullets).toEqual(["Azure Storage のリマインダーを2026年12月10日まで一時停止しています。"]);
  });

  it("names a resource's kind in its detail as a value starts, capitalised (storage accounts too)", () => {
    const detail = views.get("detail") as Extract<View, { type: "resourceDetail" }>;
    const storage: View = { ...detail, row: { ...detail.row, kind: "storage", type: "Microsoft.Storage/storageAccounts" } };
    expect(present(storage, "en").facts).toContainEqual({ label: "Kind", value: "Storage account" });
    expect(present(detail, "en").facts).toContainEqual({ label: "Kind", value: "Redis cache" });
    expect(present(storage, "ja").facts).toContainEqual({ label: "種類", value: "ストレージ アカウント" });
  });

  it("shows an instant's date in the reader's time zone", () => {
    const detail = views.get("detail") as Extract<View, { type: "resourceDetail" }>;
    const late = { ...detail, createdAt: "2019-12-31T20:00:00.000Z" };
    expect(renderText(present(late, "ja"))).toContain("作成日: 2020年1月1日");
    expect(renderText(present(late, "en"))).toContain("Created: 31 Dec 2019");
    expect(renderText(present(late, "en", { timeZone: "Asia/Tokyo" }))).toContain("Created: 1 Jan 2020");
  });

  it("keeps every Block Kit answer within Slack's limits", () => {
    for (const [, view] of views) for (const lang of LANGS) checkSlack(renderBlockKit([present(view, lang)]).blocks);
  });

  it("keeps a list of any length under 28 KB and 50 blocks, saying how many more there are", () => {
    for (const [rows, nameLength] of [[20, 10], [20, 60], [200, 60]] as const) {
      const view = bigList(rows, nameLength);
      for (const lang of LANGS) {
        const card = renderAdaptiveCard(present(view, lang));
        expect(Buffer.byteLength(JSON.stringify(card))).toBeLessThan(MAX_CARD_BYTES);
        expect(cardProblems(card)).toEqual([]);
        const slack = renderBlockKit([present(view, lang)]);
        checkSlack(slack.blocks);
        expect(JSON.stringify(card)).toContain(lang === "ja" ? `${rows * 10} 件中 1〜` : `of ${rows * 10}`);
      }
      const both = renderBilingualCard(LANGS.map((l) => present(view, l)));
      expect(Buffer.byteLength(JSON.stringify(both))).toBeLessThan(MAX_CARD_BYTES);
      expect(cardProblems(both)).toEqual([]);
      checkSlack(renderBlockKit(LANGS.map((l) => present(view, l))).blocks);
    }
  });

  it("a bilingual broadcast carries both languages, one set of actions", () => {
    const card = renderBilingualCard([present(views.get("list")!, "ja"), present(views.get("list")!, "en")]);
    const json = JSON.stringify(card);
    expect(json).toContain("TLS 1.2 未満の Redis キャッシュ");
    expect(json).toContain("Redis caches below TLS 1.2");
    expect(card.actions).toHaveLength(card.actions?.length ? 1 : 0);
  });

  it("renders one subscription's overview per resource group, and a scope with nothing scanned, in text, Adaptive Card and Block Kit", async () => {
    const scoped = views.get("scopedOverview") as Extract<View, { type: "overview" }>;
    const groups = scoped.resourceGroups?.map((g) => g.name) ?? [];
    expect(groups.length).toBeGreaterThan(1);
    const empty = (await engine.handle({ actor: { platform: "cli", id: "snap" }, conversationId: "snap", text: "legacy-archive の状況" })).view;
    for (const [lang, title, noneTitle, none] of [
      ["en", "Where things stand in prod-jp-east", "Where things stand in legacy-archive", "There are no scanned resources in legacy-archive."],
      ["ja", "prod-jp-east の現在の状況", "legacy-archive の現在の状況", "legacy-archive には、スキャン済みのリソースがありません。"],
    ] as const) {
      const outputs = (v: View) => {
        const p = present(v, lang);
        return { text: renderText(p), card: JSON.stringify(renderAdaptiveCard(p)), slack: JSON.stringify(renderBlockKit([p]).blocks) };
      };
      for (const [output, rendered] of Object.entries(outputs(scoped))) {
        expect(rendered, `${output} ${lang}`).toContain(title);
        for (const g of groups) expect(rendered, `${output} ${lang}`).toContain(g);
        // Counted per resource group: the subscription is the title, not a row.
        expect(rendered, `${output} ${lang}`).toContain(lang === "en" ? `in ${groups.length} resource groups` : `リソース グループ ${groups.length} 件`);
      }
      for (const [output, rendered] of Object.entries(outputs(empty))) {
        expect(rendered, `${output} ${lang}`).toContain(noneTitle);
        expect(rendered, `${output} ${lang}`).toContain(none);
      }
      expect(cardProblems(renderAdaptiveCard(present(empty, lang)))).toEqual([]);
      checkSlack(renderBlockKit([present(empty, lang)]).blocks);
    }
  });

  it("plain text for the CLI lists the same resources", () => {
    const text = renderText(present(views.get("list")!, "en"));
    for (const row of (views.get("list") as Extract<View, { type: "resourceList" }>).rows) expect(text).toContain(row.name);
  });

  it("escapes Slack control characters in names", () => {
    const view = bigList(1, 3);
    const evil = { ...view, rows: [{ ...(view as Extract<View, { type: "resourceList" }>).rows[0]!, name: "<!channel> & <@U1>" }] } as View;
    const text = JSON.stringify(renderBlockKit([present(evil, "en")]).blocks);
    expect(text).not.toContain("<!channel>");
    expect(text).toContain("&lt;!channel&gt; &amp; &lt;@U1&gt;");
  });
});
