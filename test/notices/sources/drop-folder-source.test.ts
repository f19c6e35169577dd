import { existsSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dropFolderSource } from "../../../src/notices/sources/folder/drop-folder-source.ts";
import { watchSources } from "../../../src/notices/sources/watch-sources.ts";
import type { Store } from "../../../src/store/store.ts";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { sharedStore, type SharedStore } from "../../support/scan-fixture.ts";
import { forgedRedisPostponement, redisNotice } from "../mail-builder.ts";

const now = () => new Date("2026-11-01T00:00:00Z");

describe("drop folder source", () => {
  let s: SharedStore;
  let dir: string;
  beforeAll(async () => {
    s = await sharedStore();
    dir = mkdtempSync(join(tmpdir(), "tlsbot-drop-"));
  });
  afterAll(async () => {
    await s.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("ingests dropped mails, moves them to processed/, and skips other files", async () => {
    writeFileSync(join(dir, "a.eml"), redisNotice("1 March 2027", { messageId: "drop-a@notify.microsoft.com" }));
    writeFileSync(join(dir, "b.txt"), "Azure Cache for Redis: TLS 1.0 and 1.1 will be retired on 1 March 2027. Action required.");
    writeFileSync(join(dir, "notes.docx"), "not a mail");
    const r = await dropFolderSource(dir).poll({ store: s.store, options: { now } });
    expect(r.results.map((x) => x.notice.source)).toEqual(["drop:a.eml", "drop:b.txt"]);
    expect(readdirSync(dir).sort()).toEqual(["notes.docx", "processed"]);
    expect(readdirSync(join(dir, "processed")).sort()).toEqual(["a.eml", "b.txt"]);
  });

  it("the same mail dropped again is a duplicate and does not overwrite the processed copy", async () => {
    writeFileSync(join(dir, "a.eml"), redisNotice("1 March 2027", { messageId: "drop-a@notify.microsoft.com" }));
    const r = await dropFolderSource(dir).poll({ store: s.store, options: { now } });
    expect(r.results.map((x) => x.duplicate)).toEqual([true]);
    expect(readdirSync(join(dir, "processed")).sort()).toEqual(["a.eml", "a.eml.1", "b.txt"]);
  });

  it("a file whose recording fails stays in the folder for the next poll", async () => {
    const broken: Store = Object.create(s.store, { recordNotice: { value: () => Promise.reject(new Error("disk full")) } }) as Store;
    writeFileSync(join(dir, "c.eml"), redisNotice("1 March 2027", { messageId: "drop-c@notify.microsoft.com" }));
    await expect(dropFolderSource(dir).poll({ store: broken, options: { now } })).rejects.toThrow("disk full");
    expect(existsSync(join(dir, "c.eml"))).toBe(true);
    const r = await dropFolderSource(dir).poll({ store: s.store, options: { now } });
    expect(r.results.map((x) => x.notice.source)).toEqual(["drop:c.eml"]);
  });

  it("a postponement without Authentication-Results is held for review: a drop folder is not an authenticated source", async () => {
    writeFileSync(join(dir, "forged.eml"), forgedRedisPostponement());
    const r = await dropFolderSource(dir).poll({ store: s.store, options: { now } });
    expect(r.results.map((x) => [x.notice.status, x.notice.reason])).toEqual([["triage", "untrusted.postponeWithoutAuthentication"]]);
    expect((await s.store.getRetirement("redis-tls10-11"))?.deadline).toBe("2027-03-01");
  });
});

describe("watching sources", () => {
  it("keeps polling until stopped, picking up mail dropped later, and survives a failing source", async () => {
    const s = await sharedStore();
    const dir = mkdtempSync(join(tmpdir(), "tlsbot-watch-"));
    const stop = new AbortController();
    const seen: string[] = [];
    const failing = { name: "broken", poll: () => Promise.reject(new Error("unreachable")) };
    let failures = 0;
    const watching = watchSources([failing, dropFolderSource(dir)], { store: s.store, options: { now }, signal: stop.signal }, 20, (round) => {
      failures += round.failures.length;
      for (const p of round.polled) for (const r of p.results) seen.push(r.notice.source);
      if (seen.length > 0) stop.abort();
    });
    await new Promise((r) => setTimeout(r, 60));
    writeFileSync(join(dir, "late.eml"), redisNotice("1 March 2027", { messageId: "late@notify.microsoft.com" }));
    await watching;
    expect(seen).toEqual(["drop:late.eml"]);
    expect(failures).toBeGreaterThan(1);
    await s.close();
    rmSync(dir, { recursive: true, force: true });
  });
});
