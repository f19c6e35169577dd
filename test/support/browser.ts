import { existsSync } from "node:fs";
import type { Locator, Page } from "playwright-core";

export const CHROMIUM = process.env["TLSBOT_TEST_CHROMIUM"] ?? "/usr/bin/chromium";

export type BrowserAvailability = { ok: true } | { ok: false; reason: string };

/** Debian's chromium drives the browser tests; under CI a missing browser fails instead of skipping. */
export function browserAvailability(): BrowserAvailability {
  if (existsSync(CHROMIUM)) return { ok: true };
  const reason = `${CHROMIUM} not found (apt-get install chromium fonts-ipafont-gothic)`;
  if (process.env["CI"]) throw new Error(`CI requires Chromium: ${reason}`);
  console.warn(`skipping browser tests: ${reason}`);
  return { ok: false, reason };
}

/** Flags the machine needs: no sandbox as root, no background traffic on a closed network. */
export const CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"];

/** Types a question into the web chat as a user does and returns the bubble of the card it gets. */
export async function askWebChat(page: Page, text: string): Promise<Locator> {
  const before = await page.locator(".msg.bot").count();
  await page.locator("#input").fill(text);
  await page.keyboard.press("Enter");
  const bubble = page.locator(".msg.bot").nth(before).locator(".bubble");
  await bubble.locator(".ac-adaptiveCard").waitFor();
  return bubble;
}
