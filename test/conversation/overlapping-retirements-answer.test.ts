import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Command } from "../../src/conversation/command.ts";
import { createEngine, type Engine } from "../../src/conversation/engine.ts";
import { present } from "../../src/render/present.ts";
import type { View } from "../../src/render/view-model.ts";
import { EARLIER, LATER, noticeRetirement, scannedTenant, SCANNED_AT } from "../support/overlapping-retirements.ts";
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
  });

  it.each([["when is the deadline for postgres servers", "en"], ["PostgreSQL サーバーの期限はいつ？", "ja"]] as const)(
    "'%s' answers with the notices' retirements, not that none was announced", async (text, lang) => {
      const r = await ask(engine, text);
      expect(r.view).toMatchObject({ type: "retirements" });
      expect(r.view.type === "retirements" ? [r.view.items.map((i) => i.id), r.view.kindsWithout ?? []] : null).toEqual([[EARLIER.id, LATER.id], []]);
      expect(present(r.view, lang).subtitle).toBeNull();
    });
});
