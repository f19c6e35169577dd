import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RETIREMENTS } from "../../src/catalog/lookup.ts";
import { planRetirement } from "../../src/notices/apply/plan-retirement.ts";
import { acceptTriagedNotice, ingestMessage } from "../../src/notices/ingest/ingest-message.ts";
import type { ParsedNotice } from "../../src/notices/notice.ts";
import { parseNotice } from "../../src/notices/parse-notice.ts";
import { authenticatedSource } from "../../src/notices/sources/authenticated-source.ts";
import { noticeFromAdvisory } from "../../src/notices/sources/service-health/advisory.ts";
import { DEFAULT_TRUSTED_SENDERS, judgeSender, parseAuthResults } from "../../src/notices/trust/sender-trust.ts";
import { translator } from "../../src/render/i18n.ts";
import type { RetirementRecord } from "../../src/store/store.ts";
import { sharedStore, type SharedStore } from "../support/scan-fixture.ts";
import { buildMail, forgedRedisPostponement, MICROSOFT_AUTH_PASS, redisNotice } from "./mail-builder.ts";

const NOW = "2026-11-03T00:00:00Z";
const REDIS = "redis-tls10-11";
const CATALOG_REDIS = RETIREMENTS.find((r) => r.id === REDIS)!.deadline;
const plan = (n: ParsedNotice, stored: readonly RetirementRecord[] = []) => planRetirement(n, "notice:1", stored, RETIREMENTS, NOW);
const judge = (from: string, auth: string | undefined, opts: { forwarded?: boolean; authenticatedSource?: boolean } = {}) =>
  judgeSender(from, parseAuthResults(auth === undefined ? undefined : [`mx.contoso.co.jp; ${auth}`]), DEFAULT_TRUSTED_SENDERS, opts.forwarded ?? false, opts.authenticatedSource ?? false);

describe("sender trust: authenticated or sender-only", () => {
  it("a listed From with no Authentication-Results is trusted on the address alone, not authenticated", () => {
    expect(judge("azure-noreply@microsoft.com", undefined)).toEqual({ trusted: true, authenticated: false, reason: "listedNoAuthHeader" });
  });

  it("DKIM aligned with the sender, or SPF and DMARC, authenticates it", () => {
    expect(judge("azure-noreply@microsoft.com", "dkim=pass header.d=microsoft.com")).toEqual({ trusted: true, authenticated: true, reason: "listedDkimPass" });
    expect(judge("azure-noreply@microsoft.com", "dkim=none; spf=pass smtp.mailfrom=microsoft.com; dmarc=pass")).toEqual({ trusted: true, authenticated: true, reason: "listedSpfDmarcPass" });
  });

  it("DKIM passing for someone else's domain, or SPF without DMARC, is not evidence: the verdict is a failure", () => {
    expect(judge("azure-noreply@microsoft.com", "dkim=pass header.d=azure-notify.example; spf=fail; dmarc=fail")).toEqual({ trusted: false, authenticated: false, reason: "authFailed" });
    expect(judge("azure-noreply@microsoft.com", "spf=pass smtp.mailfrom=microsoft.com")).toMatchObject({ trusted: false, reason: "authFailed" });
  });

  it("an authenticated source vouches for a mail without results, but never outweighs failed results or a forward", () => {
    expect(judge("azure-noreply@microsoft.com", undefined, { authenticatedSource: true })).toEqual({ trusted: true, authenticated: true, reason: "listedAuthenticatedSource" });
    expect(judge("azure-noreply@microsoft.com", "dkim=fail header.d=microsoft.com; spf=fail; dmarc=fail", { authenticatedSource: true })).toMatchObject({ trusted: false, authenticated: false, reason: "authFailed" });
    expect(judge("azure-noreply@microsoft.com", undefined, { authenticatedSource: true, forwarded: true })).toMatchObject({ trusted: false, authenticated: false });
    expect(judge("azure-noreply@micros0ft-support.com", undefined, { authenticatedSource: true })).toMatchObject({ trusted: false, authenticated: false, reason: "senderNotListed" });
  });

  it("only the Microsoft Graph mailbox and Service Health are authenticated sources", () => {
    expect(authenticatedSource("graph:azure-notices@contoso.co.jp/inbox#AAMk1")).toBe(true);
    expect(authenticatedSource("service-health:SV4K-R7Q")).toBe(true);
    for (const s of ["file:/tmp/graph:x.eml", "drop:graph.eml", "imap:ops@mail.contoso.co.jp/INBOX#7", "test", undefined]) expect(authenticatedSource(s), String(s)).toBe(false);
  });
});

describe("planRetirement: only authenticated notices may postpone", () => {
  it("the forged postponement (listed From, outside relay, no Authentication-Results) goes to triage and changes nothing", async () => {
    const forged = await parseNotice(forgedRedisPostponement());
    expect(forged).toMatchObject({ from: "azure-noreply@microsoft.com", services: [REDIS], deadline: "2030-12-01", auth: { present: false }, trust: { trusted: true, authenticated: false } });
    const p = plan(forged);
    expect(p).toEqual({ status: "triage", reason: "untrusted.postponeWithoutAuthentication", changes: [] });
    for (const lang of ["en", "ja"] as const) {
      const text = translator(lang)(`notices:reason.${p.reason}`);
      expect(text, lang).not.toContain("notices:");
      expect(text, lang).toContain("accept-notice");
    }
    expect(translator("ja")(`notices:reason.${p.reason}`)).toMatch(/延期/);
  });

  it("the same mail with Authentication-Results showing DKIM/SPF/DMARC pass for microsoft.com postpones the deadline", async () => {
    const genuine = await parseNotice(forgedRedisPostponement({ auth: MICROSOFT_AUTH_PASS }));
    expect(genuine.trust).toEqual({ trusted: true, authenticated: true, reason: "listedDkimPass" });
    const p = plan(genuine);
    expect(p.status).toBe("applied");
    expect(p.reason).toBe("postponed");
    expect(p.changes.map((c) => [c.kind, c.after.id, c.before?.deadline, c.after.deadline])).toEqual([["postponed", REDIS, CATALOG_REDIS, "2030-12-01"]]);
    // SPF and DMARC without DKIM are evidence too.
    expect(plan(await parseNotice(forgedRedisPostponement({ auth: "dkim=none; spf=pass smtp.mailfrom=microsoft.com; dmarc=pass header.from=microsoft.com" }))).reason).toBe("postponed");
  });

  it("without evidence a notice may still bring a deadline earlier", async () => {
    // Redis currently postponed to 2030-12-01 by an authenticated notice of 2 November 2026.
    const stored = plan(await parseNotice(forgedRedisPostponement({ auth: MICROSOFT_AUTH_PASS }))).changes.map((c) => c.after);
    const earlier = await parseNotice(redisNotice("1 June 2027", { auth: null, date: "2026-12-01T00:00:00Z" }));
    expect(earlier.trust).toMatchObject({ trusted: true, authenticated: false });
    const p = plan(earlier, stored);
    expect(p.status).toBe("applied");
    expect(p.reason).toBe("advanced");
    expect(p.changes.map((c) => [c.kind, c.before?.deadline, c.after.deadline])).toEqual([["advanced", "2030-12-01", "2027-06-01"]]);
  });

  it("without evidence a notice may confirm a deadline or create a new retirement", async () => {
    const confirm = await parseNotice(redisNotice("1 March 2025", { auth: null }));
    expect(plan(confirm)).toMatchObject({ status: "applied", reason: "confirmed", changes: [{ kind: "confirmed" }] });
    // A Tracking ID no catalog entry or stored retirement knows, for a service tlsbot does not track yet.
    const unknown: ParsedNotice = { ...(await parseNotice(redisNotice("1 December 2030", { auth: null }))), services: [], resourceTypes: [], trackingId: "ZZ9Q-TR7" };
    const p = plan(unknown);
    expect(p).toMatchObject({ status: "applied", reason: "created" });
    expect(p.changes.map((c) => [c.kind, c.after.id, c.after.deadline])).toEqual([["created", "tracking-ZZ9Q-TR7", "2030-12-01"]]);
  });

  it("a future Date header is not believed, so a confirmation cannot make later genuine notices look stale", async () => {
    const futureConfirm = await parseNotice(redisNotice("1 March 2025", { auth: null, date: "2099-01-01T00:00:00Z" }));
    const stored = plan(futureConfirm).changes.map((c) => c.after);
    expect(stored.map((r) => [r.deadline, r.data["sourceDate"]])).toEqual([[CATALOG_REDIS, NOW.slice(0, 10)]]);
    const genuine = await parseNotice(redisNotice("1 June 2027", { date: NOW }));
    expect(plan(genuine, stored)).toMatchObject({ status: "applied", reason: "postponed" });
  });

  it("an older notice confirming the current date does not make a stale one look newer than the date's own notice", async () => {
    // 1 Oct: March 2027. 20 Oct: June 2027 (the current date). Arriving late: one from 5 Oct that already named June,
    // then one from 10 Oct still saying March, which the 20 Oct notice replaced.
    const march = plan(await parseNotice(redisNotice("1 March 2027", { date: "2026-10-01T09:00:00Z" }))).changes.map((c) => c.after);
    const june = plan(await parseNotice(redisNotice("1 June 2027", { date: "2026-10-20T09:00:00Z" })), march).changes.map((c) => c.after);
    const confirmed = plan(await parseNotice(redisNotice("1 June 2027", { date: "2026-10-05T09:00:00Z" })), june);
    expect(confirmed).toMatchObject({ status: "applied", reason: "confirmed" });
    const stale = plan(await parseNotice(redisNotice("1 March 2027", { date: "2026-10-10T09:00:00Z" })), confirmed.changes.map((c) => c.after));
    expect(stale).toMatchObject({ status: "ignored", reason: "superseded", changes: [] });
  });

  it("a notice sent after the day it gives is held when that day would move a deadline, not when it confirms one", async () => {
    // Sent on 1 October 2026 (the builder's Date): 1 June 2026 had passed.
    const late = await parseNotice(redisNotice("1 June 2026"));
    expect(late.trust).toMatchObject({ trusted: true, authenticated: true });
    const p = plan(late);
    expect(p).toEqual({ status: "triage", reason: "deadlineBeforeNotice", changes: [] });
    for (const lang of ["en", "ja"] as const) expect(translator(lang)(`notices:reason.${p.reason}`), lang).not.toContain("notices:");
    // A day it cannot move: the catalog's own deadline, long past, confirmed by a later notice.
    expect(plan(await parseNotice(redisNotice("1 March 2025")))).toMatchObject({ status: "applied", reason: "confirmed" });
    // A new retirement that would start out overdue is held too.
    const unknown: ParsedNotice = { ...late, services: [], resourceTypes: [], trackingId: "ZZ9Q-TR7" };
    expect(plan(unknown)).toMatchObject({ status: "triage", reason: "deadlineBeforeNotice" });
    // Sent before that day, the same notice postpones as before.
    expect(plan(await parseNotice(redisNotice("1 June 2026", { date: "2026-02-01T09:00:00Z" })))).toMatchObject({ status: "applied", reason: "postponed" });
  });

  it("an operator's acceptance answers the reader's doubts about the TLS verdict, not about the day", async () => {
    const n = await parseNotice(redisNotice("1 June 2027"));
    const vouched = { ...n, trust: { trusted: true, authenticated: true, reason: "acceptedByOperator" } } as const;
    const doubted: ParsedNotice = { ...n, tlsSecondOpinion: { p: 0.3, agrees: false }, fieldConfidence: { ...n.fieldConfidence, isTls: 0.3 } };
    expect(plan(doubted)).toMatchObject({ status: "triage", reason: "wordingDisagrees" });
    expect(plan({ ...doubted, trust: vouched.trust })).toMatchObject({ status: "applied", reason: "postponed" });
    // A day the reader held stays held: the operator gives the day (accept-notice --deadline).
    const held: ParsedNotice = { ...n, fieldConfidence: { ...n.fieldConfidence, deadline: 0.4 } };
    expect(plan({ ...held, trust: vouched.trust })).toMatchObject({ status: "triage", reason: "ambiguousDeadline" });
    // And the operator may record a retirement that already happened.
    expect(plan({ ...(await parseNotice(redisNotice("1 June 2026"))), trust: vouched.trust })).toMatchObject({ status: "applied", reason: "postponed" });
  });

  it("a sender-only notice that would postpone one retirement and advance another changes neither", async () => {
    // Sent before the day it gives (a notice after its own day is held for another reason, below).
    const base = await parseNotice(redisNotice("1 June 2025", { auth: null, date: "2025-01-15T09:00:00Z" }));
    const iot = RETIREMENTS.find((r) => r.id === "iothub-tls10-11")!;
    expect(iot.deadline > "2025-06-01").toBe(true);
    const both: ParsedNotice = { ...base, services: [REDIS, iot.id], resourceTypes: [...base.resourceTypes, ...iot.resourceTypes] };
    expect(plan(both)).toEqual({ status: "triage", reason: "untrusted.postponeWithoutAuthentication", changes: [] });
    expect(plan({ ...both, trust: { ...both.trust, authenticated: true } }).changes.map((c) => c.kind).sort()).toEqual(["advanced", "postponed"]);
  });

  it("a mail from the Microsoft Graph mailbox without the header may postpone (authenticated source)", async () => {
    const viaGraph = await parseNotice(forgedRedisPostponement(), { authenticatedSource: true });
    expect(viaGraph.trust).toEqual({ trusted: true, authenticated: true, reason: "listedAuthenticatedSource" });
    expect(plan(viaGraph)).toMatchObject({ status: "applied", reason: "postponed", changes: [{ kind: "postponed", after: { deadline: "2030-12-01" } }] });
  });

  it("a Service Health advisory (no mail headers at all) may postpone", () => {
    const advisory = noticeFromAdvisory({
      trackingId: "SV4K-R7Q", eventType: "HealthAdvisory", eventSubType: "Retirement",
      title: "Update: Azure Cache for Redis TLS 1.0 and 1.1 retirement postponed to 1 March 2027",
      summary: "<p>We have postponed the retirement of TLS 1.0 and 1.1 for Azure Cache for Redis to <b>1 March 2027</b>.</p>",
      impactStartTime: null, impactMitigationTime: null, lastUpdateTime: "2026-10-30T00:00:00.000Z", subscriptionIds: [], resourceIds: [],
    });
    expect(advisory.trust).toEqual({ trusted: true, authenticated: true, reason: "serviceHealth" });
    expect(plan(advisory)).toMatchObject({ status: "applied", reason: "postponed", changes: [{ kind: "postponed", after: { deadline: "2027-03-01" } }] });
  });
});

describe("ingesting and accepting a postponement without authentication", () => {
  let s: SharedStore;
  const now = () => new Date(NOW);
  const redisDeadline = async () => (await s.store.getRetirement(REDIS))?.deadline ?? CATALOG_REDIS;
  beforeAll(async () => { s = await sharedStore(); });
  afterAll(async () => { await s.close(); });

  it("from a file it is held for review with the raw mail kept; the deadline does not move", async () => {
    const r = await ingestMessage(s.store, { bytes: forgedRedisPostponement(), source: "file:/tmp/forged.eml", receivedAt: NOW }, { now });
    expect(r.notice).toMatchObject({ status: "triage", reason: "untrusted.postponeWithoutAuthentication", retirementIds: [] });
    expect(await redisDeadline()).toBe(CATALOG_REDIS);
    expect(await s.store.retirementHistory(REDIS)).toEqual([]);
    expect(await s.store.noticeRaw(r.notice.id)).not.toBeNull();
  });

  it("an operator's accept-notice applies the postponement, audited with why it was held", async () => {
    const [held] = await s.store.listNotices({ status: ["triage"], limit: 10 });
    const r = await acceptTriagedNotice(s.store, held!.id, "cli:aki", { now });
    expect(r.notice).toMatchObject({ status: "applied", reason: "postponed", retirementIds: [REDIS] });
    expect(r.parsed?.trust).toEqual({ trusted: true, authenticated: true, reason: "acceptedByOperator" });
    expect(await redisDeadline()).toBe("2030-12-01");
    const audit = await s.store.listAudit();
    expect(audit).toContainEqual(expect.objectContaining({ actor: "cli:aki", action: "notice.accept", target: `notice:${held!.id}`, detail: { outcome: "applied", reason: "postponed", heldFor: "untrusted.postponeWithoutAuthentication" } }));
    expect(audit).toContainEqual(expect.objectContaining({ action: "retirement.update", target: `notice:${held!.id}`, detail: { changes: [{ id: REDIS, kind: "postponed", from: CATALOG_REDIS, to: "2030-12-01" }] } }));
  });

  it("the same kind of mail read from the Graph mailbox is applied directly", async () => {
    const later = forgedRedisPostponement({ messageId: "graph-later@notify.microsoft.com" });
    const text = new TextDecoder().decode(later).replaceAll("1 December 2030", "1 March 2031").replace("Date: Mon, 02 Nov 2026", "Date: Tue, 03 Nov 2026");
    const r = await ingestMessage(s.store, { bytes: new TextEncoder().encode(text), source: "graph:azure-notices@contoso.co.jp/inbox#AAMk9", receivedAt: NOW }, { now });
    expect(r.notice).toMatchObject({ status: "applied", reason: "postponed" });
    expect(r.parsed?.trust.reason).toBe("listedAuthenticatedSource");
    expect(await redisDeadline()).toBe("2031-03-01");
  });
});

describe("accepting a held notice with the day the operator read in it", () => {
  let s: SharedStore;
  const now = () => new Date(NOW);
  beforeAll(async () => { s = await sharedStore(); });
  afterAll(async () => { await s.close(); });

  // Two phases with a day each, neither standing above the other: the reader leaves the choice to a person.
  const twoPhases = buildMail({
    subject: "Action required: TLS 1.0 and 1.1 retirement for Azure Cache for Redis",
    body: "Azure Cache for Redis will retire TLS 1.0 and 1.1 in two phases.\n\nPhase 1: TLS 1.0 and 1.1 will be disabled for caches in Europe on 1 June 2027.\nPhase 2: TLS 1.0 and 1.1 will be disabled for caches in Asia on 1 July 2027.\n",
    messageId: "two-phases@notify.microsoft.com",
  });

  it("without --deadline a day the reader could not settle stays held; with it the day is applied and audited", async () => {
    const r = await ingestMessage(s.store, { bytes: twoPhases, source: "file:/tmp/two-phases.eml", receivedAt: NOW }, { now });
    expect(r.notice).toMatchObject({ status: "triage", reason: "ambiguousDeadline", retirementIds: [] });
    const again = await acceptTriagedNotice(s.store, r.notice.id, "cli:aki", { now });
    expect(again.notice).toMatchObject({ status: "triage", reason: "ambiguousDeadline" });
    expect((await s.store.getRetirement(REDIS))?.deadline ?? CATALOG_REDIS).toBe(CATALOG_REDIS);
    // A day that does not exist is refused before anything is read or written.
    await expect(acceptTriagedNotice(s.store, r.notice.id, "cli:aki", { now, deadline: "2027-02-30" })).rejects.toMatchObject({ code: "invalidArgument" });
    await expect(acceptTriagedNotice(s.store, r.notice.id, "cli:aki", { now, deadline: "1 June 2027" })).rejects.toMatchObject({ code: "invalidArgument" });
    const accepted = await acceptTriagedNotice(s.store, r.notice.id, "cli:aki", { now, deadline: "2027-06-01" });
    expect(accepted.notice).toMatchObject({ status: "applied", reason: "postponed", retirementIds: [REDIS] });
    expect((await s.store.getRetirement(REDIS))?.deadline).toBe("2027-06-01");
    const audit = await s.store.listAudit();
    expect(audit).toContainEqual(expect.objectContaining({ actor: "cli:aki", action: "notice.accept", detail: { outcome: "applied", reason: "postponed", heldFor: "ambiguousDeadline", deadline: "2027-06-01" } }));
    expect(audit).toContainEqual(expect.objectContaining({ actor: "cli:aki", action: "notice.accept", detail: { outcome: "triage", reason: "ambiguousDeadline", heldFor: "ambiguousDeadline" } }));
  });
});
