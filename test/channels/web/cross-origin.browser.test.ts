import { randomUUID } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { chromium, type Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runScan } from "../../../src/azure/scan/run-scan.ts";
import { loadTenantFile } from "../../../src/azure/simulator/index.ts";
import { DEMO_TENANT_FILE } from "../../../src/cli/runtime.ts";
import { browserAvailability, CHROMIUM, CHROMIUM_ARGS } from "../../support/browser.ts";
import { startChatServer, type ChatServer } from "../../support/chat-server.ts";
import { scanFixture, type ScanFixture } from "../../support/scan-fixture.ts";

const availability = browserAvailability();
const NOW = new Date("2026-11-26T03:00:00Z");

function listen(server: Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve((server.address() as AddressInfo).port)));
}

/**
 * What a hostile page can make a browser do to the local bot: "simple" cross-origin requests (text/plain
 * fetch in no-cors mode, a form post) go out without a preflight; a JSON fetch needs one. None of them may
 * make the bot answer to the serviceUrl the page chose.
 */
describe.skipIf(!availability.ok)("a web page on another origin, in Chromium, against the local bot", () => {
  let fx: ScanFixture;
  let bot: ChatServer;
  let browser: Browser;
  const received: string[] = [];
  const receiver = createServer((req, res) => {
    received.push(`${req.method} ${req.url}`);
    req.resume();
    res.writeHead(200, { "content-type": "application/json" }).end("{\"id\":\"1\"}");
  });
  let evilPage: Server;
  let evilUrl = "";

  beforeAll(async () => {
    fx = await scanFixture({ tenant: await loadTenantFile(DEMO_TENANT_FILE) });
    await runScan({ clients: fx.clients, store: fx.store, now: () => NOW }, { source: "arm", concurrency: 4, timeoutMs: 30_000 });
    bot = await startChatServer(fx.store, () => NOW);
    const receiverPort = await listen(receiver);
    const activity = (text: string) => JSON.stringify({
      type: "message", id: randomUUID(), channelId: "webchat", serviceUrl: `http://127.0.0.1:${receiverPort}/`, from: { id: "victim" }, recipient: { id: "tlsbot" },
      conversation: { id: `webchat-${randomUUID()}` }, text,
    });
    const html = `<!doctype html><meta charset="utf-8"><body><form id="f" method="POST" action="${bot.url}/api/messages" enctype="text/plain" target="sink">
<input name='${activity("subscribe prod-jp").slice(0, -1)},"x":"' value='"}'></form><iframe name="sink"></iframe><script>
const target = ${JSON.stringify(`${bot.url}/api/messages`)};
const results = {};
(async () => {
  try { await fetch(target, { method: "POST", mode: "no-cors", headers: { "content-type": "text/plain" }, body: ${JSON.stringify(activity("which caches are below 1.2"))} }); results.noCors = "sent"; } catch (e) { results.noCors = "blocked"; }
  try { const r = await fetch(target, { method: "POST", headers: { "content-type": "application/json" }, body: ${JSON.stringify(activity("which caches are below 1.2"))} }); results.json = String(r.status); } catch (e) { results.json = "blocked"; }
  document.getElementById("f").submit();
  results.form = "submitted";
  document.body.dataset.done = JSON.stringify(results);
})();
</script>`;
    evilPage = createServer((_req, res) => void res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(html));
    evilUrl = `http://127.0.0.1:${await listen(evilPage)}/`;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    evilPage?.closeAllConnections();
    evilPage?.close();
    receiver.closeAllConnections();
    receiver.close();
    await bot?.close();
    await fx?.close();
  });

  it("delivers nothing and subscribes nothing", async () => {
    const page = await browser.newPage();
    const statuses: number[] = [];
    page.on("response", (r) => { if (r.url().startsWith(`${bot.url}/api/messages`)) statuses.push(r.status()); });
    await page.goto(evilUrl);
    await page.waitForSelector("body[data-done]");
    await page.waitForTimeout(500);
    const results = JSON.parse((await page.getAttribute("body", "data-done")) ?? "{}") as Record<string, string>;
    // The no-cors fetch is sent (its answer is opaque to the page); the JSON one dies in its preflight.
    expect(results).toMatchObject({ noCors: "sent", json: "blocked", form: "submitted" });
    expect(statuses.every((s) => s === 403 || s === 404 || s === 405 || s === 415)).toBe(true);
    expect(received).toEqual([]);
    expect(await fx.store.listSubscribedConversations()).toEqual([]);
    expect(bot.errors).toEqual([]);
  }, 60_000);
});
