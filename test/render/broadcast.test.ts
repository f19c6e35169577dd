import { describe, expect, it } from "vitest";
import { MAX_CARD_BYTES } from "../../src/render/adaptive/render-adaptive-card.ts";
import { languagesOf, renderBroadcast } from "../../src/render/broadcast.ts";
import { SLACK_LIMITS } from "../../src/render/slack/render-block-kit.ts";
import type { AffectedScope, ResourceRow, View } from "../../src/render/view-model.ts";
import { cardProblems } from "./validate-card.ts";
import { Lexicon } from "../../src/conversation/lexicon.ts";
import { parseQuestion } from "../../src/conversation/parse-intent.ts";

const row = (i: number): ResourceRow => ({
  id: `/subscriptions/s/resourceGroups/rg/providers/Microsoft.Cache/Redis/redis-${i}`, name: `redis-${i}`, kind: "redis", type: "Microsoft.Cache/Redis",
  subscriptionId: "s", subscriptionName: "prod-jp-east", resourceGroup: "rg-commerce-prod", location: "japaneast", effectiveTls: "1.0", configuredTls: null,
  status: "at-risk", deadline: "2027-03-01", daysLeft: 95, reason: "redisDefaultBefore2020",
});

const notice = (affected: number): View => ({
  type: "noticeBroadcast", retirementId: "redis-tls10-11", change: "postponed", deadline: "2027-03-01", previousDeadline: "2025-03-01", daysLeft: 95,
  trackingId: "SV4K-R7Q", subject: "Action required", evidence: "On 1 March 2027, we'll retire support for TLS 1.0 and 1.1",
  affected: Array.from({ length: Math.min(affected, 20) }, (_, i) => row(i)), affectedTotal: affected, affectedKinds: ["redis"], affectedScope: null,
});

describe("channel posts", () => {
  it("carry Japanese and English by default, in one valid card under 28 KB", () => {
    for (const n of [1, 20, 300]) {
      const post = renderBroadcast(notice(n));
      expect(cardProblems(post.card)).toEqual([]);
      expect(Buffer.byteLength(JSON.stringify(post.card))).toBeLessThan(MAX_CARD_BYTES);
      const json = JSON.stringify(post.card);
      expect(json).toContain("延期: Azure Cache for Redis の TLS 1.0/1.1 廃止");
      expect(json).toContain("Postponed: Azure Cache for Redis TLS 1.0/1.1 retirement");
      expect(json).toContain("期限が 2025年3月1日 から 2027年3月1日 に変わりました");
      expect(json).toContain(`${n} resource`);
      expect(post.slack.blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.blocks);
      expect(post.text).toContain("SV4K-R7Q");
    }
  });

  it("follow the channel's language setting", () => {
    expect(languagesOf("ja")).toEqual(["ja"]);
    const ja = JSON.stringify(renderBroadcast(notice(3), "ja").card);
    expect(ja).toContain("延期");
    expect(ja).not.toContain("Postponed");
    const en = JSON.stringify(renderBroadcast(notice(3), "en").card);
    expect(en).not.toContain("延期");
  });

  it("render scan differences and reminders", () => {
    const findings: View = {
      type: "findingsBroadcast", added: [row(1), row(2)], fixed: [{ ...row(3), status: "compliant", effectiveTls: "1.2" }], addedTotal: 2, fixedTotal: 1,
      addedList: null,
    };
    const reminder: View = { type: "reminder", retirementId: "iothub-tls10-11", deadline: "2027-03-01", daysLeft: 7, affected: [row(4)], affectedTotal: 1, affectedKinds: ["redis"], affectedScope: null };
    for (const view of [findings, reminder]) {
      const post = renderBroadcast(view);
      expect(cardProblems(post.card)).toEqual([]);
    }
    expect(renderBroadcast(findings).text).toContain("新たに対応が必要 2 件、対応済み 1 件");
    expect(renderBroadcast(reminder, "en").text).toContain("Reminder: Azure IoT Hub TLS 1.0/1.1 retirement, 7 days left");
  });

  describe("a post that shows only the first rows says so, and what to ask for the whole list, on every platform", () => {
    const reminder = (total: number, daysLeft: number): Extract<View, { type: "reminder" }> => ({
      type: "reminder", retirementId: "redis-tls10-11", deadline: "2027-03-01", daysLeft,
      affected: Array.from({ length: Math.min(total, 20) }, (_, i) => row(i)), affectedTotal: total, affectedKinds: ["redis", "postgresql"], affectedScope: null,
    });
    const lexicon = new Lexicon();
    const vocab = { resources: new Map(), subscriptions: new Map(), resourceGroups: new Set<string>() };
    const asked = (question: string) => parseQuestion(question, lexicon, vocab, new Date("2027-03-08T00:00:00Z"), "UTC").intent;

    it.each([
      ["a notice", notice(300), "Showing 20 of 300; ask “At-risk Redis caches” for the whole list.", "300 件中 20 件を表示しています。すべて見るには「対応が必要な Redis キャッシュ」と聞いてください。", ["at-risk", "overdue"]],
      ["a reminder before the deadline", reminder(57, 7), "Showing 20 of 57; ask “At-risk Redis caches and PostgreSQL flexible servers” for the whole list.", "57 件中 20 件を表示しています。すべて見るには「対応が必要な Redis キャッシュ、PostgreSQL フレキシブル サーバー」と聞いてください。", ["at-risk", "overdue"]],
      ["a reminder after the deadline", reminder(57, -7), "Showing 20 of 57; ask “Overdue or unknown Redis caches and PostgreSQL flexible servers” for the whole list.", "57 件中 20 件を表示しています。すべて見るには「期限切れまたは未確認の Redis キャッシュ、PostgreSQL フレキシブル サーバー」と聞いてください。", ["overdue", "unknown"]],
    ] as const)("%s", (_, view, en, ja, statuses) => {
      for (const [lang, note] of [["en", en], ["ja", ja]] as const) {
        const post = renderBroadcast(view, lang);
        // Teams (and the web chat, which shows the same Adaptive Card), Slack, and the text fallback.
        expect(JSON.stringify(post.card)).toContain(JSON.stringify(note).slice(1, -1));
        expect(JSON.stringify(post.slack.blocks)).toContain(JSON.stringify(note).slice(1, -1));
        expect(post.text).toContain(note);
        // The question asked back lists exactly what the post counted.
        const question = /[“「](.+)[”」]/.exec(note)![1]!;
        expect(asked(question)).toMatchObject({ type: "list", filter: { statuses } });
        const intent = asked(question);
        expect(intent.type === "list" ? [...(intent.filter.kinds ?? [])].sort() : null).toEqual(view.type === "noticeBroadcast" ? ["redis"] : ["postgresql", "redis"]);
      }
    });

    it("points a notice that came after its deadline to what it counted (at risk or overdue), not to the after-deadline reminders' list", () => {
      // A notice arriving late, or moving a deadline into the past: its rows are still those needing action, never the unknown ones.
      const late = { ...notice(300), daysLeft: -3 } as View;
      for (const lang of ["en", "ja"] as const) {
        const question = /(?:ask “|「)([^”」]+)(?:” for the whole list|」と聞いて)/.exec(renderBroadcast(late, lang).text)![1]!;
        expect(asked(question)).toMatchObject({ type: "list", filter: { statuses: ["at-risk", "overdue"] } });
      }
    });

    describe("in a conversation that follows part of the tenant, the question names that part and reads back as it", () => {
      const scopedVocab = {
        resources: new Map(), resourceGroups: new Set(["rg-commerce-prod"]),
        subscriptions: new Map([["prod-jp-east", "s1"], ["s1", "s1"], ["contoso production", "s2"], ["s2", "s2"]]),
      };
      const askedHere = (question: string) => parseQuestion(question, lexicon, scopedVocab, new Date("2027-03-08T00:00:00Z"), "UTC").intent;
      const scoped = (affectedScope: AffectedScope): View => ({ ...reminder(57, 7), affectedScope });
      it.each([
        ["two subscriptions, one named with a blank", scoped({ subscriptions: [{ id: "s2", name: "Contoso Production" }, { id: "s1", name: "prod-jp-east" }], resourceGroups: [] }),
          "Showing 20 of 57; ask “At-risk Redis caches and PostgreSQL flexible servers in Contoso Production, prod-jp-east” for the whole list.",
          "57 件中 20 件を表示しています。すべて見るには「Contoso Production, prod-jp-east の対応が必要な Redis キャッシュ、PostgreSQL フレキシブル サーバー」と聞いてください。",
          [{ subscriptionIds: ["s2", "s1"] }]],
        ["a resource group, as Azure spells it", scoped({ subscriptions: [], resourceGroups: ["RG-Commerce-Prod"] }),
          "Showing 20 of 57; ask “At-risk Redis caches and PostgreSQL flexible servers in RG-Commerce-Prod” for the whole list.",
          "57 件中 20 件を表示しています。すべて見るには「RG-Commerce-Prod の対応が必要な Redis キャッシュ、PostgreSQL フレキシブル サーバー」と聞いてください。",
          [{ resourceGroups: ["rg-commerce-prod"] }]],
        ["a subscription and a resource group: one question each, a list narrowing by one or the other", scoped({ subscriptions: [{ id: "s1", name: "prod-jp-east" }], resourceGroups: ["rg-commerce-prod"] }),
          "Showing 20 of 57; ask “At-risk Redis caches and PostgreSQL flexible servers in prod-jp-east” and “At-risk Redis caches and PostgreSQL flexible servers in rg-commerce-prod” for the whole list.",
          "57 件中 20 件を表示しています。すべて見るには「prod-jp-east の対応が必要な Redis キャッシュ、PostgreSQL フレキシブル サーバー」と「rg-commerce-prod の対応が必要な Redis キャッシュ、PostgreSQL フレキシブル サーバー」をそれぞれ聞いてください。",
          [{ subscriptionIds: ["s1"] }, { resourceGroups: ["rg-commerce-prod"] }]],
      ] as const)("%s", (_, view, en, ja, scopes) => {
        for (const [lang, note] of [["en", en], ["ja", ja]] as const) {
          const post = renderBroadcast(view, lang);
          expect(post.text).toContain(note);
          expect(JSON.stringify(post.slack.blocks)).toContain(JSON.stringify(note).slice(1, -1));
          const questions = [...note.matchAll(/[“「]([^”」]+)[”」]/g)].map((m) => m[1]!);
          expect(questions.map((q) => askedHere(q))).toEqual(scopes.map((scope) => ({ type: "list", offset: 0, filter: { kinds: ["redis", "postgresql"], statuses: ["at-risk", "overdue"], ...scope } })));
        }
      });
    });

    it("says nothing of the kind when every row is shown", () => {
      for (const view of [notice(20), reminder(20, 7)]) {
        expect(renderBroadcast(view, "en").text).not.toContain("Showing");
        expect(renderBroadcast(view, "ja").text).not.toContain("件中");
      }
    });
  });
});
