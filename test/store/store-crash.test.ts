import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openStore } from "../../src/store/open-store.ts";
import { exited, spawnTs, waitForLine } from "../support/child-process.ts";

const dir = mkdtempSync(join(tmpdir(), "tlsbot-crash-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("a scan killed mid-write", () => {
  it("leaves the previous snapshot intact and the scan marked interrupted", async () => {
    const child = spawnTs("test/store/fixtures/store-child.ts", ["crash", dir]);
    let stdout = "";
    child.stdout?.on("data", (c: Buffer) => (stdout += c.toString()));
    const line = await waitForLine(child, /^completing \d+$/);
    const scanId = Number(line.split(" ")[1]);
    // Let the large transaction get under way, then kill without any chance to clean up.
    await new Promise((r) => setTimeout(r, 300));
    child.kill("SIGKILL");
    await exited(child);
    expect(stdout).not.toContain("completed\n");

    const store = await openStore({ dataDir: dir });
    try {
      expect((await store.currentResources()).map((f) => f.name)).toEqual(["a-one", "a-two"]);
      expect(await store.getScan(scanId)).toMatchObject({ status: "failed", errors: [{ code: "interrupted" }] });
      expect((await store.latestCompletedScan())?.id).toBe(scanId - 1);
    } finally {
      await store.close();
    }
  }, 120_000);
});
