import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runScan } from "../../src/azure/scan/run-scan.ts";
import { generateTenant, loadTenantFile } from "../../src/azure/simulator/index.ts";
import { DEMO_TENANT_FILE } from "../../src/cli/runtime.ts";
import type { Approvals } from "../../src/approvals/approvals.ts";
import type { Command } from "../../src/conversation/command.ts";
import { createEngine, type Engine } from "../../src/conversation/engine.ts";
import { compareTls, type TlsVersion } from "../../src/domain/tls-version.ts";
import { ingestMessage } from "../../src/notices/ingest/ingest-message.ts";
import { present } from "../../src/render/present.ts";
import { translator } from "../../src/render/i18n.ts";
import { statusCounts } from "../../src/render/status-summary.ts";
import type { View } from "../../src/render/view-model.ts";
import { scanFixture, sharedStore, type ScanFixture, type SharedStore } from "../support/scan-fixture.ts";
import { createApprovals } from "../../src/approvals/approvals.ts";
import { parseApprovers } from "../../src/approvals/approvers.ts";
import { RESOURCE_KINDS } from "../../src/azure/kinds/load-kinds.ts";
import { createSqlApprovalStore } from "../../src/store/sql-approval-store.ts";
import type { SqlExecutor } from "../../src/store/sql-executor.ts";
import { redisNotice } from "../notices/mail-builder.ts";
import { DEMO_INVENTORY_SIZE } from "../support/demo-inventory.ts";

const NOW = new Date("2026-11-26T03:00:00Z");
const ask = (engine: Engine, text: string, extra: Partial<Command> = {}) =>
  engine.handle({ actor: { platform: "web", id: "u1" }, conversationId: "c1", text, ...extra });
type ListView = Extract<View, { type: "resourceList" }>;
const statusLine = (counts: Extract<View, { type: "overview" }>["counts"], lang: "en" | "ja") => statusCounts(counts, translator(lang));
const asList = (v: View) => {
  expect(v.type).toBe("resourceList");
  return v as ListView;
};

describe("conversation engine on the demo tenant", () => {
  let fx: ScanFixture;
  let engine: Engine;
  let scans = 0;
  beforeAll(async () => {
    fx = await scanFixture({ tenant: await loadTenantFile(DEMO_TENANT_FILE) });
    const scan = async () => {
      scans++;
      const o = await runScan({ clients: fx.clients, store: fx.store, now: () => NOW }, { source: "arm", concurrency: 4, timeoutMs: 30_000 });
      return { total: o.resources.length, needsAction: 0, errors: o.errors.length, added: 0, changed: 0, removed: 0, nothingScanned: o.nothingScanned };
    };
    await scan();
    engine = createEngine({ store: fx.store, now: () => NOW, scan, freshnessMs: 0 });
  });
  afterAll(async () => { await fx.close(); });

  it("answers 'which caches are below 1.2' with exactly the stored caches below 1.2, most urgent first", async () => {
    const reply = await ask(engine, "which caches are below 1.2");
    const expected = (await fx.store.currentResources()).filter((f) => f.kind === "redis" && f.effectiveTls !== "unknown" && compareTls(f.effectiveTls as TlsVersion, "1.2") < 0);
    expect(reply.lang).toBe("en");
    expect(reply.matches.map((m) => m.finding.name).sort()).toEqual(expected.map((f) => f.name).sort());
    const view = asList(reply.view);
    expect(view.total).toBe(expected.length);
    expect(view.rows.every((r) => r.status === "overdue")).toBe(true);
    // The cache created before 2020 with no minimum set is in; the one with an unknown creation date is counted apart.
    expect(view.rows.map((r) => r.name)).toContain("redis-cart-prod");
    expect(view.unknownTls).toBe(1);
  });

  it("answers the same question in Japanese, in Japanese", async () => {
    const en = await ask(engine, "which caches are below 1.2");
    const ja = await ask(engine, "1.2未満のキャッシュは？");
    expect(ja.lang).toBe("ja");
    expect(ja.matches.map((m) => m.finding.id)).toEqual(en.matches.map((m) => m.finding.id));
  });

  it("shows one resource, with the irreversibility of the Redis change", async () => {
    const reply = await ask(engine, "redis-cart-prod の状態");
    expect(reply.view).toMatchObject({ type: "resourceDetail", row: { name: "redis-cart-prod", effectiveTls: "1.0", status: "overdue" }, reversible: false });
    expect(reply.view.type === "resourceDetail" && reply.view.sideEffects).toContain("redisFailover");
  });

  it("shows a resource of a kind with no retirement: at risk with no deadline, the kind's own side effects, in both languages", async () => {
    const reply = await ask(engine, "pg-inventory-prod");
    expect(reply.view).toMatchObject({ type: "resourceDetail", row: { name: "pg-inventory-prod", kind: "postgresql", effectiveTls: "1.1", status: "at-risk", deadline: null }, reversible: false });
    expect(reply.view.type === "resourceDetail" && reply.view.sideEffects).toEqual(["postgresDynamicParameter", "postgresNoRetirement", "postgresOnlyTls12Or13"]);
    const en = present(reply.view, "en");
    const ja = present(reply.view, "ja");
    expect(en.bullets.join("\n")).toContain("without a restart");
    expect(en.bullets.join("\n")).toContain("no TLS 1.0/1.1 retirement date");
    expect(ja.bullets.join("\n")).toContain("再起動なし");
    expect(ja.bullets.join("\n")).toContain("廃止期限を発表していません");
    expect(JSON.stringify(en)).toContain("ssl_min_protocol_version");
  });

  it("answers the issue's questions over every kind in both languages, with the same resources", async () => {
    const stored = await fx.store.currentResources();
    const below = (v: string) => v !== "unknown" && compareTls(v as TlsVersion, "1.2") < 0;
    const pairs: Array<[string, string, (f: (typeof stored)[number]) => boolean]> = [
      ["everything below 1.2 in prod", "prod の 1.2 未満すべて", (f) => f.subscriptionId === "11111111-1111-4111-a111-111111111111" && below(f.effectiveTls)],
      ["which app services allow TLS 1.0", "TLS 1.0 を許可している App Service は？", (f) => f.kind === "appservice" && f.effectiveTls === "1.0"],
      ["Cosmos DB accounts below TLS 1.2", "TLS 1.2 未満の Cosmos DB アカウント", (f) => f.kind === "cosmosdb" && below(f.effectiveTls)],
      ["postgres servers below 1.2", "TLS 1.2 未満のポスグレ", (f) => f.kind === "postgresql" && below(f.effectiveTls)],
    ];
    for (const [en, ja, expected] of pairs) {
      const want = stored.filter(expected).map((f) => f.id).sort();
      expect(want.length, en).toBeGreaterThan(0);
      const a = await ask(engine, en);
      const b = await ask(engine, ja);
      expect([a.lang, b.lang], en).toEqual(["en", "ja"]);
      expect(a.matches.map((m) => m.finding.id).sort(), en).toEqual(want);
      expect(b.matches.map((m) => m.finding.id).sort(), ja).toEqual(want);
    }
    // Several kinds in one answer: prod's list covers more than one kind, PostgreSQL among them.
    const prod = await ask(engine, "everything below 1.2 in prod");
    expect(new Set(prod.matches.map((m) => m.finding.kind)).size).toBeGreaterThan(2);
    expect(prod.matches.map((m) => m.finding.name)).toContain("pg-inventory-prod");
  });

  it("answers 'what is due before June 2027' with what still needs action by then, App Service's 2027-05-31 included", async () => {
    const en = await ask(engine, "what is due before June 2027");
    const ja = await ask(engine, "2027年6月より前に期限が来るもの");
    expect(ja.matches.map((m) => m.finding.id)).toEqual(en.matches.map((m) => m.finding.id));
    expect(en.matches.length).toBeGreaterThan(0);
    for (const m of en.matches) {
      expect(m.finding.deadline, m.finding.name).not.toBeNull();
      expect(m.finding.deadline! < "2027-06-01", m.finding.name).toBe(true);
    }
    expect(en.matches.some((m) => m.finding.kind === "appservice" && m.finding.deadline === "2027-05-31")).toBe(true);
    // A resource with no deadline (PostgreSQL: no retirement announced) is not "due" by any date.
    expect(en.matches.some((m) => m.finding.kind === "postgresql")).toBe(false);
  });

  it("remembers a language switch for questions without words", async () => {
    expect((await ask(engine, "1.2?")).lang).toBe("en");
    expect((await ask(engine, "日本語で")).view).toEqual({ type: "language", lang: "ja" });
    expect(await fx.store.getUserLang("web:u1")).toBe("ja");
    expect((await ask(engine, "1.2?")).lang).toBe("ja");
    expect((await ask(engine, "caches below 1.2")).lang).toBe("en");
    await ask(engine, "english please");
  });

  it("falls back to the platform locale when the user chose nothing", async () => {
    const r = await engine.handle({ actor: { platform: "teams", id: "new-user" }, conversationId: "c9", text: "1.2?", locale: "ja-JP" });
    expect(r.lang).toBe("ja");
  });

  it("answers a message in no language it can tell (no Japanese, no word it knows) in the user's language, else the platform's", async () => {
    const say = (id: string, text: string, locale: string | null) => engine.handle({ actor: { platform: "web", id }, conversationId: `lang-${id}`, text, locale });
    const r = await say("ja-browser", "foo bar baz", "ja-JP");
    expect([r.lang, r.view]).toEqual(["ja", { type: "help", reason: "notUnderstood" }]);
    expect((await say("en-browser", "foo bar baz", "en-US")).lang).toBe("en");
    // English it understands is answered in English, whatever the browser says.
    expect((await say("ja-browser", "which caches are below 1.2", "ja-JP")).lang).toBe("en");
    expect((await say("ja-browser", "hello there", "ja-JP")).lang).toBe("en");
    // A language the user chose wins over the browser's.
    await say("chose-ja", "日本語で", "en-US");
    expect((await say("chose-ja", "foo bar baz", "en-US")).lang).toBe("ja");
  });

  it("answers what it cannot understand with help, never silence", async () => {
    for (const text of ["", "hello there", "🔥", "x".repeat(10_000)]) {
      const r = await ask(engine, text);
      expect(r.view.type, text.slice(0, 20)).toBe("help");
    }
  });

  it("lists retirements with what is affected", async () => {
    const r = await ask(engine, "廃止予定は？");
    const items = r.view.type === "retirements" ? r.view.items : [];
    expect(items.find((i) => i.id === "redis-tls10-11")).toMatchObject({ affected: 7 + 1, scanned: true });
    expect(items.find((i) => i.id === "storage-tls10-11")).toMatchObject({ affected: 3, scanned: true });
    expect(items.find((i) => i.id === "backup-mars-tls10-11")).toMatchObject({ scanned: false });
  });

  it("answers a service's deadline with its retirement, not with the resources due in the next 90 days", async () => {
    // App Service's deadline is months away: a list of what is due soon would have said "0 found".
    for (const text of ["what's the deadline for app service", "App Service はいつまでに対応が必要？"]) {
      const r = await ask(engine, text);
      expect(r.view.type, text).toBe("retirements");
      const items = r.view.type === "retirements" ? r.view.items : [];
      expect(items.map((i) => i.id), text).toEqual(["appservice-tls10-11"]);
      expect(items[0]!.affected, text).toBeGreaterThan(0);
    }
  });

  it("says so when a named kind has no TLS retirement, in the asker's language", async () => {
    const en = await ask(engine, "when is the deadline for postgres servers");
    expect(en.view).toMatchObject({ type: "retirements", items: [], kindsWithout: ["postgresql"] });
    expect(present(en.view, "en").subtitle).toBe("No TLS 1.0/1.1 retirement has been announced for PostgreSQL flexible servers: tlsbot still scans their minimum TLS version.");
    const ja = await ask(engine, "PostgreSQL サーバーの期限はいつ？");
    expect(present(ja.view, "ja").subtitle).toMatch(/^PostgreSQL フレキシブル サーバーについては、TLS 1\.0\/1\.1 の廃止は発表されていません/);
  });

  it("answers 'status' with the counts per status, overall and per subscription, the worst subscription first", async () => {
    const r = await ask(engine, "which subscriptions have the most problems");
    expect(r.view.type).toBe("overview");
    const v = r.view as Extract<View, { type: "overview" }>;
    const overdue = asList((await ask(engine, "overdue resources")).view).total;
    expect(v.counts.overdue).toBe(overdue);
    expect(v.counts.overdue + v.counts["at-risk"] + v.counts.unknown + v.counts.compliant).toBe(v.total);
    expect(v.subscriptions.map((s) => s.counts.overdue)).toEqual([...v.subscriptions.map((s) => s.counts.overdue)].sort((a, b) => b - a));
    const worst = v.subscriptions[0]!;
    expect(asList((await ask(engine, `overdue in ${worst.name}`)).view).total).toBe(worst.counts.overdue);
    const en = present(v, "en");
    expect(en.facts.map((f) => f.label)).toEqual(v.subscriptions.map((s) => s.name));
    expect(en.subtitle).toContain(`${overdue} overdue`);
    // The demo tenant's legacy-archive subscription denies the scan: its resources are not in the counts, and that is said.
    expect(v.unreadable).toEqual([{ name: "legacy-archive", code: "forbidden" }]);
    expect(en.notes[0]).toBe("The latest scan could not read legacy-archive — access denied (the identity needs Reader). Its resources are counted as an earlier scan saw them, if one did.");
    const ja = await ask(engine, "全体の状況を教えて");
    expect(ja.view).toEqual(v);
    expect(present(ja.view, "ja").subtitle).toContain(`期限超過 ${overdue} 件`);
  });

  it("answers 'status of prod-jp-east' with that subscription's counts only, per resource group, the worst group first", async () => {
    const r = await ask(engine, "status of prod-jp-east");
    expect(r.view.type).toBe("overview");
    const v = r.view as Extract<View, { type: "overview" }>;
    const all = asList((await ask(engine, "resources in prod-jp-east")).view).total;
    const overdue = asList((await ask(engine, "overdue in prod-jp-east")).view).total;
    const everywhere = (await ask(engine, "status")).view as Extract<View, { type: "overview" }>;
    expect(v.total).toBe(all);
    expect(v.total).toBeLessThan(everywhere.total);
    expect(v.counts.overdue).toBe(overdue);
    expect(v.scopeNames).toEqual(["prod-jp-east"]);
    expect(v.subscriptions.map((s) => s.name)).toEqual(["prod-jp-east"]);
    // The demo's prod-jp-east holds four resource groups; each group's counts are its own.
    const groups = v.resourceGroups ?? [];
    expect(groups.map((g) => g.name).sort()).toEqual(["rg-commerce-prod", "rg-factory-prod", "rg-logistics-prod", "rg-payments-prod"]);
    expect(groups.reduce((n, g) => n + g.counts.overdue + g.counts["at-risk"] + g.counts.unknown + g.counts.compliant, 0)).toBe(all);
    expect(groups).toEqual([...groups].sort((a, b) => b.counts.overdue - a.counts.overdue || b.counts["at-risk"] - a.counts["at-risk"] || b.counts.unknown - a.counts.unknown || a.name.localeCompare(b.name)));
    for (const g of groups) expect(g.counts.overdue, g.name).toBe(asList((await ask(engine, `overdue in ${g.name} in prod-jp-east`)).view).total);
    // legacy-archive, which the scan could not read, is not in prod-jp-east.
    expect(v.unreadable).toEqual([]);
    const en = present(v, "en");
    expect(en.title).toBe("Where things stand in prod-jp-east");
    expect(en.subtitle).toBe(`${all} resources in 4 resource groups: ${statusLine(v.counts, "en")}.`);
    expect(en.facts.map((f) => f.label)).toEqual(groups.map((g) => g.name));
    expect(en.notes).toEqual([`Ask “what needs attention in ${groups[0]!.name} in prod-jp-east” for the resources to fix first.`]);
    // The question it suggests lists that group of that subscription.
    expect(asList((await ask(engine, `what needs attention in ${groups[0]!.name} in prod-jp-east`)).view).filter).toMatchObject({ subscriptionIds: [v.subscriptions[0]!.id], resourceGroups: [groups[0]!.name] });
    const ja = await ask(engine, "prod-jp-east の状況は？");
    expect(ja.lang).toBe("ja");
    expect(ja.view).toEqual(v);
    expect(present(ja.view, "ja").title).toBe("prod-jp-east の現在の状況");
    expect(present(ja.view, "ja").subtitle).toBe(`リソース グループ 4 件のリソース ${all} 件: ${statusLine(v.counts, "ja")}。`);
  });

  it("answers 'fix redis' / 「キャッシュを直して」 with the caches below TLS 1.2 only, as 'upgrade all caches to 1.2' does", async () => {
    const target = await ask(engine, "upgrade all caches to 1.2");
    const ids = target.matches.map((m) => m.finding.id);
    expect(ids.length).toBeGreaterThan(0);
    for (const text of ["fix redis", "キャッシュを直して"]) {
      const r = await ask(engine, text);
      expect(r.matches.map((m) => m.finding.id), text).toEqual(ids);
      expect(r.matches.every((m) => m.status !== "compliant"), text).toBe(true);
    }
  });

  it("answers 'more' past the end of a one-page list with that's all and the count, not the same page again, in both languages", async () => {
    for (const [question, more, lang, subtitle] of [
      ["which caches are below 1.2", "more", "en", /^That's all: all (\d+) resources in the list have been shown\.$/],
      ["1.2未満のキャッシュは？", "続き", "ja", /^これで全部です。一覧の (\d+) 件はすべて表示しました。$/],
    ] as const) {
      const conversationId = `end-${lang}`;
      const list = asList((await ask(engine, question, { conversationId })).view);
      expect(list.total).toBeLessThan(20);
      expect(list.rows).toHaveLength(list.total);
      for (let i = 0; i < 2; i++) {
        const r = await ask(engine, more, { conversationId });
        expect(r.view, more).toEqual({ type: "listEnd", filter: list.filter, scopeNames: [], total: list.total });
        const p = present(r.view, lang);
        expect(p.title).toBe(present(list, lang).title);
        expect(p.subtitle?.match(subtitle)?.[1]).toBe(String(list.total));
        expect(p.rows).toEqual([]);
      }
    }
  });

  it("answers the status of a name nothing has by saying so first, then with the overall counts, in both languages", async () => {
    const everywhere = (await ask(engine, "status")).view as Extract<View, { type: "overview" }>;
    for (const [text, lang, title] of [
      ["status of nosuchthing", "en", "Nothing is named “nosuchthing”. Where things stand overall:"],
      ["nosuchthing の状況は？", "ja", "「nosuchthing」という名前のものはありません。全体の状況:"],
    ] as const) {
      const r = await ask(engine, text);
      expect(r.lang, text).toBe(lang);
      expect(r.view, text).toEqual({ ...everywhere, unmatched: "nosuchthing" });
      const p = present(r.view, lang);
      expect(p.title, text).toBe(title);
      expect(p.subtitle, text).toBe(present(everywhere, lang).subtitle);
    }
  });

  it("answers the status of a noun phrase about the work as a whole with the overview alone, and keeps the notice for a name-shaped word", async () => {
    const everywhere = (await ask(engine, "status")).view;
    for (const text of ["status of the migration", "what's the status of the TLS migration", "status of cloud migration", "migration の状況は？", "移行の進捗は？", "TLS 1.2 対応状況"]) {
      const r = await ask(engine, text);
      expect(r.view, text).toEqual(everywhere);
      expect(present(r.view, r.lang).title, text).toBe(r.lang === "ja" ? "現在の状況" : "Where things stand");
    }
    for (const [text, lang, title] of [
      ["status of nosuchthing-01", "en", "Nothing is named “nosuchthing-01”. Where things stand overall:"],
      ["nosuchthing-01 の状況は？", "ja", "「nosuchthing-01」という名前のものはありません。全体の状況:"],
    ] as const) {
      const r = await ask(engine, text);
      expect(r.view, text).toEqual({ ...everywhere, unmatched: "nosuchthing-01" });
      expect(present(r.view, lang).title, text).toBe(title);
    }
  });

  describe("upgrade commands, with an approval workflow that records what it is asked to open", () => {
    const requested: string[] = [];
    let upgrading: Engine;
    beforeAll(() => {
      const stub = { request: async (_w: unknown, row: { name: string }): Promise<View> => { requested.push(row.name); return { type: "help", reason: "asked" }; } };
      // Anything else the engine asks of the workflow fails the test.
      const approvals = new Proxy(stub, { get: (t, p) => (p in t ? t[p as keyof typeof t] : () => { throw new Error(`unexpected approvals.${String(p)}`); }) }) as unknown as Approvals;
      upgrading = createEngine({ store: fx.store, now: () => NOW, approvals, freshnessMs: 0 });
    });
    const tlsOf = (r: Awaited<ReturnType<typeof ask>>) => r.matches.map((m) => m.finding.effectiveTls);

    it("reads a version after from/から as where resources are now, never as the target", async () => {
      for (const text of ["upgrade redis-cart-prod from 1.0", "upgrade redis-cart-prod from 1.0 to 1.2", "redis-cart-prod を 1.0 から上げて"]) {
        requested.length = 0;
        const r = await ask(upgrading, text);
        expect([r.intent, r.view.type, requested], text).toEqual(["upgrade", "help", ["redis-cart-prod"]]);
      }
      const onTen = (await fx.store.currentResources()).filter((f) => f.effectiveTls === "1.0");
      for (const [text, kinds] of [["upgrade all caches from 1.0 to 1.2", ["redis"]], ["キャッシュを 1.0 から 1.2 に上げて", ["redis"]], ["1.0 から 1.2 に上げて", null]] as const) {
        const r = await ask(upgrading, text);
        const expected = onTen.filter((f) => !kinds || (kinds as readonly string[]).includes(f.kind)).map((f) => f.id).sort();
        expect(r.matches.map((m) => m.finding.id).sort(), text).toEqual(expected);
        expect(expected.length, text).toBeGreaterThan(0);
      }
    });

    it("says a kind cannot be set to a target above its highest minimum, naming the highest, in both languages", async () => {
      for (const [text, lang, subtitle] of [
        ["upgrade all caches to 1.3", "en", "Redis caches can be set to a minimum of TLS 1.2 at most: 1.3 is not possible for them. The ones still below 1.2 can be raised to 1.2."],
        ["upgrade redis-cart-prod to 1.3", "en", "Redis caches can be set to a minimum of TLS 1.2 at most: 1.3 is not possible for them. The ones still below 1.2 can be raised to 1.2."],
        ["upgrade storage accounts and cosmos to 1.3", "en", "Storage accounts and Cosmos DB accounts can be set to a minimum of TLS 1.2 at most: 1.3 is not possible for them. The ones still below 1.2 can be raised to 1.2."],
        ["キャッシュを 1.3 に上げて", "ja", "Redis キャッシュの最小 TLS バージョンは 1.2 までしか設定できないため、1.3 にはできません。1.2 未満のものは 1.2 に引き上げられます。"],
        ["キャッシュを1.3に設定して", "ja", "Redis キャッシュの最小 TLS バージョンは 1.2 までしか設定できないため、1.3 にはできません。1.2 未満のものは 1.2 に引き上げられます。"],
      ] as const) {
        requested.length = 0;
        const r = await ask(upgrading, text);
        expect([r.lang, r.intent, r.matches, requested], text).toEqual([lang, "upgrade", [], []]);
        expect(r.view, text).toMatchObject({ type: "error", code: "upgradeTargetAboveKind", params: { version: "1.3", highest: "1.2" } });
        expect(present(r.view, lang).subtitle, text).toBe(subtitle);
      }
    });

    it("answers a bulk command to 1.3 for kinds that could take it as one to a single resource: tlsbot raises to 1.2 only, so no list with buttons that would", async () => {
      for (const text of ["upgrade all event hubs to 1.3", "イベントハブを 1.3 に上げて", "raise everything to 1.3", "upgrade the event hubs from 1.2 to 1.3", "upgrade evh-iot-dev to 1.3"]) {
        const reply = await ask(upgrading, text);
        expect(reply.matches, text).toEqual([]);
        expect(reply.view, text).toMatchObject({ type: "error", code: "upgradeTargetUnsupported", params: { version: "1.3" } });
      }
      // Asked, not commanded, what is below 1.3 is still listed, those on 1.2 included.
      expect(tlsOf(await ask(upgrading, "which event hubs are below 1.3?"))).toContain("1.2");
    });
  });

  it("answers the status of a resource group per subscription, and of a scope with nothing scanned by saying so, with why", async () => {
    const rg = (await ask(engine, "summary for rg-commerce-prod")).view as Extract<View, { type: "overview" }>;
    expect(rg).toMatchObject({ type: "overview", scopeNames: ["rg-commerce-prod"], total: asList((await ask(engine, "resources in rg-commerce-prod")).view).total, unreadable: [] });
    expect(rg.subscriptions.map((s) => s.name)).toEqual(["prod-jp-east"]);
    expect(rg.resourceGroups).toBeUndefined();
    // The demo's legacy-archive denies the scan: none of its resources were ever read.
    for (const [text, lang, title, subtitle] of [
      ["how is legacy-archive doing?", "en", "Where things stand in legacy-archive", "There are no scanned resources in legacy-archive."],
      ["legacy-archive の状況", "ja", "legacy-archive の現在の状況", "legacy-archive には、スキャン済みのリソースがありません。"],
    ] as const) {
      const r = await ask(engine, text);
      expect(r.view, text).toMatchObject({ type: "overview", total: 0, scopeNames: ["legacy-archive"], unreadable: [{ name: "legacy-archive", code: "forbidden" }] });
      const p = present(r.view, lang);
      expect([p.title, p.subtitle, p.facts], text).toEqual([title, subtitle, []]);
      expect(p.notes[0], text).toContain("legacy-archive");
    }
  });

  it("reads a resource group by a unique prefix of whole parts of its name, as it reads subscriptions, in both languages", async () => {
    const full = await ask(engine, "caches in rg-payments-prod");
    expect(asList(full.view).filter).toEqual({ kinds: ["redis"], resourceGroups: ["rg-payments-prod"] });
    expect(full.matches.length).toBeGreaterThan(0);
    for (const [text, lang, title] of [
      ["caches in rg-payments", "en", `Redis caches in rg-payments-prod — ${full.matches.length} found`],
      ["rg-payments のキャッシュ", "ja", `rg-payments-prod の Redis キャッシュ — ${full.matches.length} 件`],
    ] as const) {
      const r = await ask(engine, text);
      expect(r.lang, text).toBe(lang);
      expect(asList(r.view).filter, text).toEqual(asList(full.view).filter);
      expect(r.matches.map((m) => m.finding.id), text).toEqual(full.matches.map((m) => m.finding.id));
      expect(present(r.view, lang).title, text).toBe(title);
    }
    expect((await ask(engine, "status of rg-payments")).view).toEqual((await ask(engine, "status of rg-payments-prod")).view);
  });

  it("says which resource groups a prefix could mean, and that none has a name that has none, with the close ones, in both languages", async () => {
    const all = await ask(engine, "caches");
    for (const [text, lang, code, subtitle] of [
      ["caches in rg-iot", "en", "resourceGroupAmbiguous", "2 resource groups start with “rg-iot”: rg-iot-dev and rg-iot-stg. Ask again with the one you mean."],
      ["rg-iot のキャッシュ", "ja", "resourceGroupAmbiguous", "「rg-iot」で始まるリソース グループが 2 件あります: rg-iot-dev、rg-iot-stg。どれのことか名前を指定して、もう一度聞いてください。"],
      ["caches in rg-paymnts-prod", "en", "resourceGroupUnknownNear", "No resource group is called “rg-paymnts-prod”. Did you mean rg-payments-prod?"],
      ["rg-paymnts のキャッシュ", "ja", "resourceGroupUnknownNear", "「rg-paymnts」という名前のリソース グループはありません。rg-payments-prod のことですか？"],
      ["caches in rg-nothing-here", "en", "resourceGroupUnknown", "No resource group in the inventory is called “rg-nothing-here”. Ask “status of” a subscription for its resource groups."],
      ["rg-nothing-here の状況は？", "ja", "resourceGroupUnknown", "「rg-nothing-here」という名前のリソース グループはインベントリにありません。サブスクリプションのリソース グループは「<サブスクリプション名> の状況は？」で確認できます。"],
    ] as const) {
      const r = await ask(engine, text);
      expect([r.lang, r.matches], text).toEqual([lang, []]);
      expect(r.view, text).toMatchObject({ type: "error", code });
      expect(present(r.view, lang).subtitle, text).toBe(subtitle);
    }
    // Words that are no name ("payments", "web") narrow nothing, as before.
    for (const text of ["caches in payments", "web caches"]) expect((await ask(engine, text)).matches.length, text).toBe(all.matches.length);
  });

  it("answers 'audit X' from a non-approver with a refusal about the audit trail, not about an upgrade, in both languages", async () => {
    const approver = `web:approver@/subscriptions/11111111-1111-4111-a111-111111111111`;
    const approvals = createApprovals({
      approvals: createSqlApprovalStore((fx.store as unknown as { exec: SqlExecutor }).exec), store: fx.store, clients: () => fx.clients, kinds: RESOURCE_KINDS,
      policy: { approvers: parseApprovers([approver, "web:dev-only@/subscriptions/33333333-3333-4333-a333-333333333333"]).entries, twoPersonScopes: [], dryRunScopes: [], ttlMs: 3600_000 }, now: () => NOW,
    });
    const auditing = createEngine({ store: fx.store, now: () => NOW, approvals, freshnessMs: 0 });
    expect((await auditing.handle({ actor: { platform: "web", id: "approver" }, conversationId: "a1", text: "audit redis-cart-prod" })).view).toMatchObject({ type: "auditTrail", resourceName: "redis-cart-prod" });
    for (const [who, text, lang, title, subtitle] of [
      ["u1", "audit redis-cart-prod", "en", "You don't have permission to do this", "Only approvers for redis-cart-prod can see its audit trail: it names who asked for, approved and applied its changes. Ask your tlsbot administrator to add you to TLSBOT_APPROVERS."],
      ["dev-only", "audit redis-cart-prod", "en", "You don't have permission to do this", "Only approvers for redis-cart-prod can see its audit trail: it names who asked for, approved and applied its changes. Ask your tlsbot administrator to add you to TLSBOT_APPROVERS."],
      ["u1", "redis-cart-prod の監査", "ja", "この操作を行う権限がありません", "redis-cart-prod の監査ログを見られるのは、その承認者だけです (依頼・承認・適用した人が記録されているため)。tlsbot の管理者に TLSBOT_APPROVERS への追加を依頼してください。"],
    ] as const) {
      const r = await auditing.handle({ actor: { platform: "web", id: who }, conversationId: "a1", text });
      expect([r.lang, r.intent], text).toEqual([lang, "audit"]);
      expect(r.view, text).toEqual({ type: "error", code: "auditNotAllowed", params: { name: "redis-cart-prod" } });
      expect([present(r.view, lang).title, present(r.view, lang).subtitle], text).toEqual([title, subtitle]);
    }
    // Where there is no approval workflow (`tlsbot ask`), nobody can be told apart: said so, with where the trail is.
    const r = await ask(engine, "audit redis-cart-prod", { actor: { platform: "cli", id: "ops" } });
    expect(r.view).toEqual({ type: "error", code: "auditUnavailable", params: { name: "redis-cart-prod" } });
    expect([present(r.view, "en").title, present(r.view, "en").subtitle]).toEqual(["Not available here", "The audit trail cannot be shown here: this tlsbot has no approval workflow to say who may see it. On the server, `tlsbot audit --resource <id>` prints the trail of redis-cart-prod."]);
    expect(present(r.view, "ja").subtitle).toBe("ここでは監査ログを表示できません。この tlsbot には、閲覧できる人を決める承認ワークフローが設定されていません。サーバーで `tlsbot audit --resource <id>` を実行すると、redis-cart-prod の監査ログを表示できます。");
  });

  it("answers 'what changed since the last scan' from the latest scan's history, without scanning again", async () => {
    const before = scans;
    const r = await ask(engine, "what changed since the last scan");
    expect(scans).toBe(before);
    expect(r.view.type).toBe("findingsBroadcast");
    const v = r.view as Extract<View, { type: "findingsBroadcast" }>;
    // Only the first scan has run: every resource is new, and those that need action are listed as such.
    const overview = (await ask(engine, "status")).view as Extract<View, { type: "overview" }>;
    expect(v.since).toMatchObject({ added: overview.total, changed: 0, removed: 0 });
    expect(v.addedTotal).toBe(overview.counts.overdue + overview.counts["at-risk"]);
    expect(v.fixedTotal).toBe(0);
    // A post shows the first 20 rows; the rest are counted, with the list that holds them. After the first scan that
    // is every resource that needs action, of whatever kind, so the question names no kind.
    expect(v.addedTotal).toBeGreaterThan(20);
    expect(v.added).toHaveLength(20);
    expect(present(v, "en").notes).toContain(`Showing 20 of the ${v.addedTotal} that newly need action; ask “At-risk resources” for all ${v.addedTotal} that need action now, these among them.`);
    expect(present(v, "ja").notes).toContain(`新たに対応が必要になった ${v.addedTotal} 件中 20 件を表示しています。これらを含め、いま対応が必要な ${v.addedTotal} 件すべてを見るには「対応が必要なリソース」と聞いてください。`);
    expect(present(v, "en").notes).toContain(`The latest scan (26 Nov 2026) against the one before it: ${overview.total} new, 0 changed, 0 gone.`);
    const ja = await ask(engine, "前回のスキャンから何が変わった？");
    expect(scans).toBe(before);
    expect(ja.view).toEqual(v);
  });

  it("titles a list as a sentence, and keeps a subscription's name as written when the title starts with it", async () => {
    const ja = await ask(engine, "dev-sandboxのリソース一覧");
    expect(present(ja.view, "ja").title).toMatch(/^dev-sandbox のリソース — \d+ 件$/);
    const en = await ask(engine, "overdue resources in prod-jp-east");
    expect(present(en.view, "en").title).toMatch(/^Overdue resources in prod-jp-east — \d+ found$/);
  });

  it("runs a scan when asked", async () => {
    const before = scans;
    const r = await ask(engine, "scan now");
    expect(scans).toBe(before + 1);
    expect(r.view).toMatchObject({ type: "scan", total: DEMO_INVENTORY_SIZE });
  });

  it("rejects card actions it does not know, and card data that is not a filter, without crashing", async () => {
    const unknown = await engine.handle({ actor: { platform: "teams", id: "u2" }, conversationId: "c2", action: { verb: "drop-tables", data: {} } });
    expect(unknown.view).toMatchObject({ type: "error", code: "actionUnknown" });
    const junk = await engine.handle({ actor: { platform: "teams", id: "u2" }, conversationId: "c2", action: { verb: "page", data: { filter: { kinds: ["'; DROP"], tls: { op: "eval", version: "9" } }, offset: "x" } } });
    expect(asList(junk.view).filter).toEqual({});
    const gone = await engine.handle({ actor: { platform: "teams", id: "u2" }, conversationId: "c2", action: { verb: "resource", data: { resourceId: "/subscriptions/x/nope" } } });
    expect(gone.view).toMatchObject({ type: "error", code: "resourceUnknown" });
  });

  it("follows a trusted notice that moves the deadline: the same caches become at risk", async () => {
    const r = await ingestMessage(fx.store, { bytes: redisNotice("1 March 2027", { messageId: "engine-postpone@notify.microsoft.com" }), source: "test", receivedAt: NOW.toISOString() }, { now: () => NOW });
    expect(r.notice.status).toBe("applied");
    const view = asList((await ask(engine, "which caches are below 1.2")).view);
    expect(view.rows.every((row) => row.status === "at-risk" && row.deadline === "2027-03-01")).toBe(true);
  });
});

describe("a store no scan has filled yet", () => {
  let shared: SharedStore;
  beforeAll(async () => { shared = await sharedStore(); });
  afterAll(async () => { await shared.close(); });

  it("answers inventory questions by saying no scan has run and how to run one — 'scan now' in chat, `tlsbot scan` from the CLI — in both languages", async () => {
    let scans = 0;
    const chat = createEngine({ store: shared.store, now: () => NOW, scan: async () => { scans++; return { total: 0, needsAction: 0, errors: 0, added: 0, changed: 0, removed: 0, nothingScanned: false }; }, freshnessMs: 0 });
    const cli = { actor: { platform: "cli", id: "ops" } } as const;
    for (const [text, extra, lang, code, says] of [
      ["which caches are below 1.2", cli, "en", "noScanYetCli", "`tlsbot scan`"],
      ["1.2未満のキャッシュは？", cli, "ja", "noScanYetCli", "`tlsbot scan`"],
      ["which caches are below 1.2", {}, "en", "noScanYet", "“scan now”"],
      ["1.2未満のキャッシュは？", {}, "ja", "noScanYet", "「スキャンして」"],
      ["status", {}, "en", "noScanYet", "“scan now”"],
      ["what changed since the last scan", cli, "en", "noScanYetCli", "`tlsbot scan`"],
    ] as const) {
      const r = await ask(chat, text, extra);
      expect([r.lang, r.view, r.matches], text).toEqual([lang, { type: "error", code, params: {} }, []]);
      const p = present(r.view, lang);
      expect(p.title, text).toBe(lang === "en" ? "Nothing scanned yet" : "まだスキャンしていません");
      expect(p.subtitle, text).toContain(says);
      expect(p.subtitle, text).not.toMatch(/Nothing matches|該当するものはありません/);
    }
    expect(present((await ask(chat, "caches")).view, "en").subtitle).toBe("No scan has finished yet, so there is no inventory to answer from. Say “scan now” to run one, then ask again.");
    expect(present((await ask(chat, "caches", cli)).view, "en").subtitle).toBe("No scan has finished yet, so there is no inventory to answer from. Run `tlsbot scan` first, then ask again.");
    expect(scans).toBe(0);
    // "scan now" itself still scans.
    expect((await ask(chat, "scan now")).view).toMatchObject({ type: "scan" });
    expect(scans).toBe(1);
  });
});

describe("paging a long list", () => {
  let fx: ScanFixture;
  let engine: Engine;
  beforeAll(async () => {
    fx = await scanFixture({ tenant: generateTenant({ seed: 7, subscriptions: 4, resourcesPerSubscription: 60 }) });
    await runScan({ clients: fx.clients, store: fx.store, now: () => NOW }, { source: "graph", concurrency: 4, timeoutMs: 30_000 });
    engine = createEngine({ store: fx.store, now: () => NOW, pageSize: 20 });
  });
  afterAll(async () => { await fx.close(); });

  it("pages by card action and by 'more', covering every match exactly once", async () => {
    const first = await ask(engine, "resources below 1.2", { conversationId: "p1" });
    const total = asList(first.view).total;
    expect(total).toBeGreaterThan(40);
    const seen = asList(first.view).rows.map((r) => r.id);
    let view = asList(first.view);
    while (view.actions.length) {
      const next = view.actions[0]!;
      view = asList((await engine.handle({ actor: { platform: "teams", id: "u" }, conversationId: "p1", action: { verb: next.verb, data: next.data } })).view);
      seen.push(...view.rows.map((r) => r.id));
    }
    expect(seen).toHaveLength(total);
    expect(new Set(seen).size).toBe(total);
    expect(seen).toEqual(first.matches.map((m) => m.finding.id));

    const again = await ask(engine, "resources below 1.2", { conversationId: "p2" });
    const more = await ask(engine, "more", { conversationId: "p2" });
    expect(asList(more.view).offset).toBe(20);
    expect(asList(more.view).rows[0]?.id).toBe(again.matches[20]?.finding.id);
    expect((await ask(engine, "もっと", { conversationId: "never-asked" })).view).toEqual({ type: "help", reason: "noMore" });
  });
});
