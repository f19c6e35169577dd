import { InFlightError } from "../../src/approvals/approval-store.ts";
import { checklistOf, markChecklistItem } from "../../src/notices/apply/checklist.ts";
import { acceptTriagedNotice, dismissTriagedNotice, ingestMessage } from "../../src/notices/ingest/ingest-message.ts";
import { redisNotice } from "../notices/mail-builder.ts";
import { hashToken } from "../../src/approvals/approval-token.ts";
import { MIGRATIONS } from "../../src/store/migrations/index.ts";
import { createSqlApprovalStore } from "../../src/store/sql-approval-store.ts";
import { describe, expect, it } from "vitest";
import type { SqlExecutor } from "../../src/store/sql-executor.ts";
import type { Store } from "../../src/store/store.ts";
import { finding, REDIS, SUB1, SUB2 } from "./finding-fixture.ts";

export type StoreUnderTest = Store & { readonly exec: SqlExecutor };

const T0 = "2026-11-01T00:00:00.000Z";
const T1 = "2026-11-02T00:00:00.000Z";
const T2 = "2026-11-03T00:00:00.000Z";
const scope = { subscriptionIds: [SUB1, SUB2], types: [REDIS] };

/**
 * The behaviour every Store backend must have. `open` gives a store on an empty database; the suite runs
 * the same tests on PGlite and on PostgreSQL.
 */
export function defineStoreContract(name: string, open: () => Promise<StoreUnderTest>, options: { skip?: string | false } = {}): void {
  const suite = options.skip ? describe.skip : describe;
  suite(`Store contract: ${name}`, () => {
    const withStore = (fn: (s: StoreUnderTest) => Promise<void>) => async () => {
      const s = await open();
      try {
        await fn(s);
      } finally {
        await s.close();
      }
    };

    it("upserts subscriptions by id, case-insensitively", withStore(async (s) => {
      await s.upsertSubscriptions([{ subscriptionId: SUB1, displayName: "prod", state: "Enabled" }], T0);
      await s.upsertSubscriptions([{ subscriptionId: SUB1.toUpperCase(), displayName: "prod-renamed", state: "Warned" }], T1);
      expect(await s.listSubscriptions()).toEqual([{ subscriptionId: SUB1.toUpperCase(), displayName: "prod-renamed", state: "Warned" }]);
    }));

    it("records a completed scan and diffs the inventory: added, changed, removed", withStore(async (s) => {
      const first = await s.beginScan("arm", T0);
      expect((await s.getScan(first))?.status).toBe("running");
      const d1 = await s.completeScan(first, [finding("a-one"), finding("b-two")], [], scope, T0);
      expect(d1.added.map((id) => id.split("/").pop())).toEqual(["a-one", "b-two"]);
      expect(d1.changed).toEqual([]);

      const second = await s.beginScan("graph", T1);
      const fixed = finding("a-one", { rawTls: "1.2", configuredTls: "1.2", effectiveTls: "1.2", status: "compliant" });
      const d2 = await s.completeScan(second, [fixed, finding("c-three")], [], scope, T1);
      expect(d2).toEqual({ added: [finding("c-three").id], changed: [fixed.id], removed: [finding("b-two").id] });

      expect((await s.currentResources()).map((f) => f.name)).toEqual(["a-one", "c-three"]);
      expect(await s.getResource(fixed.id)).toEqual(fixed);
      const scan = await s.getScan(second);
      expect(scan).toMatchObject({ id: second, source: "graph", status: "completed", resourceCount: 2, startedAt: T1, finishedAt: T1, errors: [] });
      expect((await s.latestCompletedScan())?.id).toBe(second);
    }));

    it("reports an unchanged resource as neither added nor changed", withStore(async (s) => {
      await s.completeScan(await s.beginScan("arm", T0), [finding("a-one")], [], scope, T0);
      const d = await s.completeScan(await s.beginScan("arm", T1), [finding("a-one")], [], scope, T1);
      expect(d).toEqual({ added: [], changed: [], removed: [] });
      expect(await s.resourceHistory(finding("a-one").id)).toHaveLength(1);
    }));

    it("compares a row stored before digests were kept whole, once, then by its digest", withStore(async (s) => {
      const f = finding("a-one");
      await s.completeScan(await s.beginScan("arm", T0), [f, finding("b-two")], [], scope, T0);
      // As migration 13 leaves the rows an earlier version wrote.
      await s.exec.query("UPDATE resources_current SET finding_digest = NULL");
      const d = await s.completeScan(await s.beginScan("arm", T1), [f, finding("b-two")], [], scope, T1);
      expect(d).toEqual({ added: [], changed: [], removed: [] });
      const { rows } = await s.exec.query<{ n: string | number }>("SELECT count(*) AS n FROM resources_current WHERE finding_digest IS NULL");
      expect(Number(rows[0]!.n)).toBe(0);
      await s.exec.query("UPDATE resources_current SET finding_digest = NULL WHERE resource_key LIKE '%a-one'");
      const fixed = { ...f, effectiveTls: "1.2" as const, status: "compliant" as const };
      const d2 = await s.completeScan(await s.beginScan("arm", T2), [fixed], [], scope, T2);
      expect(d2).toEqual({ added: [], changed: [f.id], removed: [finding("b-two").id] });
      const h = await s.resourceHistory(f.id);
      expect(h.map((c) => [c.change, c.before?.status ?? null, c.after?.status ?? null])).toEqual([["added", null, "overdue"], ["changed", "overdue", "compliant"]]);
      expect((await s.resourceHistory(finding("b-two").id)).at(-1)).toMatchObject({ change: "removed", before: { name: "b-two" }, after: null });
    }));

    it("compares whole a finding that a replica from before digests changed, so it is not skipped as unchanged", withStore(async (s) => {
      const f = finding("a-one");
      await s.completeScan(await s.beginScan("arm", T0), [f], [], scope, T0);
      // What a replica from before migration 13 writes: the finding, never the digest beside it.
      const elsewhere = { ...f, rawTls: "1.2", configuredTls: "1.2" as const, effectiveTls: "1.2" as const, status: "compliant" as const };
      await s.exec.query("UPDATE resources_current SET finding = $1::jsonb", [JSON.stringify(elsewhere)]);
      const d = await s.completeScan(await s.beginScan("arm", T1), [f], [], scope, T1);
      expect(d.changed).toEqual([f.id]);
      expect((await s.getResource(f.id))?.status).toBe("overdue");
    }));

    it("writes two snapshots completing at once one after the other: each change's before is the last one's after", withStore(async (s) => {
      const names = Array.from({ length: 1500 }, (_, i) => `n-${i}`);
      await s.completeScan(await s.beginScan("arm", T0), names.map((n) => finding(n)), [], scope, T0);
      const [a, b] = [await s.beginScan("arm", T1), await s.beginScan("graph", T1)];
      const v = (tls: "1.1" | "1.2") => names.map((n) => finding(n, { rawTls: tls, configuredTls: tls, effectiveTls: tls }));
      await Promise.all([s.completeScan(a, v("1.1"), [], scope, T1), s.completeScan(b, v("1.2"), [], scope, T2)]);
      for (const n of [names[0]!, names[700]!, names.at(-1)!]) {
        const h = await s.resourceHistory(finding(n).id);
        for (let i = 1; i < h.length; i += 1) expect(h[i]!.before?.rawTls).toBe(h[i - 1]!.after?.rawTls);
        expect((await s.getResource(finding(n).id))?.rawTls).toBe(h.at(-1)!.after?.rawTls);
      }
    }));

    it("names the subscriptions the current inventory has resources in, not every one ever listed", withStore(async (s) => {
      await s.upsertSubscriptions([{ subscriptionId: SUB1, displayName: "prod", state: "Enabled" }, { subscriptionId: SUB2, displayName: "empty", state: "Enabled" }], T0);
      await s.completeScan(await s.beginScan("arm", T0), [finding("a-one")], [], scope, T0);
      expect(await s.inventorySubscriptions()).toEqual([{ subscriptionId: SUB1, displayName: "prod", state: "Enabled" }]);
    }));

    it("treats ids that differ only in case as the same resource", withStore(async (s) => {
      const f = finding("a-one");
      await s.completeScan(await s.beginScan("arm", T0), [f], [], scope, T0);
      const shouted = { ...f, id: f.id.toUpperCase().replace("/SUBSCRIPTIONS/", "/subscriptions/") };
      const d = await s.completeScan(await s.beginScan("graph", T1), [shouted], [], scope, T1);
      expect(d.added).toEqual([]);
      expect(d.removed).toEqual([]);
      expect(await s.currentResources()).toHaveLength(1);
      expect((await s.getResource(f.id.toLowerCase()))?.name).toBe("a-one");
    }));

    it("keeps the resources of a subscription that failed, and outside the scanned scope", withStore(async (s) => {
      await s.completeScan(await s.beginScan("arm", T0), [finding("a-one"), finding("b-two", {}, SUB2)], [], scope, T0);
      const d = await s.completeScan(await s.beginScan("arm", T1), [], [{ subscriptionId: SUB2, code: "forbidden", message: "403" }],
        { subscriptionIds: [SUB2], types: [REDIS] }, T1);
      expect(d.removed).toEqual([]);
      expect((await s.currentResources()).map((f) => f.name)).toEqual(["a-one", "b-two"]);
      // Scanning only SUB1's IoT hubs must not remove SUB1's caches.
      const d2 = await s.completeScan(await s.beginScan("arm", T2), [], [], { subscriptionIds: [SUB1], types: ["Microsoft.Devices/IotHubs"] }, T2);
      expect(d2.removed).toEqual([]);
      expect(await s.currentResources({ subscriptionIds: [SUB2.toUpperCase()] })).toHaveLength(1);
      expect(await s.currentResources({ types: ["microsoft.cache/REDIS"] })).toHaveLength(2);
      expect(await s.currentResources({ types: ["Microsoft.Devices/IotHubs"] })).toHaveLength(0);
    }));

    it("leaves the inventory untouched when a scan fails, and refuses to complete it afterwards", withStore(async (s) => {
      await s.completeScan(await s.beginScan("arm", T0), [finding("a-one")], [], scope, T0);
      const failing = await s.beginScan("arm", T1);
      await s.failScan(failing, [{ subscriptionId: "*", code: "auth-failed", message: "401" }], T1);
      expect(await s.getScan(failing)).toMatchObject({ status: "failed", errors: [{ code: "auth-failed" }], finishedAt: T1 });
      await expect(s.completeScan(failing, [], [], scope, T2)).rejects.toThrow(/not running/);
      expect((await s.currentResources()).map((f) => f.name)).toEqual(["a-one"]);
      expect((await s.latestCompletedScan())?.finishedAt).toBe(T0);
    }));

    it("rolls back a scan whose completion fails midway", withStore(async (s) => {
      await s.completeScan(await s.beginScan("arm", T0), [finding("a-one")], [], scope, T0);
      const broken = await s.beginScan("arm", T1);
      // A BigInt cannot be serialised, so the transaction's last statement (closing the scan) throws after
      // the inventory writes went through; none of them may stick.
      const poisoned = [{ subscriptionId: SUB2, code: "x", message: 1n as unknown as string }];
      await expect(s.completeScan(broken, [finding("b-two"), finding("c-three")], poisoned, scope, T1)).rejects.toThrow();
      expect((await s.currentResources()).map((f) => f.name)).toEqual(["a-one"]);
      expect((await s.getScan(broken))?.status).toBe("running");
    }));

    it("keeps a history of every change per resource", withStore(async (s) => {
      const f = finding("a-one");
      const s1 = await s.beginScan("arm", T0);
      await s.completeScan(s1, [f], [], scope, T0);
      const s2 = await s.beginScan("arm", T1);
      await s.completeScan(s2, [{ ...f, effectiveTls: "1.2", status: "compliant" }], [], scope, T1);
      const s3 = await s.beginScan("arm", T2);
      await s.completeScan(s3, [], [], scope, T2);
      const h = await s.resourceHistory(f.id.toUpperCase());
      expect(h.map((c) => [c.change, c.scanId, c.changedAt])).toEqual([["added", s1, T0], ["changed", s2, T1], ["removed", s3, T2]]);
      expect(h[1]?.before?.effectiveTls).toBe("1.0");
      expect(h[1]?.after?.effectiveTls).toBe("1.2");
      expect(h[2]?.after).toBeNull();
      const byScan = await s.scanChanges(s2);
      expect(byScan.map((c) => [c.change, c.resourceId, c.before?.status, c.after?.status])).toEqual([["changed", f.id, "overdue", "compliant"]]);
      expect(await s.scanChanges(999_999)).toEqual([]);
    }));

    it("upserts and lists retirements by deadline", withStore(async (s) => {
      await s.upsertRetirement({ id: "iot", service: "IoT Hub", resourceTypes: ["Microsoft.Devices/IotHubs"], deadline: "2025-08-31", source: "catalog", data: {}, updatedAt: T0 });
      await s.upsertRetirement({ id: "redis", service: "Redis", resourceTypes: [REDIS], deadline: "2025-03-01", source: "catalog", data: { irreversible: true }, updatedAt: T0 });
      await s.upsertRetirement({ id: "iot", service: "IoT Hub", resourceTypes: ["Microsoft.Devices/IotHubs"], deadline: "2025-09-30", source: "notice-1", data: { postponedFrom: "2025-08-31" }, updatedAt: T1 });
      expect(await s.listRetirements()).toEqual([
        { id: "redis", service: "Redis", resourceTypes: [REDIS], deadline: "2025-03-01", source: "catalog", data: { irreversible: true }, updatedAt: T0 },
        { id: "iot", service: "IoT Hub", resourceTypes: ["Microsoft.Devices/IotHubs"], deadline: "2025-09-30", source: "notice-1", data: { postponedFrom: "2025-08-31" }, updatedAt: T1 },
      ]);
    }));

    it("appends audit entries, lists newest first, and refuses to change or delete them", withStore(async (s) => {
      const a = await s.appendAudit({ at: T0, actor: "alice", action: "scan", target: null, detail: { resources: 3 } });
      const b = await s.appendAudit({ at: T1, actor: "bob", action: "approve", target: finding("a-one").id, detail: { to: "1.2" } });
      expect(b).toBeGreaterThan(a);
      expect(await s.listAudit()).toEqual([
        { seq: b, at: T1, actor: "bob", action: "approve", target: finding("a-one").id, detail: { to: "1.2" } },
        { seq: a, at: T0, actor: "alice", action: "scan", target: null, detail: { resources: 3 } },
      ]);
      expect(await s.listAudit(1)).toHaveLength(1);
      await expect(s.exec.query("UPDATE audit_log SET actor = 'mallory'")).rejects.toThrow(/append-only/);
      await expect(s.exec.query("DELETE FROM audit_log")).rejects.toThrow(/append-only/);
      await expect(s.exec.query("TRUNCATE audit_log")).rejects.toThrow(/append-only/);
      expect((await s.listAudit()).map((e) => e.actor)).toEqual(["bob", "alice"]);
    }));

    it("stores a large scan in one go (written in several statements), with every change in its history", withStore(async (s) => {
      const many = Array.from({ length: 3000 }, (_, i) => finding(`x-${i}`));
      const d = await s.completeScan(await s.beginScan("graph", T0), many, [], scope, T0);
      expect(d.added).toHaveLength(3000);
      expect(await s.currentResources()).toHaveLength(3000);
      // Every third resource fixed, spread over the whole inventory; the last 500 gone.
      const next = many.slice(0, 2500).map((f, i) => (i % 3 === 0 ? { ...f, effectiveTls: "1.2" as const, status: "compliant" as const } : f));
      const s2 = await s.beginScan("graph", T1);
      const d2 = await s.completeScan(s2, next, [], scope, T1);
      expect([d2.added.length, d2.changed.length, d2.removed.length]).toEqual([0, 834, 500]);
      const changes = await s.scanChanges(s2);
      expect(changes.filter((c) => c.change === "changed").map((c) => c.resourceId).sort()).toEqual(d2.changed);
      expect(changes.filter((c) => c.change === "removed")).toHaveLength(500);
      const current = await s.currentResources();
      expect(current).toHaveLength(2500);
      expect(current.filter((f) => f.status === "compliant")).toHaveLength(834);
    }));

    it("rolls back a large scan whose completion fails after several of its statements", withStore(async (s) => {
      const many = Array.from({ length: 2500 }, (_, i) => finding(`x-${i}`));
      await s.completeScan(await s.beginScan("arm", T0), [finding("a-one")], [], scope, T0);
      const broken = await s.beginScan("arm", T1);
      const poisoned = [{ subscriptionId: SUB2, code: "x", message: 1n as unknown as string }];
      await expect(s.completeScan(broken, many, poisoned, scope, T1)).rejects.toThrow();
      expect((await s.currentResources()).map((f) => f.name)).toEqual(["a-one"]);
      expect(await s.scanChanges(broken)).toEqual([]);
    }));

    it("records each message once, keeps its raw bytes until told, and counts failed attempts", withStore(async (s) => {
      const raw = new TextEncoder().encode("From: a@b.example\r\n\r\nhello");
      const first = await s.recordNotice({ messageKey: "<m1@x>", source: "file:a.eml", receivedAt: T0, raw });
      expect(first.created).toBe(true);
      expect(first.notice).toMatchObject({ messageKey: "<m1@x>", status: "pending", attempts: 0, receivedAt: T0 });
      const again = await s.recordNotice({ messageKey: "<m1@x>", source: "imap:INBOX", receivedAt: T1, raw });
      expect(again).toMatchObject({ created: false, notice: { id: first.notice.id, source: "file:a.eml" } });
      expect(new TextDecoder().decode((await s.noticeRaw(first.notice.id))!)).toBe("From: a@b.example\r\n\r\nhello");

      const failed = await s.updateNotice(first.notice.id, { status: "failed", error: "boom", at: T1 });
      expect(failed).toMatchObject({ status: "failed", attempts: 1, lastError: "boom" });
      const applied = await s.updateNotice(first.notice.id, { status: "applied", reason: "applied", parsed: { deadline: "2025-03-01" }, retirementIds: ["redis-tls10-11"], dropRaw: true, at: T2 });
      expect(applied).toMatchObject({ status: "applied", attempts: 1, lastError: null, parsed: { deadline: "2025-03-01" }, retirementIds: ["redis-tls10-11"], updatedAt: T2 });
      expect(await s.noticeRaw(first.notice.id)).toBeNull();
      await s.recordNotice({ messageKey: "<m2@x>", source: "file:b.eml", receivedAt: T1, raw: null });
      expect((await s.listNotices({ status: ["pending"] })).map((n) => n.messageKey)).toEqual(["<m2@x>"]);
      expect((await s.listNotices()).map((n) => n.messageKey)).toEqual(["<m2@x>", "<m1@x>"]);
      expect((await s.listNotices({ messageKey: "<m1@x>" })).map((n) => n.messageKey)).toEqual(["<m1@x>"]);
      expect(await s.listNotices({ messageKey: "<nope@x>" })).toEqual([]);
    }));

    it("keeps conversations, their subscriptions and languages, and claims each post once", withStore(async (s) => {
      const ref = { conversation: { id: "19:abc@thread.tacv2" }, serviceUrl: "https://smba.example/" };
      await s.upsertConversation({ key: "teams:19:abc", platform: "teams", reference: ref, kind: "channel", tenant: "t1", updatedAt: T1 });
      expect(await s.listSubscribedConversations()).toEqual([]);
      await s.updateConversationSettings("teams:19:abc", { scopes: ["sub-1"], langs: "ja" }, T2);
      // A later installation event refreshes the reference and keeps the settings.
      await s.upsertConversation({ key: "teams:19:abc", platform: "teams", reference: { ...ref, serviceUrl: "https://smba2.example/" }, kind: "channel", tenant: "t1", updatedAt: T2 });
      const [c] = await s.listSubscribedConversations();
      expect(c).toMatchObject({ key: "teams:19:abc", langs: "ja", scopes: ["sub-1"], reference: { serviceUrl: "https://smba2.example/" } });
      expect(await s.claimPost("teams:19:abc", "scan:1", T1)).toBe(true);
      expect(await s.claimPost("teams:19:abc", "scan:1", T1)).toBe(false);
      await s.completePost("teams:19:abc", "scan:1", { error: "429" }, T1);
      expect(await s.claimPost("teams:19:abc", "scan:1", T2)).toBe(true);
      await s.completePost("teams:19:abc", "scan:1", { activityId: "a1" }, T2);
      expect(await s.claimPost("teams:19:abc", "scan:1", T2)).toBe(false);
    }));

    it("lists the held cards of decided notices still to replace, whatever window they were decided in", withStore(async (s) => {
      for (const key of ["teams:19:a", "slack:C1", "slack:C2", "teams:19:b"]) {
        await s.upsertConversation({ key, platform: key.startsWith("slack") ? "slack" : "teams", reference: {}, kind: "channel", tenant: null, updatedAt: T1 });
      }
      const ids: number[] = [];
      for (const n of [0, 1, 2]) {
        const r = await ingestMessage(s, { bytes: redisNotice("1 January 2030", { from: "azure-noreply@micros0ft-support.com", messageId: `cards-${n}@example.invalid` }), source: "file:test", receivedAt: T1 }, { now: () => new Date(T1) });
        expect(r.notice.status).toBe("triage");
        ids.push(r.notice.id);
      }
      const [held, decided, unposted] = ids as [number, number, number];
      const query = { decidedSince: T1, heldPrefix: "notice-held:", replacedPrefix: "notice-decided:", maxAttempts: 3 };
      const deliver = async (conversation: string, key: string, result: { activityId?: string; error?: string }) => {
        expect(await s.claimPost(conversation, key, T1)).toBe(true);
        await s.completePost(conversation, key, result, T1);
      };
      await deliver("teams:19:a", `notice-held:${held}`, { activityId: "1:held" });
      await deliver("teams:19:a", `notice-held:${decided}`, { activityId: "1:act" });
      await deliver("slack:C1", `notice-held:${decided}`, { activityId: "1700000000.000100" });
      await deliver("slack:C2", `notice-held:${decided}`, { error: "ratelimited" });
      // Another replica is still sending this one; a notice number that starts like it is another notice.
      await s.claimPost("teams:19:b", `notice-held:${decided}`, T1);
      await deliver("teams:19:b", `notice-held:${decided}0`, { activityId: "other" });
      expect(await s.listHeldPostsToReplace(query)).toEqual([]);

      for (const id of [decided, unposted]) await dismissTriagedNotice(s, id, "teams:r", new Date(T2));
      expect(await s.listHeldPostsToReplace(query)).toEqual([
        { noticeId: decided, conversationKey: "slack:C1", activityId: "1700000000.000100" },
        { noticeId: decided, conversationKey: "teams:19:a", activityId: "1:act" },
      ]);
      // The card the other replica was sending is found once it is delivered, after the decision.
      await s.completePost("teams:19:b", `notice-held:${decided}`, { activityId: "1:late" }, T2);
      expect((await s.listHeldPostsToReplace(query)).map((c) => c.conversationKey)).toEqual(["slack:C1", "teams:19:a", "teams:19:b"]);
      // Replaced: gone from the list; a failed replacement stays until it has been tried `maxAttempts` times.
      await deliver("slack:C1", `notice-decided:${decided}`, { activityId: "1700000000.000100" });
      for (let attempt = 1; attempt <= 3; attempt++) {
        await deliver("teams:19:a", `notice-decided:${decided}`, { error: "HTTP 502" });
        expect((await s.listHeldPostsToReplace(query)).map((c) => c.conversationKey)).toEqual(attempt < 3 ? ["teams:19:a", "teams:19:b"] : ["teams:19:b"]);
      }
      // Decided before the period looked at.
      expect(await s.listHeldPostsToReplace({ ...query, decidedSince: "2026-11-03T00:00:00.001Z" })).toEqual([]);
    }));

    it("keeps a conversation's snoozes, replaced as a whole, and its other settings with them", withStore(async (s) => {
      await s.upsertConversation({ key: "slack:C1", platform: "slack", reference: { channel: "C1" }, kind: "channel", tenant: null, scopes: ["*"], updatedAt: T1 });
      expect((await s.getConversation("slack:C1"))?.snoozes).toEqual({});
      const snoozes = { "*": "2026-12-08T00:00:00.000Z", "redis-tls10-11": "2026-12-15T00:00:00.000Z" };
      const updated = await s.updateConversationSettings("slack:C1", { snoozes }, T2);
      expect(updated).toMatchObject({ snoozes, scopes: ["*"], langs: "ja+en" });
      await s.updateConversationSettings("slack:C1", { langs: "en" }, T2);
      expect((await s.listSubscribedConversations()).find((c) => c.key === "slack:C1")?.snoozes).toEqual(snoozes);
      await s.updateConversationSettings("slack:C1", { snoozes: {} }, T2);
      expect((await s.getConversation("slack:C1"))?.snoozes).toEqual({});
    }));

    it("lets one claimant run each scheduled slot", withStore(async (s) => {
      expect(await s.claimJobRun("scan:2026-11-26T09:00:00.000", T1)).toBe(true);
      expect(await s.claimJobRun("scan:2026-11-26T09:00:00.000", T1)).toBe(false);
      expect(await s.claimJobRun("scan:2026-11-26T15:00:00.000", T1)).toBe(true);
    }));

    it("hands an unfinished slot to another claimant once its lease is over, never a completed one", withStore(async (s) => {
      expect(await s.claimJobRun("digest:2026-11-30T00:00:00.000Z", T1, { leaseMs: 200 })).toBe(true);
      expect(await s.jobRunState("digest:2026-11-30T00:00:00.000Z")).toBe("running");
      expect(await s.claimJobRun("digest:2026-11-30T00:00:00.000Z", T1, { leaseMs: 60_000 })).toBe(false);
      await new Promise((r) => setTimeout(r, 300));
      expect(await s.claimJobRun("digest:2026-11-30T00:00:00.000Z", T1, { leaseMs: 200 })).toBe(true);
      await s.completeJobRun("digest:2026-11-30T00:00:00.000Z", T2);
      expect(await s.jobRunState("digest:2026-11-30T00:00:00.000Z")).toBe("completed");
      await new Promise((r) => setTimeout(r, 300));
      expect(await s.claimJobRun("digest:2026-11-30T00:00:00.000Z", T2, { leaseMs: 200 })).toBe(false);
      // A post left "sending" the same way; a sent one never.
      await s.upsertConversation({ key: "teams:lease", platform: "teams", reference: {}, kind: "channel", tenant: null, updatedAt: T1 });
      expect(await s.claimPost("teams:lease", "digest:2026-11-30", T1, { leaseMs: 200 })).toBe(true);
      expect(await s.claimPost("teams:lease", "digest:2026-11-30", T1, { leaseMs: 200 })).toBe(false);
      await new Promise((r) => setTimeout(r, 300));
      expect(await s.claimPost("teams:lease", "digest:2026-11-30", T1, { leaseMs: 200 })).toBe(true);
      await s.completePost("teams:lease", "digest:2026-11-30", { activityId: "a" }, T2);
      expect(await s.claimPost("teams:lease", "digest:2026-11-30", T2, { leaseMs: 0 })).toBe(false);
      expect(await s.postStatus("teams:lease", "digest:2026-11-30")).toBe("sent");
      expect(await s.lastSentPostAt("teams:lease", "digest:")).toBe(T2);
    }));

    it("tells where the posts sent under a prefix end, around a given end", withStore(async (s) => {
      const at = (day: number) => new Date(Date.parse(T0) + day * 86_400_000).toISOString();
      const send = async (key: string, coversUntil: string | undefined, sentAt: string) => {
        expect(await s.claimPost("teams:cov", key, sentAt, coversUntil ? { coversUntil } : {})).toBe(true);
        await s.completePost("teams:cov", key, { activityId: key }, sentAt);
      };
      // Read for every conversation at once; one with nothing sent is absent.
      const coverage = async (until: string) => (await s.sentCoverage("digest:", until)).get("teams:cov") ?? { from: null, coveredPast: false };
      await s.upsertConversation({ key: "teams:cov", platform: "teams", reference: {}, kind: "channel", tenant: null, updatedAt: T0 });
      expect(await coverage(at(7))).toEqual({ from: null, coveredPast: false });
      // Sent a day after the end it covers; one claimed before ends were recorded ends when it was sent.
      await send("digest:old", undefined, at(1));
      await send("digest:a", at(7), at(8));
      expect(await coverage(at(14))).toEqual({ from: at(7), coveredPast: false });
      // Seen from the end of one sent: it starts where the one before it ended.
      expect(await coverage(at(7))).toEqual({ from: at(1), coveredPast: false });
      expect(await coverage(at(5))).toEqual({ from: at(1), coveredPast: true });
      // Neither a failed one nor another prefix counts; a retried claim keeps the end.
      expect(await s.claimPost("teams:cov", "digest:b", at(15), { coversUntil: at(14) })).toBe(true);
      await s.completePost("teams:cov", "digest:b", { error: "502" }, at(15));
      await send("reminder:x", at(20), at(20));
      expect(await coverage(at(21))).toEqual({ from: at(7), coveredPast: false });
      await send("digest:b", undefined, at(16));
      expect(await coverage(at(21))).toEqual({ from: at(14), coveredPast: false });
      // Another conversation's posts are its own.
      await s.upsertConversation({ key: "teams:cov2", platform: "teams", reference: {}, kind: "channel", tenant: null, updatedAt: T0 });
      expect(await s.claimPost("teams:cov2", "digest:c", at(3), { coversUntil: at(3) })).toBe(true);
      await s.completePost("teams:cov2", "digest:c", { activityId: "c" }, at(3));
      expect([...(await s.sentCoverage("digest:", at(21))).entries()].filter(([k]) => k.startsWith("teams:cov")).sort()).toEqual([
        ["teams:cov", { from: at(14), coveredPast: false }], ["teams:cov2", { from: at(3), coveredPast: false }],
      ]);
    }));

    it("reads where one post stands, and when posts under a prefix were last sent, for every conversation at once", withStore(async (s) => {
      const at = (day: number) => new Date(Date.parse(T0) + day * 86_400_000).toISOString();
      for (const key of ["teams:one", "teams:two", "teams:three"]) await s.upsertConversation({ key, platform: "teams", reference: {}, kind: "channel", tenant: null, updatedAt: T0 });
      expect([...(await s.postStatuses("reminder:r:2027-03-01:0")).entries()]).toEqual([]);
      expect(await s.claimPost("teams:one", "reminder:r:2027-03-01:0", at(1))).toBe(true);
      await s.completePost("teams:one", "reminder:r:2027-03-01:0", { activityId: "a" }, at(1));
      expect(await s.claimPost("teams:two", "reminder:r:2027-03-01:0", at(1))).toBe(true);
      await s.completePost("teams:two", "reminder:r:2027-03-01:0", { error: "502" }, at(1));
      expect(await s.claimPost("teams:three", "reminder:r:2027-03-01:0", at(1))).toBe(true);
      expect(await s.claimPost("teams:three", "reminder:r:2027-03-01:after:7", at(8))).toBe(true);
      await s.completePost("teams:three", "reminder:r:2027-03-01:after:7", { activityId: "b" }, at(8));
      expect(await s.claimPost("teams:one", "reminder:r:2027-03-01:after:14", at(15))).toBe(true);
      await s.completePost("teams:one", "reminder:r:2027-03-01:after:14", { activityId: "c" }, at(15));
      expect(await s.claimPost("teams:one", "reminder:r:2027-03-01:after:7", at(8))).toBe(true);
      await s.completePost("teams:one", "reminder:r:2027-03-01:after:7", { activityId: "d" }, at(8));
      expect([...(await s.postStatuses("reminder:r:2027-03-01:0")).entries()].sort()).toEqual([["teams:one", "sent"], ["teams:three", "sending"], ["teams:two", "failed"]]);
      // As lastSentPostAt reads it per conversation: the newest sent, failed and unsent ones left out.
      const last = await s.lastSentPosts("reminder:r:2027-03-01:after:");
      expect([...last.entries()].sort()).toEqual([["teams:one", at(15)], ["teams:three", at(8)]]);
      for (const key of ["teams:one", "teams:two", "teams:three"]) expect(last.get(key) ?? null, key).toBe(await s.lastSentPostAt(key, "reminder:r:2027-03-01:after:"));
    }));

    it("remembers the language a user chose", withStore(async (s) => {
      expect(await s.getUserLang("teams:u1")).toBeNull();
      await s.setUserLang("teams:u1", "ja", T1);
      await s.setUserLang("slack:u2", "en", T1);
      await s.setUserLang("teams:u1", "en", T2);
      expect(await s.getUserLang("teams:u1")).toBe("en");
      expect(await s.getUserLang("slack:u2")).toBe("en");
    }));

    it("keeps each conversation's last list cursor, ignores and expires old ones", withStore(async (s) => {
      const filter = { kinds: ["redis"], tls: { op: "lt", version: "1.2" } };
      expect(await s.getListCursor("teams:c1", T0)).toBeNull();
      await s.setListCursor("teams:c1", { filter, offset: 0 }, T0);
      await s.setListCursor("web:c2", { filter: {}, offset: 40 }, T1);
      await s.setListCursor("teams:c1", { filter, offset: 20 }, T1);
      expect(await s.getListCursor("teams:c1", T1)).toEqual({ filter, offset: 20 });
      expect(await s.getListCursor("web:c2", T0)).toEqual({ filter: {}, offset: 40 });
      // Set before the cut-off: as good as gone.
      expect(await s.getListCursor("web:c2", T2)).toBeNull();
      // "more": moved on in one statement, and only a cursor still in force.
      expect(await s.advanceListCursor("teams:c1", 20, T1, T2)).toEqual({ filter, offset: 40 });
      expect(await s.advanceListCursor("web:c2", 20, T2, T2)).toBeNull();
      expect(await s.advanceListCursor("teams:none", 20, T0, T2)).toBeNull();
      expect(await s.expireListCursors(T2)).toBe(1);
      expect(await s.getListCursor("web:c2", T0)).toBeNull();
      expect(await s.getListCursor("teams:c1", T0)).toEqual({ filter, offset: 40 });
    }));

    it("keeps retirement history and source cursors", withStore(async (s) => {
      const before = { id: "redis", service: "Redis", resourceTypes: [REDIS], deadline: "2025-03-01", source: "catalog", data: {}, updatedAt: T0 };
      const after = { ...before, deadline: "2025-06-01", source: "notice:1", updatedAt: T1 };
      await s.upsertRetirement(after);
      await s.appendRetirementChange({ retirementId: "redis", at: T1, noticeId: null, change: "postponed", before, after });
      expect(await s.getRetirement("redis")).toEqual(after);
      expect(await s.getRetirement("nope")).toBeNull();
      expect(await s.retirementHistory("redis")).toEqual([{ retirementId: "redis", at: T1, noticeId: null, change: "postponed", before, after }]);
      expect(await s.getCursor("imap:INBOX")).toBeNull();
      await s.setCursor("imap:INBOX", "42", T0);
      await s.setCursor("imap:INBOX", "43", T1);
      expect(await s.getCursor("imap:INBOX")).toBe("43");
    }));

    it("keeps every tick when operators tick different checklist items at the same moment (stored yet or not)", withStore(async (s) => {
      const MARS = "backup-mars-tls10-11";
      // Five operators, five items, all at once: twice from the catalog record nothing has stored yet,
      // twice on the stored row. A read-modify-write without a lock keeps only some of the ticks.
      for (let round = 0; round < 4; round++) {
        if (round % 2 === 0) await s.exec.query("DELETE FROM retirements WHERE id = $1", [MARS]);
        else for (const i of checklistOf((await s.getRetirement(MARS))!)) await markChecklistItem(s, MARS, i.key, false, "reset", T0);
        const keys = ["marsAgentUpdated", "schannelTls12Client", "dotnetSystemDefaultTls", "dotnetStrongCrypto", "restartServices"];
        await Promise.all(keys.map((key, n) => markChecklistItem(s, MARS, key, true, `teams:op${n}`, T1)));
        const items = checklistOf((await s.getRetirement(MARS))!);
        expect(items.map((i) => [i.key, i.done, i.doneBy]), `round ${round}`).toEqual(keys.map((key, n) => [key, true, `teams:op${n}`]));
      }
      expect((await s.listAudit(100)).filter((a) => a.action === "checklist.done")).toHaveLength(20);
      // The same step ticked by three at once: done once, by one of them, audited once.
      await markChecklistItem(s, MARS, "restartServices", false, "reset", T1);
      await Promise.all(["teams:a", "teams:b", "slack:c"].map((by) => markChecklistItem(s, MARS, "restartServices", true, by, T2)));
      expect((await s.listAudit(100)).filter((a) => a.action === "checklist.done")).toHaveLength(21);
      expect((await s.retirementHistory(MARS)).filter((h) => h.at === T2)).toHaveLength(1);
    }));

    it("decides a held notice once when reviewers accept and dismiss it at the same moment", withStore(async (s) => {
      const now = () => new Date(T2);
      const held = await ingestMessage(s, { bytes: redisNotice("1 January 2030", { from: "azure-noreply@micros0ft-support.com" }), source: "file:test", receivedAt: T1 }, { now });
      expect(held.notice.status).toBe("triage");
      // Ten reviewers at once, on separate connections where the backend has them: one decision stands.
      const outcomes = await Promise.allSettled(Array.from({ length: 10 }, (_, n) => (n % 2
        ? dismissTriagedNotice(s, held.notice.id, `teams:r${n}`, now())
        : acceptTriagedNotice(s, held.notice.id, `teams:r${n}`, { now, deadline: "2030-01-01" }))));
      expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
      for (const o of outcomes) if (o.status === "rejected") expect(o.reason).toMatchObject({ code: "noticeNotInTriage" });
      const decisions = (await s.listAudit(100)).filter((a) => (a.action === "notice.accept" || a.action === "notice.dismiss") && a.target === `notice:${held.notice.id}`);
      expect(decisions).toHaveLength(1);
      const after = await s.getNotice(held.notice.id);
      expect(after?.status).toBe(decisions[0]!.action === "notice.accept" ? "applied" : "ignored");
      expect((await s.retirementHistory("redis-tls10-11")).filter((h) => h.noticeId === held.notice.id)).toHaveLength(decisions[0]!.action === "notice.accept" ? 1 : 0);
      // Decided at T2: listed from then on, not after.
      expect((await s.listNotices({ updatedSince: T2 })).map((n) => n.id)).toEqual([held.notice.id]);
      expect(await s.listNotices({ updatedSince: "2026-11-03T00:00:01.000Z" })).toEqual([]);
    }));

    it("lists held notices oldest first and counts them without reading them", withStore(async (s) => {
      const now = () => new Date(T2);
      const ids: number[] = [];
      for (const [n, day] of ["1 January 2030", "1 February 2030", "1 March 2030"].entries()) {
        const r = await ingestMessage(s, { bytes: redisNotice(day, { from: "azure-noreply@micros0ft-support.com", messageId: `count-${n}@example.invalid` }), source: "file:test", receivedAt: T1 }, { now });
        expect(r.notice.status).toBe("triage");
        ids.push(r.notice.id);
      }
      await dismissTriagedNotice(s, ids[1]!, "teams:r", now());
      expect(await s.countNotices(["triage"])).toBe(2);
      expect(await s.countNotices(["triage", "ignored"])).toBe(3);
      expect(await s.countNotices(["failed"])).toBe(0);
      expect((await s.listNotices({ status: ["triage"], limit: 1, oldestFirst: true })).map((n) => n.id)).toEqual([ids[0]]);
      expect((await s.listNotices({ status: ["triage"], limit: 1 })).map((n) => n.id)).toEqual([ids[2]]);
    }));

    it("runs work in one transaction: all or nothing", withStore(async (s) => {
      await expect(s.transaction(async (tx) => {
        await tx.appendAudit({ at: T0, actor: "a", action: "x", target: null, detail: {} });
        await tx.upsertRetirement({ id: "r", service: "S", resourceTypes: [], deadline: "not a date", source: "x", data: {}, updatedAt: T0 });
      })).rejects.toThrow();
      expect(await s.listAudit()).toEqual([]);
      await s.transaction(async (tx) => {
        await tx.appendAudit({ at: T0, actor: "a", action: "x", target: null, detail: {} });
      });
      expect(await s.listAudit()).toHaveLength(1);
    }));

    it("records its schema version", withStore(async (s) => {
      const { rows } = await s.exec.query<{ version: number }>("SELECT version FROM schema_migrations ORDER BY version");
      expect(rows.map((r) => Number(r.version))).toEqual(MIGRATIONS.map((m) => m.version));
      expect(MIGRATIONS.map((m) => m.version)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16]);
      const { rows: columns } = await s.exec.query<{ column_name: string }>("SELECT column_name FROM information_schema.columns WHERE table_name = 'resources_current'");
      expect(columns.map((r) => r.column_name)).toContain("finding_digest");
      // The watcher's look-up of where held notices' cards went reads posts by key, not every post.
      const { rows: indexes } = await s.exec.query<{ indexname: string }>("SELECT indexname FROM pg_indexes WHERE tablename = 'posts'");
      expect(indexes.map((r) => r.indexname)).toContain("posts_post_key_idx");
      const { rows: tokenColumns } = await s.exec.query<{ column_name: string }>("SELECT column_name FROM information_schema.columns WHERE table_name = 'approval_tokens'");
      expect(tokenColumns.map((r) => r.column_name)).toContain("revoked_at");
    }));

    it("approvals: a token is used once however many use it at once; one write in flight per resource", withStore(async (s) => {
      const approvals = createSqlApprovalStore(s.exec);
      const id = `/subscriptions/${SUB1}/resourceGroups/rg/providers/Microsoft.Cache/Redis/cache-one`;
      const base = { resourceId: id, resourceName: "cache-one", kind: "redis", target: "1.2" as const, seenTls: null, requestedBy: "teams:a", actorNames: {}, conversationId: "teams:c", needsSecond: false, dryRun: false, expiresAt: T2, createdAt: T0 };
      const a = await approvals.create({ ...base, id: "a1" }, { hash: hashToken("tok-a"), step: "confirm", boundActor: "teams:a", expiresAt: T2 });
      const use = { approvalId: a.id, hash: hashToken("tok-a"), actor: "teams:a", conversationId: "teams:c", resourceId: id.toUpperCase(), target: "1.2", now: T1 };
      const outcomes = await Promise.all(Array.from({ length: 20 }, () => approvals.useToken(use)));
      expect(outcomes.filter((o) => o.ok)).toHaveLength(1);
      expect(outcomes.filter((o) => !o.ok).map((o) => (o as { reason: string }).reason)).toEqual(Array(19).fill("tokenUsed"));
      // Bindings are checked before anything is consumed.
      expect(await approvals.grantToken(a.id, { hash: hashToken("tok-b"), step: "confirm", boundActor: "teams:a", expiresAt: T2 }, { state: "requested", seenTls: null })).toBe(true);
      expect(await approvals.useToken({ ...use, hash: hashToken("tok-b"), actor: "teams:x" })).toEqual({ ok: false, reason: "notApprover" });
      expect(await approvals.useToken({ ...use, hash: hashToken("tok-b"), conversationId: "slack:c" })).toEqual({ ok: false, reason: "otherConversation" });
      expect(await approvals.useToken({ ...use, hash: hashToken("tok-b"), target: "1.0" })).toEqual({ ok: false, reason: "payloadMismatch" });
      expect(await approvals.useToken({ ...use, hash: hashToken("tok-b"), now: T2 })).toEqual({ ok: false, reason: "expired" });
      expect((await approvals.useToken({ ...use, hash: hashToken("tok-b") })).ok).toBe(true);

      const b = await approvals.create({ ...base, id: "b1" }, { hash: hashToken("tok-c"), step: "confirm", boundActor: "teams:a", expiresAt: T2 });
      expect(await approvals.move(a.id, ["requested"], "applying", {}, T1)).toMatchObject({ state: "applying" });
      await expect(approvals.move(b.id, ["requested"], "applying", {}, T1)).rejects.toBeInstanceOf(InFlightError);
      expect(await approvals.move(a.id, ["requested"], "cancelled", {}, T1)).toBeNull();
      await approvals.move(a.id, ["applying"], "succeeded", { result: { after: "1.2" } }, T2);
      expect(await approvals.move(b.id, ["requested"], "applying", {}, T2)).toMatchObject({ state: "applying" });
      expect((await approvals.list({ resourceId: id })).map((x) => x.id).sort()).toEqual(["a1", "b1"]);
    }));

    it("approvals: a move that asks again revokes every unused token with it; a token is granted only while its dialog is current", withStore(async (s) => {
      const approvals = createSqlApprovalStore(s.exec);
      const id = `/subscriptions/${SUB1}/resourceGroups/rg/providers/Microsoft.Cache/Redis/cache-revoke`;
      const base = { resourceId: id, resourceName: "cache-revoke", kind: "redis", target: "1.2" as const, seenTls: "1.0", requestedBy: "teams:a", actorNames: {}, conversationId: "teams:c", needsSecond: false, dryRun: false, expiresAt: T2, createdAt: T0 };
      const grant = (tok: string, step: "confirm" | "second" = "confirm") => ({ hash: hashToken(tok), step, boundActor: step === "confirm" ? "teams:a" : null, expiresAt: T2 });
      const use = (tok: string, actor = "teams:a") => approvals.useToken({ approvalId: "r1", hash: hashToken(tok), actor, conversationId: "teams:c", resourceId: id, target: "1.2", now: T1 });
      const standing = (tok: string, approvalId = "r1") => approvals.tokenStanding(approvalId, hashToken(tok), T1);
      await approvals.create({ ...base, id: "r1" }, grant("first"));
      // A reopen (another window) and a used one.
      expect(await approvals.grantToken("r1", grant("spare"), { state: "requested", seenTls: "1.0" })).toBe(true);
      expect(await approvals.grantToken("r1", grant("spent"), { state: "requested", seenTls: "1.0" })).toBe(true);
      expect((await use("spent")).ok).toBe(true);
      expect(await Promise.all(["first", "spare", "spent", "never"].map((t) => standing(t)))).toEqual(["live", "live", "used", "unknown"]);
      expect(await approvals.tokenStanding("r1", hashToken("first"), T2)).toBe("expired");

      // The resource changed: back to its requester with one new token; every other unused one is revoked with it.
      const moved = await approvals.moveAndReissue("r1", ["requested"], "requested", { seenTls: "1.1", approvedBy: [] }, T1, grant("again"));
      expect(moved).toMatchObject({ state: "requested", seenTls: "1.1" });
      expect(await Promise.all(["first", "spare", "spent", "again"].map((t) => standing(t)))).toEqual(["revoked", "revoked", "used", "live"]);
      expect(await use("spare")).toEqual({ ok: false, reason: "superseded" });
      // Expired as well, for a replica still on an earlier version (it checks expiry, not revocation).
      const { rows: spare } = await s.exec.query<{ expired: boolean }>("SELECT expires_at <= $2::timestamptz AS expired FROM approval_tokens WHERE token_hash = $1", [hashToken("spare"), T1]);
      expect(spare).toEqual([{ expired: true }]);
      expect(await use("spent")).toEqual({ ok: false, reason: "tokenUsed" });
      // A dialog read before the change (a reopen on another replica) gets no token; one read after does.
      expect(await approvals.grantToken("r1", grant("late"), { state: "requested", seenTls: "1.0" })).toBe(false);
      expect(await approvals.grantToken("r1", grant("late", "second"), { state: "awaitingSecond", seenTls: "1.1" })).toBe(false);
      expect(await standing("late")).toBe("unknown");
      expect(await approvals.grantToken("r1", grant("current"), { state: "requested", seenTls: "1.1" })).toBe(true);
      // Not in a state it moves from: nothing is revoked, nothing granted.
      expect(await approvals.moveAndReissue("r1", ["awaitingSecond"], "requested", { seenTls: "1.0" }, T1, grant("stray"))).toBeNull();
      expect(await Promise.all(["again", "current", "stray"].map((t) => standing(t)))).toEqual(["live", "live", "unknown"]);

      // On to a second approver: the requester's spare confirmations go, the second approver's token comes.
      expect((await use("again")).ok).toBe(true);
      expect(await approvals.moveAndReissue("r1", ["requested"], "awaitingSecond", { approvedBy: ["teams:a"] }, T1, grant("second", "second"))).toMatchObject({ state: "awaitingSecond", approvedBy: ["teams:a"] });
      expect(await Promise.all(["again", "current", "second"].map((t) => standing(t)))).toEqual(["used", "revoked", "live"]);
      expect(await use("second", "teams:b")).toEqual({ ok: true, step: "second" });
      expect(await standing("second", "other-approval")).toBe("unknown");
    }));

    it("approvals: of grants and uses racing a move that asks again, none leaves a token usable after it", withStore(async (s) => {
      const approvals = createSqlApprovalStore(s.exec);
      const id = `/subscriptions/${SUB1}/resourceGroups/rg/providers/Microsoft.Cache/Redis/cache-race`;
      await approvals.create({ id: "x1", resourceId: id, resourceName: "cache-race", kind: "redis", target: "1.2", seenTls: "v0", requestedBy: "teams:a", actorNames: {}, conversationId: "teams:c", needsSecond: false, dryRun: false, expiresAt: T2, createdAt: T0 },
        { hash: hashToken("race-0"), step: "confirm", boundActor: "teams:a", expiresAt: T2 });
      const grant = (tok: string) => ({ hash: hashToken(tok), step: "confirm" as const, boundActor: "teams:a", expiresAt: T2 });
      for (let i = 1; i <= 10; i++) {
        const spares = Array.from({ length: 5 }, (_, j) => `race-${i}-${j}`);
        for (const t of spares.slice(0, 3)) await approvals.grantToken("x1", grant(t), { state: "requested", seenTls: `v${i - 1}` });
        const [uses, grants, moved] = await Promise.all([
          Promise.all(spares.slice(0, 3).map((t) => approvals.useToken({ approvalId: "x1", hash: hashToken(t), actor: "teams:a", conversationId: "teams:c", resourceId: id, target: "1.2", now: T1 }))),
          Promise.all(spares.slice(3).map((t) => approvals.grantToken("x1", grant(t), { state: "requested", seenTls: `v${i - 1}` }))),
          approvals.moveAndReissue("x1", ["requested"], "requested", { seenTls: `v${i}` }, T1, grant(`race-${i}`)),
        ]);
        expect(moved).toMatchObject({ seenTls: `v${i}` });
        const after = await Promise.all(spares.map((t) => approvals.tokenStanding("x1", hashToken(t), T1)));
        // Each spare was used before the move, or revoked by it, or (a grant that came after it) never granted.
        expect(after.filter((x) => x === "live"), `round ${i}`).toEqual([]);
        expect(after.slice(0, 3).map((x, j) => (x === "used") === uses[j]!.ok)).toEqual([true, true, true]);
        expect(after.slice(3).map((x, j) => (x === "revoked") === grants[j])).toEqual([true, true]);
      }
    }));

    it("approvals: an applying approval's lease is claimed by one of many at once, only once expired, and held only by its owner", withStore(async (s) => {
      const approvals = createSqlApprovalStore(s.exec);
      const id = `/subscriptions/${SUB1}/resourceGroups/rg/providers/Microsoft.Cache/Redis/cache-lease`;
      const base = { resourceId: id, resourceName: "cache-lease", kind: "redis", target: "1.2" as const, seenTls: null, requestedBy: "teams:a", actorNames: {}, conversationId: "teams:c", needsSecond: false, dryRun: false, expiresAt: T2, createdAt: T0 };
      const a = await approvals.create({ ...base, id: "l1" }, { hash: hashToken("tok-l"), step: "confirm", boundActor: "teams:a", expiresAt: T2 });
      const first = { owner: "r1/x", ms: 60_000 };
      expect(await approvals.claimLease(a.id, first)).toBeNull(); // not applying yet
      expect(await approvals.move(a.id, ["requested"], "applying", { lease: first }, T1)).toMatchObject({ state: "applying" });
      // Live: nobody else claims it, its owner renews it and stores the operation; another may not.
      expect(await approvals.claimLease(a.id, { owner: "r2/y", ms: 60_000 })).toBeNull();
      expect(await approvals.renewLease(a.id, first)).toBe(true);
      expect(await approvals.renewLease(a.id, { owner: "r2/y", ms: 60_000 })).toBe(false);
      expect(await approvals.setOperation(a.id, "op-1", T1, "r2/y")).toBe(false);
      expect(await approvals.setOperation(a.id, "op-1", T1, first.owner)).toBe(true);
      // Expired (as a dead replica's): its owner can no longer renew it; of 20 claims at once exactly one wins.
      await s.exec.query("UPDATE approvals SET lease_expires_at = clock_timestamp() - interval '1 second' WHERE id = $1", [a.id]);
      expect(await approvals.renewLease(a.id, first)).toBe(false);
      const claims = await Promise.all(Array.from({ length: 20 }, (_, i) => approvals.claimLease(a.id, { owner: `r${i + 3}/z`, ms: 60_000 })));
      const winners = claims.filter((c) => c !== null);
      expect(winners).toHaveLength(1);
      expect(winners[0]).toMatchObject({ state: "applying", operation: "op-1" });
      const winner = `r${claims.findIndex((c) => c !== null) + 3}/z`;
      // Only the holder records the outcome; recording releases the lease.
      expect(await approvals.move(a.id, ["applying"], "succeeded", { result: {} }, T2, { owner: first.owner })).toBeNull();
      expect(await approvals.move(a.id, ["applying"], "succeeded", { result: {}, operation: null }, T2, { owner: winner })).toMatchObject({ state: "succeeded" });
      expect(await approvals.renewLease(a.id, { owner: winner, ms: 60_000 })).toBe(false);
      expect(await approvals.claimLease(a.id, { owner: "r9/w", ms: 60_000 }, { takeover: true })).toBeNull();
      // A shutdown releases at once: another claims it without waiting for the lease.
      const b = await approvals.create({ ...base, id: "l2" }, { hash: hashToken("tok-m"), step: "confirm", boundActor: "teams:a", expiresAt: T2 });
      await approvals.move(b.id, ["requested"], "applying", { lease: first }, T2);
      await approvals.releaseLease(b.id, "r2/y");
      expect(await approvals.claimLease(b.id, { owner: "r2/y", ms: 60_000 })).toBeNull();
      await approvals.releaseLease(b.id, first.owner);
      expect(await approvals.claimLease(b.id, { owner: "r2/y", ms: 60_000 })).toMatchObject({ state: "applying" });
    }));
  });
}
