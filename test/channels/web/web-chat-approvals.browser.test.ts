import { mkdirSync } from "node:fs";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runScan } from "../../../src/azure/scan/run-scan.ts";
import { loadTenantFile } from "../../../src/azure/simulator/index.ts";
import { DEMO_TENANT_FILE } from "../../../src/cli/runtime.ts";
import { askWebChat, browserAvailability, CHROMIUM, CHROMIUM_ARGS } from "../../support/browser.ts";
import { startChatServer, type ChatServer } from "../../support/chat-server.ts";
import { scanFixture, type ScanFixture } from "../../support/scan-fixture.ts";

const availability = browserAvailability();
const NOW = new Date("2026-11-26T03:00:00Z");
const SUB_PROD = "11111111-1111-4111-a111-111111111111";
const ARTIFACTS = new URL("../../artifacts/", import.meta.url);

/** The approval dialog as this machine's user meets it in the web chat: Chromium, real server, real SDK writes. */
describe.skipIf(!availability.ok)("upgrade approvals in the local web chat, in Chromium", () => {
  let fx: ScanFixture;
  let server: ChatServer;
  let browser: Browser;
  const patches = (name: string) => fx.sim.requests.filter((r) => r.method === "PATCH" && r.path.toLowerCase().includes(name));
  const writes = () => fx.sim.requests.filter((r) => r.method === "PATCH" || r.method === "PUT");

  beforeAll(async () => {
    // 202 + polls: the operation takes a few seconds, so the "applying" card is there to be seen.
    fx = await scanFixture({ tenant: await loadTenantFile(DEMO_TENANT_FILE), redisPatchMode: "202", asyncPollsBeforeDone: 2 });
    await runScan({ clients: fx.clients, store: fx.store, now: () => NOW }, { source: "arm", concurrency: 4, timeoutMs: 30_000 });
    server = await startChatServer(fx.store, () => NOW, fx.clients, { approvals: { approvers: [`web:local@/subscriptions/${SUB_PROD}`] } });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    mkdirSync(ARTIFACTS, { recursive: true });
    fx.sim.clearRequests();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await fx?.close();
  });

  async function open(locale: string): Promise<Page> {
    const page = await (await browser.newContext({ locale, viewport: { width: 1000, height: 1300 } })).newPage();
    await page.goto(`${server.url}/`);
    await page.waitForSelector("body[data-ready=true]");
    return page;
  }

  const ask = askWebChat;

  const shot = (page: Page, name: string) => page.screenshot({ path: new URL(name, ARTIFACTS).pathname, fullPage: true });

  it("English: the dialog checks its inputs, applies once, and the card follows the operation in place", async () => {
    const page = await open("en-US");
    const dialog = await ask(page, "upgrade redis-cart-prod to 1.2");
    const text = await dialog.innerText();
    expect(text).toContain("Raise redis-cart-prod to TLS 1.2?");
    // Facts, the irreversibility warning, the side effects, the inputs and the buttons.
    for (const s of ["prod-jp-east", "rg-commerce-prod", "→ 1.2", "cannot be undone", "failover", "I understand that this change cannot be undone", "Type the resource name to confirm"]) expect(text).toContain(s);
    const toggle = dialog.getByRole("checkbox");
    const typed = dialog.getByRole("textbox");
    const confirm = dialog.getByRole("button", { name: "Raise to TLS 1.2" });
    await expect(toggle.isChecked()).resolves.toBe(false);
    // Said once each: the catalog's restatements of the warning and of the evidence are left out.
    expect(text.match(/TLS versions clients use/g)).toHaveLength(1);
    expect(text).not.toContain("since 1 March 2024");
    expect(await dialog.getByRole("button", { name: "Cancel" }).count()).toBe(1);
    await shot(page, "approval-dialog-en.png");

    // Confirm without ticking: the card itself says what is missing, and nothing is sent or written.
    const invokes: string[] = [];
    page.on("request", (r) => { if (r.url().endsWith("/api/messages") && r.postDataJSON()?.type === "invoke") invokes.push(r.postData() ?? ""); });
    await confirm.click();
    await dialog.getByText("Tick the acknowledgement to continue.").waitFor();
    expect(await dialog.innerText()).toContain("Type redis-cart-prod exactly");
    expect(invokes).toEqual([]);
    await shot(page, "approval-dialog-invalid-en.png");

    // A typo passes the card's own check (the field is filled in); the server's answer shows the problem.
    await toggle.check();
    await typed.fill("redis-cart-pro");
    await confirm.click();
    await dialog.getByText("The name you typed does not match. Type redis-cart-prod exactly.").waitFor();
    expect(invokes).toHaveLength(1);
    const sent = JSON.parse(invokes[0]!) as { replyToId?: string; value: { action: { verb: string; data: Record<string, unknown> } } };
    // Action.Execute carries the inputs in action.data beside the card's data; the toggle as the string "true".
    expect(sent.value.action.verb).toBe("confirmUpgrade");
    expect(sent.value.action.data).toMatchObject({ ack: "true", typedName: "redis-cart-pro", target: "1.2", resourceId: expect.stringContaining("redis-cart-prod") });
    expect(sent.replyToId).toBe(await dialog.getAttribute("data-activity-id"));
    expect(writes()).toEqual([]);

    // The re-shown dialog, answered properly.
    await dialog.getByRole("checkbox").check();
    await dialog.getByRole("textbox").fill("redis-cart-prod");
    await dialog.getByRole("button", { name: "Raise to TLS 1.2" }).click();
    await dialog.getByText("Raising redis-cart-prod to TLS 1.2…").waitFor();
    expect(await page.locator(".msg.bot").count()).toBe(2);
    await shot(page, "approval-applying-en.png");
    // The operation finishes in the background; the same card is updated through the SSE `update` event.
    await dialog.getByText("redis-cart-prod now requires TLS 1.2 or later").waitFor({ timeout: 30_000 });
    expect(await dialog.innerText()).toContain("Approved by this computer's user");
    expect(await page.locator(".msg.bot").count()).toBe(2);
    await shot(page, "approval-result-en.png");
    await server.approvals!.idle();
    expect(patches("redis-cart-prod")).toHaveLength(1);
    expect(writes()).toHaveLength(1);

    const list = await (await ask(page, "which caches are below 1.2")).innerText();
    expect(list).toContain("redis-payments-prod");
    expect(list).not.toContain("redis-cart-prod");
    expect(server.errors).toEqual([]);
  }, 90_000);

  it("Japanese: the same flow in the browser's language", async () => {
    fx.sim.clearRequests();
    const page = await open("ja-JP");
    const dialog = await ask(page, "redis-session-prod を 1.2 に上げて");
    const text = await dialog.innerText();
    for (const s of ["redis-session-prod を TLS 1.2 に引き上げますか？", "元に戻せません", "フェールオーバー", "確認のためリソース名を入力してください"]) expect(text).toContain(s);
    await shot(page, "approval-dialog-ja.png");
    await dialog.getByRole("button", { name: "TLS 1.2 に引き上げる" }).click();
    await dialog.getByText("続けるには確認のチェックを入れてください。").waitFor();

    await dialog.getByRole("checkbox").check();
    await dialog.getByRole("textbox").fill("redis-session-prod");
    await dialog.getByRole("button", { name: "TLS 1.2 に引き上げる" }).click();
    await dialog.getByText("redis-session-prod を TLS 1.2 に引き上げています…").waitFor();
    await dialog.getByText("redis-session-prod は TLS 1.2 以上が必須になりました").waitFor({ timeout: 30_000 });
    expect(await dialog.innerText()).toContain("承認者: このコンピューターの利用者");
    await shot(page, "approval-result-ja.png");
    await server.approvals!.idle();
    expect(patches("redis-session-prod")).toHaveLength(1);
    expect(writes()).toHaveLength(1);
    const list = await (await ask(page, "1.2未満のキャッシュは？")).innerText();
    expect(list).toContain("redis-payments-prod");
    expect(list).not.toContain("redis-session-prod");
    expect(server.errors).toEqual([]);
  }, 90_000);

  it("keeps the result when its update overtakes the confirmation's own answer", async () => {
    fx.sim.clearRequests();
    const page = await open("en-US");
    const dialog = await ask(page, "upgrade redis-payments-prod to 1.2");
    // The answer to the confirmation ("applying…") is held back until the upgrade has finished and its
    // update reached the page: what a fast write (PATCH answered 200) does on a busy machine.
    await page.route("**/api/messages", async (route) => {
      if (route.request().postDataJSON()?.value?.action?.verb !== "confirmUpgrade") return route.continue();
      const response = await route.fetch();
      await server.approvals!.idle();
      await dialog.getByText("redis-payments-prod now requires TLS 1.2 or later").waitFor({ timeout: 30_000 });
      await route.fulfill({ response });
    });
    await dialog.getByRole("checkbox").check();
    await dialog.getByRole("textbox").fill("redis-payments-prod");
    const answered = page.waitForResponse((r) => r.url().endsWith("/api/messages") && r.request().postDataJSON()?.value?.action?.verb === "confirmUpgrade");
    await dialog.getByRole("button", { name: "Raise to TLS 1.2" }).click();
    expect(await (await answered).json()).toMatchObject({ statusCode: 200 });
    await page.waitForTimeout(200);
    expect(await dialog.innerText()).toContain("redis-payments-prod now requires TLS 1.2 or later");
    expect(await dialog.innerText()).not.toContain("Raising");
    expect(patches("redis-payments-prod")).toHaveLength(1);
  }, 90_000);

  it("Cancel sends the dialog's token with the action and calls the request off on the same card", async () => {
    fx.sim.clearRequests();
    const page = await open("en-US");
    const dialog = await ask(page, "upgrade redis-fraud-prod to 1.2");
    expect(await dialog.innerText()).toContain("Raise redis-fraud-prod to TLS 1.2?");
    const messages = await page.locator(".msg.bot").count();
    const sent = page.waitForRequest((r) => r.url().endsWith("/api/messages") && r.postDataJSON()?.value?.action?.verb === "cancelUpgrade");
    // By keyboard: the card is replaced, and the focus must stay on it rather than fall back to the page.
    await dialog.getByRole("button", { name: "Cancel" }).focus();
    await page.keyboard.press("Enter");
    const data = ((await sent).postDataJSON() as { value: { action: { data: Record<string, unknown> } } }).value.action.data;
    expect(data).toMatchObject({ approvalId: expect.any(String), token: expect.any(String) });
    await dialog.getByText("Upgrade of redis-fraud-prod cancelled").waitFor();
    expect(await dialog.evaluate((el) => el.contains(el.ownerDocument.activeElement))).toBe(true);
    expect(await page.locator(".msg.bot").count()).toBe(messages);
    expect(await server.approvals!.get(data["approvalId"] as string)).toMatchObject({ state: "cancelled" });
    expect(writes()).toEqual([]);
    expect(server.errors).toEqual([]);
  }, 60_000);

  it("shows the user an action the server answered with an error instead of dropping it", async () => {
    fx.sim.clearRequests();
    const page = await open("en-US");
    const card = await ask(page, "redis-queue-stg");
    // The server answers an Action.Execute without a verb with statusCode 400 in the invoke body.
    await page.route("**/api/messages", async (route) => {
      const body = route.request().postDataJSON() as { type: string; value?: { action?: Record<string, unknown> } };
      if (body.type !== "invoke") return route.continue();
      delete body.value!.action!["verb"];
      await route.continue({ postData: JSON.stringify(body) });
    });
    const before = await card.locator(".ac-adaptiveCard").innerText();
    await card.getByRole("button").first().click();
    const alert = card.getByRole("alert");
    await alert.waitFor();
    expect(await alert.innerText()).toBe("The action did not go through (400). Try again.");
    // The card stays as it was, buttons usable, so the user can try again.
    expect(await card.locator(".ac-adaptiveCard").innerText()).toBe(before);
    expect(await card.getByRole("button").first().isEnabled()).toBe(true);
    await shot(page, "approval-action-error-en.png");
    expect(writes()).toHaveLength(0);
  }, 60_000);
});
