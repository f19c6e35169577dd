import { chromium, type Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoForwardedNotice } from "../../../src/cli/commands/demo-notice.ts";
import { ingestMessage } from "../../../src/notices/ingest/ingest-message.ts";
import { askWebChat, browserAvailability, CHROMIUM, CHROMIUM_ARGS } from "../../support/browser.ts";
import { startChatServer, type ChatServer } from "../../support/chat-server.ts";
import { sharedStore, type SharedStore } from "../../support/scan-fixture.ts";

const availability = browserAvailability();
const NOW = new Date("2026-11-26T03:00:00Z");

/** The demo's forwarded notice, held for review, decided by this machine's user in the web chat in Chromium. */
describe.skipIf(!availability.ok)("reviewing a held notice in the local web chat, in Chromium", () => {
  let s: SharedStore;
  let server: ChatServer;
  let browser: Browser;
  let id = 0;

  beforeAll(async () => {
    s = await sharedStore();
    const sample = demoForwardedNotice();
    const held = await ingestMessage(s.store, { ...sample, source: "drop:demo", receivedAt: NOW.toISOString() }, { now: () => NOW });
    expect(held.notice).toMatchObject({ status: "triage", reason: "untrusted.forwarded" });
    id = held.notice.id;
    server = await startChatServer(s.store, () => NOW, undefined, { noticeReviewers: ["web:local"] });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await s?.close();
  });

  const ask = askWebChat;

  it("Japanese: the held notice shows what was read and why it waits; accepting applies it once, audited as the local user", async () => {
    const page = await (await browser.newContext({ locale: "ja-JP" })).newPage();
    await page.goto(`${server.url}/`);
    await page.waitForSelector("body[data-ready=true]");
    const card = await ask(page, "確認待ちのお知らせは？");
    const text = await card.innerText();
    for (const part of [`お知らせ #${id} は確認待ちです`, "転送メール", "TLS 1.0/1.1 の廃止", "Azure Cache for Redis", "期限 2025年3月1日"]) expect(text).toContain(part);
    // The decision takes the card's place, as the answer to any card action does in the web chat.
    await card.getByRole("button", { name: "承認 (期限 2025年3月1日)" }).click();
    await card.getByText(`お知らせ #${id} を承認し、反映しました`).waitFor();
    expect(await card.innerText()).toContain("Azure Cache for Redis: 期限 2025年3月1日");
    expect((await s.store.getNotice(id))?.status).toBe("applied");
    const audit = (await s.store.listAudit(20)).filter((a) => a.action === "notice.accept");
    expect(audit.map((a) => [a.actor, a.target, a.detail["heldFor"]])).toEqual([["web:local", `notice:${id}`, "untrusted.forwarded"]]);
    // Typed again: decided, not applied twice.
    expect(await (await ask(page, `お知らせ ${id} を承認`)).innerText()).toContain(`お知らせ #${id} は確認待ちではありません`);
    expect((await s.store.listAudit(20)).filter((a) => a.action === "notice.accept")).toHaveLength(1);
    expect(server.errors).toEqual([]);
  });
});
