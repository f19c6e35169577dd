import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { freshDataDir } from "../support/data-dir.ts";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openStore } from "../../src/store/open-store.ts";
import { exited, spawnTs, waitForLine } from "../support/child-process.ts";

const CHILD = "test/store/fixtures/store-child.ts";
const dirs: string[] = [];
const tempDir = () => {
  const d = freshDataDir("tlsbot-lock-");
  dirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe("one process per PGlite data directory", () => {
  it("gives a second process a clear storeLocked error, and lets it in once the first has closed", async () => {
    const dir = tempDir();
    const holder = spawnTs(CHILD, ["hold", dir]);
    await waitForLine(holder, /^opened$/);
    const lock = JSON.parse(readFileSync(join(dir, "tlsbot.lock"), "utf8")) as { pid: number };
    expect(lock.pid).toBe(holder.pid);

    const second = spawnTs(CHILD, ["hold", dir]);
    const line = await waitForLine(second, /^error /);
    expect(line).toBe(`error storeLocked ${JSON.stringify({ dataDir: dir, pid: holder.pid })}`);
    expect(await exited(second)).toBe(3);

    holder.stdin?.end();
    expect(await exited(holder)).toBe(0);
    const store = await openStore({ dataDir: dir });
    await store.close();
  }, 120_000);

  it("takes over a lock left by a process that no longer exists", async () => {
    const dir = tempDir();
    // A pid far above pid_max cannot be alive.
    writeFileSync(join(dir, "tlsbot.lock"), JSON.stringify({ pid: 2 ** 30, host: hostname(), startedAt: "2026-01-01T00:00:00Z" }));
    const store = await openStore({ dataDir: dir });
    expect(JSON.parse(readFileSync(join(dir, "tlsbot.lock"), "utf8")).pid).toBe(process.pid);
    await store.close();
  }, 60_000);

  it("refuses a second open in the same process too", async () => {
    const dir = tempDir();
    const store = await openStore({ dataDir: dir });
    try {
      await expect(openStore({ dataDir: dir })).rejects.toMatchObject({ code: "storeLocked" });
    } finally {
      await store.close();
    }
  }, 60_000);
});
