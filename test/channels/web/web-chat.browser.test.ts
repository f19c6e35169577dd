import { mkdirSync } from "node:fs";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runScan } from "../../../src/azure/scan/run-scan.ts";
import { loadTenantFile } from "../../../src/azure/simulator/index.ts";
import { DEMO_TENANT_FILE } from "../../../src/cli/runtime.ts";
import { browserAvailability, CHROMIUM, CHROMIUM_ARGS } from "../../support/browser.ts";
import { startChatServer, type ChatServer } from "../../support/chat-server.ts";
import { scanFixture, type ScanFixture } from "../../support/scan-fixture.ts";
import { DEMO_INVENTORY_SIZE } from "../../support/demo-inventory.ts";

const availability = browserAvailability();
const NOW = new Date("2026-11-26T03:00:00Z");
const BELOW_12 = ["redis-cart-prod", "redis-ml-cache-dev", "redis-payments-prod", "redis-queue-stg", "redis-sandbox-tanaka", "redis-session-prod", "redis-web-stg"];
const ARTIFACTS = new URL("../../artifacts/", import.meta.url);

describe.skipIf(!availability.ok)("local web chat in Chromium", () => {
  let fx: ScanFixture;
  let server: ChatServer;
  let browser: Browser;

  beforeAll(async () => {
    fx = await scanFixture({ tenant: await loadTenantFile(DEMO_TENANT_FILE) });
    await runScan({ clients: fx.clients, store: fx.store, now: () => NOW }, { source: "arm", concurrency: 4, timeoutMs: 30_000 });
    server = await startChatServer(fx.store, () => NOW);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    mkdirSync(ARTIFACTS, { recursive: true });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await fx?.close();
  });

  async function open(locale: string, viewport = { width: 1100, height: 1400 }): Promise<Page> {
    const page = await (await browser.newContext({ locale, viewport })).newPage();
    await page.goto(`${server.url}/`);
    await page.waitForSelector("body[data-ready=true]");
    return page;
  }

  async function ask(page: Page, text: string): Promise<string> {
    const before = await page.locator(".msg.bot").count();
    // Keyboard only: the input has focus on load, Enter sends.
    await page.keyboard.type(text);
    await page.keyboard.press("Enter");
    await page.locator(".msg.bot").nth(before).locator(".ac-adaptiveCard").waitFor();
    return page.locator(".msg.bot").nth(before).innerText();
  }

  it("answers English and Japanese questions with the right resources in rendered cards", async () => {
    const page = await open("en-US");
    expect(await page.evaluate("document.activeElement && document.activeElement.id")).toBe("input");
    const en = await ask(page, "which caches are below 1.2");
    expect(en).toContain("Redis caches below TLS 1.2");
    for (const name of BELOW_12) expect(en).toContain(name);
    expect(en).not.toContain("redis-search-prod");

    const ja = await ask(page, "1.2未満のキャッシュは？");
    expect(ja).toContain("TLS 1.2 未満の Redis キャッシュ");
    expect(ja).toContain("期限切れ");
    for (const name of BELOW_12) expect(ja).toContain(name);
    // Japanese renders with a real font, not boxes.
    expect(await page.evaluate(`document.fonts.check('16px "IPAGothic"', "期限切れ")`)).toBe(true);
    await page.screenshot({ path: new URL("web-chat.png", ARTIFACTS).pathname, fullPage: true });

    // A card action goes through the same Action.Execute invoke as Teams and replaces the card.
    const last = page.locator(".msg.bot").last();
    await last.getByText("redis-cart-prod", { exact: true }).click();
    await last.getByText("判定理由").waitFor();
    expect(await last.innerText()).toContain("元に戻せません");
    expect(server.errors).toEqual([]);
  }, 60_000);

  it("greets in the browser's language and pages long answers with the card's button", async () => {
    const page = await open("ja-JP");
    expect(await page.locator(".msg.bot").first().innerText()).toContain("日本語でも英語でも");
    const text = await ask(page, "リソース一覧");
    expect(text).toContain(`リソース — ${DEMO_INVENTORY_SIZE} 件`);
    await page.locator(".msg.bot").last().getByRole("button", { name: "次の 20 件" }).click();
    await page.locator(".msg.bot").last().getByText(`${DEMO_INVENTORY_SIZE} 件中 21〜${Math.min(40, DEMO_INVENTORY_SIZE)} 件目`, { exact: false }).waitFor();
  }, 60_000);

  /** Text the card's renderer cut short (ellipsis, no wrap) in the last answer. */
  const cutTexts = (page: Page) => page.locator(".msg.bot").last().evaluate((el) =>
    [...el.querySelectorAll(".ac-textBlock")].filter((t) => t.scrollWidth > t.clientWidth + 1).map((t) => t.textContent));

  it("on a phone-sized window keeps the input on screen, shows answers from their start and cuts no text", async () => {
    for (const [locale, question, title] of [["en-US", "list resources", "Resources"], ["ja-JP", "リソース一覧", "リソース"]] as const) {
      const page = await open(locale, { width: 390, height: 844 });
      await ask(page, question);
      // The TLS column of the list holds "1.0 (default)" / 「1.0 (既定)」: shown whole, not "1.0 …".
      expect(await cutTexts(page)).toEqual([]);
      await ask(page, question);
      // Only the log scrolls: after two long answers the input is still in the window.
      const input = (await page.locator("#input").boundingBox())!;
      expect(input.y + input.height).toBeLessThanOrEqual(844);
      // A long answer is shown from its title, not scrolled past it or left below the fold.
      const main = (await page.locator("main").boundingBox())!;
      const head = (await page.locator(".msg.bot").last().getByText(title, { exact: false }).first().boundingBox())!;
      expect(head.y).toBeGreaterThanOrEqual(main.y);
      expect(head.y + head.height).toBeLessThanOrEqual(main.y + main.height);
      await page.screenshot({ path: new URL(`web-chat-phone-${locale}.png`, ARTIFACTS).pathname });
      await page.context().close();
    }
  }, 60_000);

  it("wraps a long word in the user's bubble and says it is working while an answer is slow", async () => {
    const page = await open("ja-JP", { width: 390, height: 844 });
    const id = `/subscriptions/${"1".repeat(8)}-1111-4111-a111-111111111111/resourceGroups/rg-commerce-prod/providers/Microsoft.Cache/Redis/redis-cart-prod`;
    await ask(page, id);
    const bubble = page.locator(".msg.mine .bubble").last();
    expect(await bubble.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);

    await page.route("**/api/messages", async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 1500));
      await route.continue();
    });
    await page.locator("#input").fill("状況");
    await page.keyboard.press("Enter");
    await page.getByRole("status").getByText("tlsbot が処理しています…").waitFor({ timeout: 1400 });
    expect(await page.locator("#log").getAttribute("aria-busy")).toBe("true");
    await page.locator(".msg.bot").last().getByText("現在の状況").waitFor();
    await expect.poll(() => page.getByRole("status").innerText()).toBe("");
    expect(await page.locator("#log").getAttribute("aria-busy")).toBe("false");
    expect(await page.evaluate("document.activeElement && document.activeElement.id")).toBe("input");
  }, 60_000);
});
