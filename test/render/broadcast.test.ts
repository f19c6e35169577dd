import { describe, expect, it } from "vitest";
import { MAX_CARD_BYTES } from "../../src/render/adaptive/render-adaptive-card.ts";
import { languagesOf, renderBroadcast } from "../../src/render/broadcast.ts";
import { SLACK_LIMITS } from "../../src/render/slack/render-block-kit.ts";
import type { ResourceRow, View } from "../../src/render/view-model.ts";
import { cardProblems } from "./validate-card.ts";

const row = (i: number): ResourceRow => ({
  id: `/subscriptions/s/resourceGroups/rg/providers/Microsoft.Cache/Redis/redis-${i}`, name: `redis-${i}`, kind: "redis", type: "Microsoft.Cache/Redis",
  subscriptionId: "s", subscriptionName: "prod-jp-east", resourceGroup: "rg-commerce-prod", location: "japaneast", effectiveTls: "1.0", configuredTls: null,
  status: "at-risk", deadline: "2027-03-01", daysLeft: 95, reason: "redisDefaultBefore2020",
});

const notice = (affected: number): View => ({
  type: "noticeBroadcast", retirementId: "redis-tls10-11", change: "postponed", deadline: "2027-03-01", previousDeadline: "2025-03-01", daysLeft: 95,
  trackingId: "SV4K-R7Q", subject: "Action required", evidence: "On 1 March 2027, we'll retire support for TLS 1.0 and 1.1",
  affected: Array.from({ length: Math.min(affected, 20) }, (_, i) => row(i)), affectedTotal: affected,
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
    const findings: View = { type: "findingsBroadcast", added: [row(1), row(2)], fixed: [{ ...row(3), status: "compliant", effectiveTls: "1.2" }], addedTotal: 2, fixedTotal: 1 };
    const reminder: View = { type: "reminder", retirementId: "iothub-tls10-11", deadline: "2027-03-01", daysLeft: 7, affected: [row(4)], affectedTotal: 1 };
    for (const view of [findings, reminder]) {
      const post = renderBroadcast(view);
      expect(cardProblems(post.card)).toEqual([]);
    }
    expect(renderBroadcast(findings).text).toContain("新たに対応が必要 2 件、対応済み 1 件");
    expect(renderBroadcast(reminder, "en").text).toContain("Reminder: Azure IoT Hub TLS 1.0/1.1 retirement, 7 days left");
  });
});
