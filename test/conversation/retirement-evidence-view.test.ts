import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadTenantFile } from "../../src/azure/simulator/index.ts";
import { DEMO_TENANT_FILE } from "../../src/cli/runtime.ts";
import { createEngine, type Engine } from "../../src/conversation/engine.ts";
import { summariseEvidence } from "../../src/conversation/evidence-summary.ts";
import { ingestMessage } from "../../src/notices/ingest/ingest-message.ts";
import { advisorSource } from "../../src/notices/sources/advisor/advisor-source.ts";
import { serviceHealthSource } from "../../src/notices/sources/service-health/service-health-source.ts";
import { present } from "../../src/render/present.ts";
import type { View } from "../../src/render/view-model.ts";
import { scanFixture, type ScanFixture } from "../support/scan-fixture.ts";

const NOW = new Date("2026-11-01T00:00:00Z");
const now = () => NOW;
type Retirements = Extract<View, { type: "retirements" }>;

describe("the retirements answer says where each deadline comes from and what else spoke of it", () => {
  let fx: ScanFixture;
  let engine: Engine;
  let mailId = 0;
  beforeAll(async () => {
    fx = await scanFixture({ tenant: await loadTenantFile(DEMO_TENANT_FILE) });
    const mail = await ingestMessage(fx.store, {
      bytes: readFileSync(new URL("../notices/corpus/en-redis-action-required.eml", import.meta.url)), source: "file:en-redis-action-required.eml", receivedAt: NOW.toISOString(),
    }, { now });
    mailId = mail.notice.id;
    await serviceHealthSource(fx.clients).poll({ store: fx.store, options: { now } });
    await advisorSource(fx.clients).poll({ store: fx.store, options: { now } });
    engine = createEngine({ store: fx.store, now, freshnessMs: Number.MAX_SAFE_INTEGER });
  });
  afterAll(async () => { await fx.close(); });

  const ask = async (text: string) => {
    const r = await engine.handle({ actor: { platform: "web", id: "u1" }, conversationId: "c1", text });
    expect(r.view.type).toBe("retirements");
    return { reply: r, view: r.view as Retirements };
  };

  it("counts the mail, the advisory and Advisor's impacted resources; Advisor's other date is named, the deadline kept", async () => {
    const { reply, view } = await ask("which retirements are tracked");
    const redis = view.items.find((i) => i.id === "redis-tls10-11")!;
    // The trusted advisory set the deadline last; the mail is kept as evidence.
    expect(redis.source).toMatch(/^notice:\d+$/);
    expect(redis.source).not.toBe(`notice:${mailId}`);
    const setter = (await fx.store.listNotices()).find((n) => `notice:${n.id}` === redis.source);
    expect(setter?.source).toBe("service-health:SV4K-R7Q");
    expect(redis.evidence).toEqual({ mails: 1, advisories: 1, advisor: { resources: 2, date: "2025-03-01" } });
    const storage = view.items.find((i) => i.id === "storage-tls10-11")!;
    expect(storage).toMatchObject({ source: "catalog", evidence: { mails: 0, advisories: 0, advisor: { resources: 2 } } });

    const text = present(reply.view, reply.lang).bullets ?? [];
    const redisLine = text.find((b) => b.includes("Redis"))!;
    expect(redisLine).toContain(`date from notice #${redis.source.slice("notice:".length)}`);
    expect(redisLine).toContain("known from: 1 notice mail, 1 Service Health advisory, Azure Advisor (2 impacted resources)");
    expect(text.find((b) => b.includes("Storage"))).toContain("date from the catalog");
  });

  it("says the same in Japanese", async () => {
    const { reply, view } = await ask("廃止予定は？");
    const source = view.items.find((i) => i.id === "redis-tls10-11")!.source.slice("notice:".length);
    const lines = present(reply.view, "ja").bullets ?? [];
    const redisLine = lines.find((b) => b.includes("Redis"))!;
    expect(redisLine).toContain(`期限はお知らせ #${source} によるもの`);
    expect(redisLine).toContain("情報源: お知らせメール 1 通、サービス正常性の勧告 1 件、Azure Advisor (影響を受けるリソース 2 件)");
  });

  it("a retirement nothing spoke of carries no evidence line", async () => {
    const { reply, view } = await ask("which retirements are tracked");
    const quiet = view.items.find((i) => i.evidence.mails + i.evidence.advisories === 0 && i.evidence.advisor === null)!;
    expect(quiet).toBeDefined();
    const lines = present(reply.view, reply.lang).bullets ?? [];
    expect(lines.filter((b) => b.includes("known from")).length).toBe(view.items.filter((i) => i !== quiet && (i.evidence.mails || i.evidence.advisories || i.evidence.advisor)).length);
  });

  it("counts a source once per notice and keeps only Advisor's latest date", () => {
    const at = (s: string) => `2026-11-0${s}T00:00:00Z`;
    expect(summariseEvidence([
      { kind: "mail", ref: "notice:1", trackingId: null, date: "2027-01-01", at: at("1") },
      { kind: "mail", ref: "notice:1", trackingId: null, date: "2027-01-01", at: at("2") },
      { kind: "advisor", ref: "notice:3", trackingId: null, date: "2027-01-01", resourceIds: ["/A", "/b"], at: at("1") },
      { kind: "advisor", ref: "notice:4", trackingId: null, date: "2027-03-01", resourceIds: ["/a"], at: at("3") },
    ])).toEqual({ mails: 1, advisories: 0, advisor: { resources: 2, date: "2027-03-01" } });
    expect(summariseEvidence([])).toEqual({ mails: 0, advisories: 0, advisor: null });
  });
});
