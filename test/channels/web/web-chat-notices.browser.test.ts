import { chromium, type Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoForwardedNotice } from "../../../src/cli/commands/demo-notice.ts";
import { ingestMessage } from "../../../src/notices/ingest/ingest-message.ts";
import { postNewNotices } from "../../../src/posts/notice-watcher.ts";
import { askWebChat, browserAvailability, CHROMIUM, CHROMIUM_ARGS } from "../../support/browser.ts";
import { startChatServer, type ChatServer } from "../../support/chat-server.ts";
import { sharedStore, type SharedStore } from "../../support/scan-fixture.ts";
import { buildMail } from "../../notices/mail-builder.ts";

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

  it("English: a held notice posted to the web chat is replaced in place once it is dismissed, with no buttons left", async () => {
    const page = await (await browser.newContext({ locale: "en-US" })).newPage();
    await page.goto(`${server.url}/`);
    await page.waitForSelector("body[data-ready=true]");
    expect(await (await ask(page, "subscribe in English")).innerText()).toContain("English");
    const watch = () => postNewNotices(s.store, server.poster, () => NOW);
    await watch();
    const sample = demoForwardedNotice();
    const held = await ingestMessage(s.store, { messageKey: "posted-held@example.invalid", bytes: new TextEncoder().encode(new TextDecoder().decode(sample.bytes).replace(/^Message-ID: <[^>]*>/im, "Message-ID: <posted-held@example.invalid>")), source: "drop:demo", receivedAt: NOW.toISOString() }, { now: () => NOW });
    expect(held.notice.status).toBe("triage");
    // This one, and the notice accepted above (announced with the resources it concerns).
    expect(await watch()).toBe(2);
    const postedCard = page.locator(".msg.bot .bubble", { hasText: `A notice needs review (#${held.notice.id})` });
    await postedCard.waitFor();
    // Found again by its message, whatever it says next.
    const index = await page.locator(".msg.bot .bubble").evaluateAll((all, id) => all.findIndex((b) => b.textContent?.includes(`A notice needs review (#${id})`)), held.notice.id);
    const posted = page.locator(".msg.bot .bubble").nth(index);
    expect(await posted.getByRole("button", { name: "Dismiss" }).count()).toBe(1);
    // Decided elsewhere (a typed message here; a shell or another replica would do the same).
    expect(await (await ask(page, `dismiss notice ${held.notice.id}`)).innerText()).toContain(`Notice #${held.notice.id} dismissed`);
    expect(await watch()).toBe(1);
    await posted.getByText(`Notice #${held.notice.id} was dismissed`).waitFor();
    expect(await posted.innerText()).toContain("No deadline changed.");
    expect(await posted.getByRole("button").count()).toBe(0);
    expect(await watch()).toBe(0);
    expect(server.errors).toEqual([]);
  });

  it("shows a held notice's Markdown subject as written: no link, no bold", async () => {
    const subject = "[click](https://evil.example) **urgent**";
    const mail = buildMail({ from: "azure-noreply@micros0ft-support.com", subject, messageId: "markdown-subject@example.invalid", body: "Azure Cache for Redis will retire support for TLS 1.0 and 1.1 on 1 June 2030.\n" });
    expect((await ingestMessage(s.store, { bytes: mail, source: "drop:demo", receivedAt: NOW.toISOString() }, { now: () => NOW })).notice.status).toBe("triage");
    const page = await (await browser.newContext({ locale: "en-US" })).newPage();
    await page.goto(`${server.url}/`);
    await page.waitForSelector("body[data-ready=true]");
    const card = await ask(page, "which notices are waiting for review");
    expect(await card.innerText()).toContain(subject);
    expect(await card.locator("a, strong, b, em, i").count()).toBe(0);
    expect(server.errors).toEqual([]);
  });
});
