import { describe, expect, it } from "vitest";
import { findNoticeRequest } from "../../src/conversation/find-notice-request.ts";

describe("a notice is named by a number of its own", () => {
  it.each([
    "approve mail01-prod",
    "check mail01",
    "mail01?",
    "show notice2-api",
    "confirm email 3-b is upgraded",
  ])("'%s' names a resource, not a notice", (text) => {
    expect(findNoticeRequest(text)?.noticeId ?? null).toBeNull();
  });

  it.each([
    ["accept notice 12", 12],
    ["accept notice #12.", 12],
    ["approve notice no. 7", 7],
  ] as const)("'%s' still names notice %i", (text, id) => {
    expect(findNoticeRequest(text)).toMatchObject({ type: "noticeDecision", noticeId: id });
  });
});
