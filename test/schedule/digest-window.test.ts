import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Finding } from "../../src/domain/resource.ts";
import { acceptTriagedNotice, ingestMessage } from "../../src/notices/ingest/ingest-message.ts";
import type { Deliverer, RenderedPost } from "../../src/posts/deliverer.ts";
import { createPoster } from "../../src/posts/poster.ts";
import { dueDigests, postDigest } from "../../src/schedule/post-digest.ts";
import { previewPosts } from "../../src/schedule/preview-posts.ts";
import type { Store } from "../../src/store/store.ts";
import { finding, SUB1 } from "../store/finding-fixture.ts";
import { redisNotice } from "../notices/mail-builder.ts";
import { sharedStore, type SharedStore } from "../support/scan-fixture.ts";

// Monday 09:00 UTC digests: three consecutive slots.
const CRON = "0 9 * * 1";
const ZONE = "UTC";
const S1 = new Date("2026-11-30T09:00:00.000Z");
const S2 = new Date("2026-12-07T09:00:00.000Z");
const S3 = new Date("2026-12-14T09:00:00.000Z");
const minutes = (at: Date, n: number) => new Date(at.getTime() + n * 60_000);
const OPS = "teams:ops";
const fixedNames = (text: string) => [...text.matchAll(/^.*Fixed: (redis-\w+)/gm)].map((m) => m[1]).sort();
const hasNotice = (text: string) => text.includes("New notice: Azure Cache for Redis");

/**
 * The weekly digest's window: consecutive digests to a conversation partition time — whatever is recorded
 * between two slots is in exactly one digest, however late either was sent and by whichever replica.
 */
describe("digest windows", () => {
  let shared: SharedStore;
  let store: Store;
  let sent: Array<{ key: string; text: string }>;
  const deliverer: Deliverer = {
    platform: "teams", minIntervalMs: 0, update: async () => {},
    send: async (c, post: RenderedPost) => {
      sent.push({ key: c.key, text: post.text });
      return { activityId: String(sent.length) };
    },
  };
  /** A replica's poster, its clock reading `at`: when it claims and sends. */
  const replica = (at: Date) => createPoster({ store, now: () => at, deliverers: [deliverer], onError: (e) => { throw e; } });
  const digests = () => sent.filter((s) => s.key === OPS).map((s) => s.text);

  // Three overdue caches; redis-keep stays overdue, so every week has something to say.
  const overdue = ["redis-a", "redis-b", "redis-keep"].map((n) => finding(n));
  const compliant = (f: Finding): Finding => ({ ...f, rawTls: "1.2", configuredTls: "1.2", effectiveTls: "1.2", status: "compliant" });
  let inventory: Finding[];
  /** A scan finishing at `at` that finds `name` fixed (its change recorded then). */
  async function fixAt(name: string, at: Date): Promise<void> {
    inventory = inventory.map((f) => (f.name === name ? compliant(f) : f));
    const scan = await store.beginScan("arm", minutes(at, -1).toISOString());
    await store.completeScan(scan, inventory, [], { subscriptionIds: [SUB1], types: [] }, at.toISOString());
  }
  /** A Redis notice whose mail arrived at `receivedAt` and was applied at `appliedAt`. */
  const noticeAt = (appliedAt: Date, receivedAt = appliedAt) =>
    ingestMessage(store, { bytes: redisNotice("1 March 2027"), source: "test", receivedAt: receivedAt.toISOString() }, { now: () => appliedAt });

  beforeEach(async () => {
    shared = await sharedStore();
    store = shared.store;
    sent = [];
    inventory = overdue;
    const at = "2026-11-01T00:00:00.000Z";
    const scan = await store.beginScan("arm", at);
    await store.completeScan(scan, inventory, [], { subscriptionIds: [SUB1], types: [] }, at);
    await store.upsertConversation({ key: OPS, platform: "teams", reference: {}, kind: "channel", tenant: null, scopes: [SUB1], langs: "en", updatedAt: at });
  });
  afterEach(async () => {
    await shared?.close();
  });

  it("puts what happened just after a slot whose digest went out late into the next digest, and what happened just before the next slot too", async () => {
    // Recorded two minutes after the slot, while its run had not started yet.
    await fixAt("redis-a", minutes(S1, 2));
    expect((await noticeAt(minutes(S1, 2))).notice.status).toBe("applied");
    expect(await postDigest(store, replica(minutes(S1, 5)), S1, { timeZone: ZONE })).toBe(1);
    // Just before the next slot.
    await fixAt("redis-b", minutes(S2, -1));
    expect(await postDigest(store, replica(S2), S2, { timeZone: ZONE })).toBe(1);

    const [first, second] = digests();
    expect(fixedNames(first!)).toEqual([]);
    expect(hasNotice(first!)).toBe(false);
    expect(fixedNames(second!)).toEqual(["redis-a", "redis-b"]);
    expect(hasNotice(second!)).toBe(true);
    // The second window starts where the first ended: the first's slot, not when it was sent.
    const view = (await dueDigests(store, S2, { timeZone: ZONE })).find((d) => d.conversation.key === OPS)!.view!;
    expect([view.since, view.until]).toEqual([S1.toISOString(), S2.toISOString()]);
  });

  it("starts the next window at the slot a replica took over late, not when it sent", async () => {
    // A replica claimed the slot's post and died before sending; another takes the round over 12 minutes later.
    expect(await store.claimPost(OPS, "digest:2026-11-30", S1.toISOString())).toBe(true);
    await fixAt("redis-a", minutes(S1, 3));
    expect(await postDigest(store, replica(minutes(S1, 12)), S1, { timeZone: ZONE, takeover: true })).toBe(1);
    // A restart re-running the same slot posts nothing more.
    expect(await postDigest(store, replica(minutes(S1, 20)), S1, { timeZone: ZONE })).toBe(0);
    expect(await postDigest(store, replica(minutes(S2, 1)), S2, { timeZone: ZONE })).toBe(1);
    expect(digests().map(fixedNames)).toEqual([[], ["redis-a"]]);
  });

  it("covers a missed week from where the last digest ended", async () => {
    await postDigest(store, replica(minutes(S1, 1)), S1, { timeZone: ZONE });
    await fixAt("redis-a", minutes(S1, 1));
    // No replica ran S2's slot; S3's digest covers both weeks.
    await fixAt("redis-b", minutes(S2, 30));
    await postDigest(store, replica(S3), S3, { timeZone: ZONE });
    expect(digests().map(fixedNames)).toEqual([[], ["redis-a", "redis-b"]]);
    const view = (await dueDigests(store, S3, { timeZone: ZONE })).find((d) => d.conversation.key === OPS)!.view!;
    expect([view.since, view.until]).toEqual([S1.toISOString(), S3.toISOString()]);
  });

  it("sends nothing for a slot run after a later slot's digest went out: that one covered it already", async () => {
    await fixAt("redis-a", minutes(S2, -30));
    expect(await postDigest(store, replica(minutes(S2, 1)), S2, { timeZone: ZONE })).toBe(1);
    // S1's round, held by a replica that died, taken over only now.
    expect(await postDigest(store, replica(minutes(S2, 2)), S1, { timeZone: ZONE, takeover: true })).toBe(0);
    expect(digests().map(fixedNames)).toEqual([["redis-a"]]);
    // The week after starts where S2's ended.
    await fixAt("redis-b", minutes(S2, 5));
    expect(await postDigest(store, replica(S3), S3, { timeZone: ZONE })).toBe(1);
    expect(digests().map(fixedNames)).toEqual([["redis-a"], ["redis-b"]]);
  });

  it("counts a notice in the week it was applied, not the one its mail arrived in", async () => {
    // Arrived a minute before the slot, polled and applied a minute after the digest went out on time.
    await postDigest(store, replica(S1), S1, { timeZone: ZONE });
    expect((await noticeAt(minutes(S1, 1), minutes(S1, -1))).notice.status).toBe("applied");
    await postDigest(store, replica(S2), S2, { timeZone: ZONE });
    expect(digests().map(hasNotice)).toEqual([false, true]);
  });

  it("counts a notice accepted from review in the week it was accepted, however many notices were applied since its mail came", async () => {
    const arrived = minutes(S1, -24 * 60);
    const held = await ingestMessage(store, { bytes: redisNotice("1 March 2027"), source: "test", receivedAt: arrived.toISOString() }, { now: () => arrived, deadlineChanges: "review" });
    expect(held.notice.status).toBe("triage");
    // A busy week of other applied notices (Service Health updates, other services), all newer than the held one.
    for (let i = 0; i < 1000; i++) {
      const { notice } = await store.recordNotice({ messageKey: `mid:iothub-${i}@test`, source: "test", receivedAt: minutes(S1, -60).toISOString(), raw: null });
      await store.updateNotice(notice.id, { status: "applied", reason: "confirmed", retirementIds: ["iothub-tls10-11"], at: minutes(S1, -60).toISOString() });
    }
    await postDigest(store, replica(S1), S1, { timeZone: ZONE });
    expect((await acceptTriagedNotice(store, held.notice.id, "cli:aki", { now: () => minutes(S1, 1) })).notice.status).toBe("applied");
    await postDigest(store, replica(S2), S2, { timeZone: ZONE });
    expect(digests().map(hasNotice)).toEqual([false, true]);
  }, 60_000);

  it("previews a slot's digest as the run at its slot posts it, however long after the slot", async () => {
    await postDigest(store, replica(minutes(S1, 7)), S1, { timeZone: ZONE });
    const preview = await previewPosts(store, minutes(S2, 180), { afterEveryDays: 7, digestCron: CRON, timeZone: ZONE });
    const digest = preview.conversations.find((c) => c.key === OPS)!.digest!;
    expect(digest).toMatchObject({ key: "digest:2026-12-07", slot: S2.toISOString(), status: "due" });
    expect([digest.view.since, digest.view.until]).toEqual([S1.toISOString(), S2.toISOString()]);
  });
});
