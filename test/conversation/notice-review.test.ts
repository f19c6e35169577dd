import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deadlineBook } from "../../src/catalog/deadline-book.ts";
import type { Command } from "../../src/conversation/command.ts";
import { createEngine, type Engine } from "../../src/conversation/engine.ts";
import { ingestMessage } from "../../src/notices/ingest/ingest-message.ts";
import { createNoticeReview } from "../../src/notices/review/notice-review.ts";
import { present } from "../../src/render/present.ts";
import type { View } from "../../src/render/view-model.ts";
import type { Store } from "../../src/store/store.ts";
import { buildMail, forgedRedisPostponement, redisNotice } from "../notices/mail-builder.ts";
import { sharedStore, type SharedStore } from "../support/scan-fixture.ts";

const NOW = new Date("2026-11-26T03:00:00Z");
const REVIEWER = { platform: "teams", id: "reviewer-1", name: "Aiko" } as const;
const OTHER = { platform: "web", id: "u1" } as const;

const say = (engine: Engine, text: string, actor: Command["actor"] = OTHER) => engine.handle({ actor, conversationId: "c1", text });
const click = (engine: Engine, verb: string, data: Record<string, unknown>, actor: Command["actor"] = OTHER) =>
  engine.handle({ actor, conversationId: "c1", action: { verb, data } });
const redisDeadline = async (store: Store) => deadlineBook(await store.listRetirements())("Microsoft.Cache/Redis")?.deadline;
const audits = async (store: Store, action: string, id: number) => (await store.listAudit(100)).filter((a) => a.action === action && a.target === `notice:${id}`);
function viewOf<T extends View["type"]>(v: View, type: T): Extract<View, { type: T }> {
  expect(v.type).toBe(type);
  return v as Extract<View, { type: T }>;
}

describe("reviewing held notices in chat", () => {
  let s: SharedStore;
  let engine: Engine;
  // A look-alike sender's Redis notice (deadline read: 1 January 2030), a listed sender's postponement with no
  // authentication evidence, a notice with no date, and a second look-alike to dismiss: all held for a person.
  const ids = { lookAlike: 0, forged: 0, noDate: 0, toDismiss: 0, older: 0 };

  beforeAll(async () => {
    s = await sharedStore();
    const ingest = async (bytes: Uint8Array, at: string) => (await ingestMessage(s.store, { bytes, source: "file:test", receivedAt: at }, { now: () => NOW })).notice;
    const lookAlike = await ingest(redisNotice("1 January 2030", { from: "azure-noreply@micros0ft-support.com" }), "2026-11-20T00:00:00Z");
    const forged = await ingest(forgedRedisPostponement(), "2026-11-21T00:00:00Z");
    const noDate = await ingest(buildMail({
      subject: "Azure Cache for Redis: TLS 1.0 and 1.1 will be retired",
      body: "Azure Cache for Redis will retire support for TLS 1.0 and 1.1. The date will be announced later.\n\nRequired action\nSet the minimum TLS version of your caches to 1.2.\n",
      date: "2026-11-22T00:00:00Z",
    }), "2026-11-22T00:00:00Z");
    const toDismiss = await ingest(redisNotice("1 June 2031", { from: "noreply@azure-alerts.example" }), "2026-11-23T00:00:00Z");
    // Sent before the notices above: accepted after them, it sets nothing.
    const older = await ingest(redisNotice("1 July 2031", { from: "noreply@azure-alerts.example", date: "2026-09-01T00:00:00Z" }), "2026-11-24T00:00:00Z");
    for (const n of [lookAlike, forged, noDate, toDismiss, older]) expect(n.status).toBe("triage");
    Object.assign(ids, { lookAlike: lookAlike.id, forged: forged.id, noDate: noDate.id, toDismiss: toDismiss.id, older: older.id });
    const noticeReview = createNoticeReview({ store: s.store, now: () => NOW, reviewers: new Set(["teams:reviewer-1"]), parseOptions: {} });
    engine = createEngine({ store: s.store, now: () => NOW, freshnessMs: 0, noticeReview });
  });
  afterAll(async () => { await s.close(); });

  it("lists what waits for review, oldest first, with what the reader made of each and a button to open it, in both languages", async () => {
    const en = await say(engine, "which notices need review?");
    const queue = viewOf(en.view, "noticeQueue");
    expect(queue.total).toBe(5);
    expect(queue.items.map((n) => n.id)).toEqual([ids.lookAlike, ids.forged, ids.noDate, ids.toDismiss, ids.older]);
    expect(queue.items[0]).toMatchObject({ reason: "untrusted.senderNotListed", isTls: true, deadline: "2030-01-01", services: ["redis-tls10-11"], from: "azure-noreply@micros0ft-support.com" });
    expect(queue.items[2]).toMatchObject({ reason: "noDeadline", deadline: null });
    const p = present(queue, "en");
    expect(p.title).toBe("Notices waiting for review — 5");
    expect(p.bullets[0]).toContain("not on the trusted list");
    expect(p.bullets[0]).toContain("deadline 1 Jan 2030");
    expect(p.bullets[2]).toContain("no deadline found");
    expect(p.actions.map((a) => [a.verb, a.data["noticeId"]])).toEqual(queue.items.map((n) => ["reviewNotice", n.id]));
    const ja = await say(engine, "確認待ちのお知らせは？");
    expect(ja.lang).toBe("ja");
    expect(viewOf(ja.view, "noticeQueue").items.map((n) => n.id)).toEqual(queue.items.map((n) => n.id));
    const pj = present(ja.view, "ja");
    expect(pj.title).toBe("確認待ちのお知らせ — 5 件");
    expect(pj.bullets[0]).toContain("期限 2030年1月1日");
  });

  it("opens one notice with an accept button on the day it read and a dismiss button; a chat wording replaces the CLI's hint", async () => {
    const one = viewOf((await click(engine, "reviewNotice", { noticeId: ids.lookAlike })).view, "heldNotice");
    expect(one.actions.map((a) => [a.verb, a.data["deadline"]])).toEqual([["acceptNotice", "2030-01-01"], ["dismissNotice", undefined]]);
    const p = present(one, "en");
    expect(p.title).toBe(`Notice #${ids.lookAlike} is waiting for review`);
    expect(p.actions.map((a) => a.title)).toEqual(["Accept: deadline 1 Jan 2030", "Dismiss"]);
    const noDate = viewOf((await say(engine, `お知らせ ${ids.noDate} を確認`)).view, "heldNotice");
    expect(noDate.actions.map((a) => a.verb)).toEqual(["dismissNotice"]);
    const pj = present(noDate, "ja");
    expect(pj.facts.find((f) => f.label === "保留の理由")?.value).toBe("廃止日が見つかりませんでした");
    expect(JSON.stringify(pj)).not.toContain("accept-notice");
    expect(pj.notes.join("\n")).toContain(`お知らせ ${ids.noDate} を承認 期限 YYYY-MM-DD`);
  });

  it("refuses a decision from someone who is not a reviewer, typed or clicked, and changes nothing", async () => {
    const typed = await say(engine, `accept notice ${ids.lookAlike}`);
    expect(typed.view).toMatchObject({ type: "error", code: "noticeReviewNotAllowed" });
    expect(present(typed.view, "en").title).toBe("You don't have permission to do this");
    const clicked = await click(engine, "dismissNotice", { noticeId: ids.lookAlike, lang: "ja" });
    expect(clicked.view).toMatchObject({ type: "error", code: "noticeReviewNotAllowed" });
    expect(present(clicked.view, "ja").subtitle).toContain("全サブスクリプションの承認者");
    expect((await s.store.getNotice(ids.lookAlike))?.status).toBe("triage");
    expect(await audits(s.store, "notice.accept", ids.lookAlike)).toHaveLength(0);
    expect(await redisDeadline(s.store)).toBe("2025-03-01");
  });

  it("a reviewer's accept applies the notice once: the deadline moves, the audit names them, a second click is told it is decided", async () => {
    const first = await click(engine, "acceptNotice", { noticeId: ids.lookAlike, deadline: "2030-01-01" }, REVIEWER);
    const done = viewOf(first.view, "noticeDecision");
    expect(done).toMatchObject({ decision: "accepted", status: "applied", reason: "postponed", retirements: [{ id: "redis-tls10-11", deadline: "2030-01-01" }] });
    expect(present(done, "en").title).toBe(`Notice #${ids.lookAlike} accepted and applied`);
    expect(await redisDeadline(s.store)).toBe("2030-01-01");
    const audit = await audits(s.store, "notice.accept", ids.lookAlike);
    expect(audit.map((a) => [a.actor, a.detail["heldFor"], a.detail["deadline"]])).toEqual([["teams:reviewer-1", "untrusted.senderNotListed", "2030-01-01"]]);
    // The answers use the new deadline at once.
    const list = await say(engine, "retirements");
    expect(list.view.type === "retirements" && list.view.items.find((i) => i.id === "redis-tls10-11")?.deadline).toBe("2030-01-01");
    const again = await click(engine, "acceptNotice", { noticeId: ids.lookAlike, deadline: "2030-01-01" }, REVIEWER);
    expect(again.view).toMatchObject({ type: "noticeDecision", decision: "notHeld", status: "applied" });
    expect(present(again.view, "ja").subtitle).toContain("反映済み");
    expect(await audits(s.store, "notice.accept", ids.lookAlike)).toHaveLength(1);
  });

  it("two accepts of one notice at the same moment apply it once", async () => {
    const [a, b] = await Promise.all([
      click(engine, "acceptNotice", { noticeId: ids.forged, deadline: "2030-12-01" }, REVIEWER),
      say(engine, `accept notice ${ids.forged} deadline 2030-12-01`, REVIEWER),
    ]);
    const decisions = [a.view, b.view].map((v) => (v.type === "noticeDecision" ? v.decision : v.type)).sort();
    expect(decisions).toEqual(["accepted", "notHeld"]);
    expect(await audits(s.store, "notice.accept", ids.forged)).toHaveLength(1);
    expect((await s.store.retirementHistory("redis-tls10-11")).filter((h) => h.noticeId === ids.forged)).toHaveLength(1);
    expect(await redisDeadline(s.store)).toBe("2030-12-01");
  });

  it("a typed Japanese accept with the day the reviewer read sets that day; a day that does not exist is refused", async () => {
    const bad = await say(engine, `accept notice ${ids.noDate} deadline 2027-02-30`, REVIEWER);
    expect(bad.view).toMatchObject({ type: "error", code: "noticeDeadlineInvalid", params: { value: "2027-02-30" } });
    expect(present(bad.view, "en").subtitle).toContain("YYYY-MM-DD");
    expect((await s.store.getNotice(ids.noDate))?.status).toBe("triage");
    // A day written another way is not guessed at, nor dropped for the reader's (here: none).
    const dayFirst = await say(engine, `accept notice ${ids.noDate} deadline 31/03/2027`, REVIEWER);
    expect(dayFirst.view).toMatchObject({ type: "error", code: "noticeDeadlineInvalid", params: { value: "31/03/2027" } });
    const noYear = await say(engine, `お知らせ ${ids.noDate} を承認 期限 4月1日`, REVIEWER);
    expect(noYear.view).toMatchObject({ type: "error", code: "noticeDeadlineInvalid", params: { value: "4月1日" } });
    expect(present(noYear.view, "ja").subtitle).toContain("YYYY-MM-DD");
    expect(await audits(s.store, "notice.accept", ids.noDate)).toHaveLength(0);
    const ok = await say(engine, `お知らせ ${ids.noDate} を承認 期限 2027年4月1日`, REVIEWER);
    expect(ok.lang).toBe("ja");
    expect(ok.view).toMatchObject({ type: "noticeDecision", decision: "accepted", status: "applied", retirements: [{ id: "redis-tls10-11", deadline: "2027-04-01" }] });
    expect(present(ok.view, "ja").title).toBe(`お知らせ #${ids.noDate} を承認し、反映しました`);
  });

  it("an accepted notice older than the one that set the deadline changes nothing, and says why", async () => {
    const r = await say(engine, `accept notice ${ids.older}`, REVIEWER);
    expect(r.view).toMatchObject({ type: "noticeDecision", decision: "accepted", status: "ignored", reason: "superseded", retirements: [] });
    const p = present(r.view, "en");
    expect(p.title).toBe(`Notice #${ids.older} accepted: it changes nothing`);
    expect(p.subtitle).toContain("older than the notice that set the current deadline");
    expect(await redisDeadline(s.store)).toBe("2027-04-01");
  });

  it("a reviewer's dismissal sets the notice aside, audited, with no deadline moved; the queue is then empty", async () => {
    const before = await redisDeadline(s.store);
    const r = await say(engine, `通知 ${ids.toDismiss} を却下`, REVIEWER);
    expect(r.view).toMatchObject({ type: "noticeDecision", decision: "dismissed", status: "ignored", reason: "dismissedByOperator" });
    expect(await redisDeadline(s.store)).toBe(before);
    expect((await audits(s.store, "notice.dismiss", ids.toDismiss)).map((a) => a.actor)).toEqual(["teams:reviewer-1"]);
    expect(await s.store.noticeRaw(ids.toDismiss)).toBeNull();
    const empty = await say(engine, "notices to review");
    expect(empty.view).toMatchObject({ type: "noticeQueue", total: 0, items: [] });
    expect(present(empty.view, "en").subtitle).toContain("No notice is waiting");
  });

  it("says so for a number that names no notice, and where no review is possible", async () => {
    expect((await say(engine, "review notice 99999")).view).toMatchObject({ type: "error", code: "noticeUnknown", params: { id: 99999 } });
    // Recorded but not read yet: not held, and not said to be unreadable.
    const { notice: pending } = await s.store.recordNotice({ messageKey: "mid:pending@test.invalid", source: "file:test", receivedAt: NOW.toISOString(), raw: new TextEncoder().encode("Subject: x\r\n\r\nx") });
    const notHeld = await say(engine, `review notice ${pending.id}`);
    expect(notHeld.view).toMatchObject({ type: "noticeDecision", decision: "notHeld", status: "pending" });
    expect(present(notHeld.view, "en").subtitle).toBe("It is pending: someone has already decided it, or it did not need a person.");
    const elsewhere = createEngine({ store: s.store, now: () => NOW, freshnessMs: 0 });
    const r = await say(elsewhere, "保留中の通知を見せて");
    expect(r.view).toMatchObject({ type: "error", code: "noticeReviewUnavailable" });
    expect(present(r.view, "ja").title).toBe("ここでは利用できません");
  });
});

describe("a reviewer's name from the platform", () => {
  let s: SharedStore;
  let engine: Engine;
  beforeAll(async () => {
    s = await sharedStore();
    engine = createEngine({ store: s.store, now: () => NOW, freshnessMs: 0, noticeReview: createNoticeReview({ store: s.store, now: () => NOW, reviewers: new Set(["slack:U0LONG"]), parseOptions: {} }) });
  });
  afterAll(async () => { await s.close(); });

  it("cut at 80 characters never splits an emoji: the decision is stored, with the name up to the whole characters", async () => {
    // 79 letters and an emoji (two UTF-16 units): a cut at 80 units would keep half of it, which jsonb refuses.
    const long = { platform: "slack", id: "U0LONG", name: `${"x".repeat(79)}😀 and more` } as const;
    const ingest = async (day: string, n: number) => (await ingestMessage(s.store, { bytes: redisNotice(day, { from: "azure-noreply@micros0ft-support.com", messageId: `long-name-${n}@test.invalid` }), source: "file:test", receivedAt: NOW.toISOString() }, { now: () => NOW })).notice;
    const [toAccept, toDismiss] = [await ingest("1 January 2030", 1), await ingest("1 February 2030", 2)];
    expect((await click(engine, "acceptNotice", { noticeId: toAccept.id, deadline: "2030-01-01" }, long)).view).toMatchObject({ type: "noticeDecision", decision: "accepted", status: "applied" });
    expect((await click(engine, "dismissNotice", { noticeId: toDismiss.id }, long)).view).toMatchObject({ type: "noticeDecision", decision: "dismissed", status: "ignored" });
    for (const [action, id] of [["notice.accept", toAccept.id], ["notice.dismiss", toDismiss.id]] as const) {
      expect((await audits(s.store, action, id)).map((a) => a.detail["name"])).toEqual(["x".repeat(79)]);
    }
  });
});

describe("a day held because the second deadline reader read another", () => {
  let s: SharedStore;
  let engine: Engine;
  beforeAll(async () => {
    s = await sharedStore();
    engine = createEngine({ store: s.store, now: () => NOW, freshnessMs: 0, noticeReview: createNoticeReview({ store: s.store, now: () => NOW, reviewers: new Set(["teams:reviewer-1"]), parseOptions: {} }) });
  });
  afterAll(async () => { await s.close(); });

  it("shows both readings with an Accept button each, and the other reader's day, accepted, is the one applied", async () => {
    // The hand weights are sure of 30 June; the learned ranker cannot choose between it and 30 September.
    const { notice } = await ingestMessage(s.store, { bytes: buildMail({
      subject: "Azure Cache for Redis: retire TLS 1.0 and 1.1 by 30 June 2027",
      body: "Azure Cache for Redis will retire TLS 1.0 and 1.1 by 30 June 2027.\n\nWe will end support for TLS 1.0 and 1.1 on 30 September 2027 in all regions.\n",
    }), source: "file:test", receivedAt: NOW.toISOString() }, { now: () => NOW });
    expect(notice).toMatchObject({ status: "triage", reason: "ambiguousDeadline" });
    const held = viewOf((await say(engine, "notices to review")).view, "heldNotice");
    expect(held.notice).toMatchObject({ deadline: "2027-06-30", candidates: ["2027-06-30", "2027-09-30"] });
    expect(held.actions.map((a) => [a.verb, a.data["deadline"]])).toEqual([["acceptNotice", "2027-06-30"], ["acceptNotice", "2027-09-30"], ["dismissNotice", undefined]]);
    const p = present(held, "en");
    expect(p.facts.find((f) => f.label === "Held because")?.value).toBe("several dates could be the deadline: check which one applies");
    expect(p.facts.find((f) => f.label === "tlsbot read")?.value).toContain("deadline 30 Jun 2027 (another reading: 30 Sep 2027)");
    expect(p.actions.map((a) => a.title)).toEqual(["Accept: deadline 30 Jun 2027", "Accept: deadline 30 Sep 2027", "Dismiss"]);
    expect(present(held, "ja").facts.find((f) => f.label === "読み取り結果")?.value).toContain("期限 2027年6月30日 (別の読み取りでは 2027年9月30日)");

    const other = held.actions[1]!;
    const r = await click(engine, other.verb, other.data, REVIEWER);
    expect(r.view).toMatchObject({ type: "noticeDecision", decision: "accepted", status: "applied", retirements: [{ id: "redis-tls10-11", deadline: "2027-09-30" }] });
    expect(await redisDeadline(s.store)).toBe("2027-09-30");
    expect((await audits(s.store, "notice.accept", notice.id)).map((a) => [a.actor, a.detail["heldFor"], a.detail["deadline"]])).toEqual([["teams:reviewer-1", "ambiguousDeadline", "2027-09-30"]]);
  });
});
