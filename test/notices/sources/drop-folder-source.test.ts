import { appendFileSync, existsSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { dropFolderSource } from "../../../src/notices/sources/folder/drop-folder-source.ts";
import { watchSources } from "../../../src/notices/sources/watch-sources.ts";
import type { Store } from "../../../src/store/store.ts";
import { tmpdir } from "node:os";
import { sharedStore, type SharedStore } from "../../support/scan-fixture.ts";
import { forgedRedisPostponement, redisMultipartNotice, redisNotice } from "../mail-builder.ts";

const now = () => new Date("2026-11-01T00:00:00Z");
/** A file saved a minute ago: long enough that nothing is still writing it. */
function dropped(path: string, bytes: Uint8Array | string): void {
  writeFileSync(path, bytes);
  const then = new Date(Date.now() - 60_000);
  utimesSync(path, then, then);
}

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
    dropped(join(dir, "a.eml"), redisNotice("1 March 2027", { messageId: "drop-a@notify.microsoft.com" }));
    dropped(join(dir, "b.txt"), "Azure Cache for Redis: TLS 1.0 and 1.1 will be retired on 1 March 2027. Action required.");
    dropped(join(dir, "notes.docx"), "not a mail");
    const r = await dropFolderSource(dir).poll({ store: s.store, options: { now } });
    expect(r.results.map((x) => x.notice.source)).toEqual(["drop:a.eml", "drop:b.txt"]);
    expect(readdirSync(dir).sort()).toEqual(["notes.docx", "processed"]);
    expect(readdirSync(join(dir, "processed")).sort()).toEqual(["a.eml", "b.txt"]);
  });

  it("the same mail dropped again is a duplicate and does not overwrite the processed copy", async () => {
    dropped(join(dir, "a.eml"), redisNotice("1 March 2027", { messageId: "drop-a@notify.microsoft.com" }));
    const r = await dropFolderSource(dir).poll({ store: s.store, options: { now } });
    expect(r.results.map((x) => x.duplicate)).toEqual([true]);
    expect(readdirSync(join(dir, "processed")).sort()).toEqual(["a.eml", "a.eml.1", "b.txt"]);
  });

  it("a file whose recording fails stays in the folder for the next poll", async () => {
    const broken: Store = Object.create(s.store, { recordNotice: { value: () => Promise.reject(new Error("disk full")) } }) as Store;
    dropped(join(dir, "c.eml"), redisNotice("1 March 2027", { messageId: "drop-c@notify.microsoft.com" }));
    await expect(dropFolderSource(dir).poll({ store: broken, options: { now } })).rejects.toThrow("disk full");
    expect(existsSync(join(dir, "c.eml"))).toBe(true);
    const r = await dropFolderSource(dir).poll({ store: s.store, options: { now } });
    expect(r.results.map((x) => x.notice.source)).toEqual(["drop:c.eml"]);
  });

  it("a postponement without Authentication-Results is held for review: a drop folder is not an authenticated source", async () => {
    dropped(join(dir, "forged.eml"), forgedRedisPostponement());
    const r = await dropFolderSource(dir).poll({ store: s.store, options: { now } });
    expect(r.results.map((x) => [x.notice.status, x.notice.reason])).toEqual([["triage", "untrusted.postponeWithoutAuthentication"]]);
    expect((await s.store.getRetirement("redis-tls10-11"))?.deadline).toBe("2027-03-01");
  });
});

describe("a drop folder being written to", () => {
  let s: SharedStore;
  let dir: string;
  beforeEach(async () => {
    s = await sharedStore();
    dir = mkdtempSync(join(tmpdir(), "tlsbot-drop-"));
  });
  afterEach(async () => {
    await s.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const stored = async () => (await s.store.listNotices({ limit: 50, oldestFirst: true })).map((n) => n.source);

  it("leaves a mail still being saved where it is until a poll finds it unchanged, then reads it whole", async () => {
    const mail = redisMultipartNotice("1 June 2027", { messageId: "saving@notify.microsoft.com" });
    const path = join(dir, "saving.eml");
    const half = Math.floor(mail.byteLength / 2);
    writeFileSync(path, mail.subarray(0, half));
    const source = dropFolderSource(dir);
    const first = await source.poll({ store: s.store, options: { now } });
    expect(first.results).toEqual([]);
    expect(first.waiting).toEqual(["saving.eml"]);
    expect(readdirSync(dir).sort()).toEqual(["processed", "saving.eml"]);
    appendFileSync(path, mail.subarray(half));
    // Grown since the last poll: still being written, as far as the folder can tell.
    expect((await source.poll({ store: s.store, options: { now } })).results).toEqual([]);
    const third = await source.poll({ store: s.store, options: { now } });
    expect(third.results.map((r) => [r.notice.status, r.notice.reason, r.parsed?.deadline])).toEqual([["applied", "postponed", "2027-06-01"]]);
    expect(readdirSync(dir)).toEqual(["processed"]);
    expect(readdirSync(join(dir, "processed"))).toEqual(["saving.eml"]);
    expect(await stored()).toEqual(["drop:saving.eml"]);
  });

  it("reads at first sight a file last written before the settle time, measured by the wall clock, not the notices' clock", async () => {
    dropped(join(dir, "old.eml"), redisNotice("1 March 2027", { messageId: "old@notify.microsoft.com" }));
    writeFileSync(join(dir, "fresh.eml"), redisNotice("1 March 2027", { messageId: "fresh@notify.microsoft.com" }));
    // TLSBOT_NOW (or --now) may fix the notices' clock years away from the files' times.
    const later = () => new Date("2031-01-01T00:00:00Z");
    const r = await dropFolderSource(dir).poll({ store: s.store, options: { now: later } });
    expect(r.results.map((x) => x.notice.source)).toEqual(["drop:old.eml"]);
    expect(r.waiting).toEqual(["fresh.eml"]);
    expect(readdirSync(dir).sort()).toEqual(["fresh.eml", "processed"]);
  });

  it("reads a file stamped in the future (a file server whose clock runs ahead) once a poll finds it unchanged", async () => {
    const path = join(dir, "ahead.eml");
    writeFileSync(path, redisNotice("1 March 2027", { messageId: "ahead@notify.microsoft.com" }));
    const ahead = new Date(Date.now() + 3_600_000);
    utimesSync(path, ahead, ahead);
    const source = dropFolderSource(dir);
    expect((await source.poll({ store: s.store, options: { now } })).waiting).toEqual(["ahead.eml"]);
    expect((await source.poll({ store: s.store, options: { now } })).results.map((x) => x.notice.source)).toEqual(["drop:ahead.eml"]);
  });

  it("leaves alone files whose names say another program is still writing them", async () => {
    const names = ["~$notice.eml", ".notice.eml", "notice.eml.part", "notice.eml.crdownload", "notice.eml.tmp", "notice.tmp"];
    names.forEach((name, i) => dropped(join(dir, name), redisNotice("1 March 2027", { messageId: `partial-${i}@notify.microsoft.com` })));
    const source = dropFolderSource(dir);
    for (let round = 0; round < 2; round++) {
      const r = await source.poll({ store: s.store, options: { now } });
      expect(r.results).toEqual([]);
      expect(r.waiting ?? []).toEqual([]);
    }
    expect(readdirSync(dir).sort()).toEqual([...names, "processed"].sort());
    expect(await stored()).toEqual([]);
  });

  it("moves empty and binary files to rejected/ without recording them as notices", async () => {
    dropped(join(dir, "empty.eml"), "");
    dropped(join(dir, "blank.txt"), "\r\n  \t\n");
    // A screenshot saved under a mail's name: PNG signature, IHDR chunk, NUL bytes.
    dropped(join(dir, "screenshot.eml"), Buffer.concat([Buffer.from("89504e470d0a1a0a0000000d49484452", "hex"), Buffer.alloc(256, 7)]));
    dropped(join(dir, "good.eml"), redisNotice("1 March 2027", { messageId: "good@notify.microsoft.com" }));
    const r = await dropFolderSource(dir).poll({ store: s.store, options: { now } });
    expect(r.results.map((x) => x.notice.source)).toEqual(["drop:good.eml"]);
    expect(r.rejected).toEqual([
      { file: "blank.txt", why: "empty", movedTo: join("rejected", "blank.txt") },
      { file: "empty.eml", why: "empty", movedTo: join("rejected", "empty.eml") },
      { file: "screenshot.eml", why: "binary", movedTo: join("rejected", "screenshot.eml") },
    ]);
    expect(readdirSync(dir).sort()).toEqual(["processed", "rejected"]);
    expect(readdirSync(join(dir, "rejected")).sort()).toEqual(["blank.txt", "empty.eml", "screenshot.eml"]);
    expect(await stored()).toEqual(["drop:good.eml"]);
    // The same name set aside again keeps the first one.
    dropped(join(dir, "empty.eml"), "");
    expect((await dropFolderSource(dir).poll({ store: s.store, options: { now } })).rejected).toEqual([{ file: "empty.eml", why: "empty", movedTo: join("rejected", "empty.eml.1") }]);
    expect(await stored()).toEqual(["drop:good.eml"]);
  });

  it("holds a cut-off copy that stopped changing for review, and applies the complete mail dropped after it", async () => {
    const mail = redisMultipartNotice("1 June 2027", { messageId: "stalled@notify.microsoft.com" });
    dropped(join(dir, "stalled.eml"), mail.subarray(0, new TextDecoder().decode(mail).indexOf("<h2>")));
    const cut = await dropFolderSource(dir).poll({ store: s.store, options: { now } });
    expect(cut.results.map((x) => [x.notice.status, x.notice.reason])).toEqual([["triage", "cutOff"]]);
    expect((await s.store.getRetirement("redis-tls10-11"))?.deadline ?? "2025-03-01").toBe("2025-03-01");
    dropped(join(dir, "stalled.eml"), mail);
    const whole = await dropFolderSource(dir).poll({ store: s.store, options: { now } });
    expect(whole.results.map((x) => [x.duplicate, x.notice.status, x.notice.reason])).toEqual([[false, "applied", "postponed"]]);
    expect((await s.store.getRetirement("redis-tls10-11"))?.deadline).toBe("2027-06-01");
    expect(readdirSync(join(dir, "processed")).sort()).toEqual(["stalled.eml", "stalled.eml.1"]);
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
