import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEngine } from "../../src/conversation/engine.ts";
import { present } from "../../src/render/present.ts";
import { dueDigests } from "../../src/schedule/post-digest.ts";
import { DEV, scannedTenant } from "../support/overlapping-retirements.ts";
import type { ScanFixture } from "../support/scan-fixture.ts";

const MONDAY = new Date("2026-11-30T00:00:00Z");
const DEV_CHANNEL = "slack:C0DEV";

/**
 * A conversation whose part of the tenant holds only resources no retirement covers (a PostgreSQL server on TLS 1.0, no
 * deadline known): the digest counts none of them as affected, but must not tell the channel that nothing there accepts
 * TLS 1.0/1.1 any more.
 */
describe("the weekly digest where only resources without a known deadline still accept TLS 1.0/1.1", () => {
  let fx: ScanFixture;
  beforeAll(async () => {
    fx = await scannedTenant();
    await fx.store.upsertConversation({ key: DEV_CHANNEL, platform: "slack", reference: { channel: "C0DEV" }, kind: "channel", tenant: "T", scopes: [DEV], updatedAt: MONDAY.toISOString() });
    // Something to say this week: a notice waiting for review.
    const { notice } = await fx.store.recordNotice({ messageKey: "mid:held@test", source: "test", receivedAt: "2026-11-27T00:00:00.000Z", raw: null });
    await fx.store.updateNotice(notice.id, { status: "triage", reason: "noService", at: "2026-11-27T00:00:00.000Z" });
  });
  afterAll(async () => { await fx?.close(); });

  it("offers the list of what is left instead of saying all clear, and the list holds the server", async () => {
    const view = (await dueDigests(fx.store, MONDAY, { timeZone: "UTC" })).find((d) => d.conversation.key === DEV_CHANNEL)!.view!;
    expect(view.affected).toEqual([]);
    const engine = createEngine({ store: fx.store, now: () => MONDAY });
    for (const lang of ["en", "ja"] as const) {
      const shown = present(view, lang);
      expect(shown.notes.join(" "), lang).not.toMatch(/any more|もうありません/);
      expect(shown.tone, lang).not.toBe("good");
      const question = /[“「]([^”」]+)[”」]/.exec(shown.notes[0] ?? "")?.[1];
      expect(question, lang).toBeTruthy();
      const reply = await engine.handle({ actor: { platform: "slack", id: "u" }, conversationId: DEV_CHANNEL, text: question! });
      expect(reply.matches.map((r) => r.finding.name), `${lang}: ${question}`).toEqual(["pg-playground-dev"]);
    }
  });
});
