import { describe, expect, it } from "vitest";
import { findNoticeRequest } from "../../src/conversation/find-notice-request.ts";

describe("what a message about held notices looks like", () => {
  it.each([
    "approve mail01-prod",
    "check mail01",
    "mail01?",
    "show notice2-api",
    "confirm email 3-b is upgraded",
    "confirm the advisory 2 weeks ago was about redis",
    "apply the notice 30 days before the deadline?",
  ])("'%s' names no notice", (text) => {
    expect(findNoticeRequest(text)?.noticeId ?? null).toBeNull();
  });

  it.each([
    ["accept notice 12", 12],
    ["accept notice #12.", 12],
    ["approve notice no. 7", 7],
  ] as const)("'%s' still names notice %i", (text, id) => {
    expect(findNoticeRequest(text)).toMatchObject({ type: "noticeDecision", noticeId: id });
  });

  it.each([
    "is mail-server-01 pending an upgrade?",
    "which notice-api resources are waiting for an upgrade",
    "show pending mail-relay resources",
    "which mail servers are waiting for review",
    "are the email gateways pending an upgrade?",
    "show pending mail servers",
    "確認待ちのメールサーバーは？",
    "メールサーバーで保留中のものは？",
    "確認待ちのメール サーバーは？",
    // Notification Hubs, as the catalog's Japanese calls it.
    "保留中の通知ハブは？",
    "保留されている通知ハブは？",
    "確認待ちの通知ハブ",
    "is the mail queue pending?",
  ])("'%s' asks about resources, not the held notices", (text) => {
    expect(findNoticeRequest(text)).toBeNull();
  });

  it.each([
    ["accept notice 12 deadline 31/03/2025", "31/03/2025"],
    ["approve notice 12 by march 31, 2025", "march 31, 2025"],
    ["accept notice 12 deadline 20250331", "20250331"],
    ["お知らせ 12 を承認 期限 3月31日", "3月31日"],
  ] as const)("'%s' carries the day as typed, for the engine to refuse", (text, day) => {
    expect(findNoticeRequest(text)).toMatchObject({ type: "noticeDecision", noticeId: 12, deadline: day });
  });

  it.each(["which notices need review?", "any pending notices?", "show held mails", "which mails are waiting for review", "pending notices from service health?", "確認待ちのメールは？", "保留中のお知らせ", "show the notice queue", "what's in the notice queue?", "確認待ちのお知らせキュー", "保留されているお知らせは？", "確認が必要な通知はある？"])("'%s' still asks for the held notices", (text) => {
    expect(findNoticeRequest(text)).toEqual({ type: "notices", noticeId: null });
  });
});
