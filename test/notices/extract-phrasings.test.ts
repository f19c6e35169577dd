import { describe, expect, it } from "vitest";
import { noticeFromMail } from "../../src/notices/parse-notice.ts";
import type { DecodedMail } from "../../src/notices/mime/decode-mail.ts";

/** Wordings not in the corpus, to check the rules generalise rather than memorise. */
function pasted(subject: string, body: string, from: string | null = "azure-noreply@microsoft.com"): ReturnType<typeof noticeFromMail> {
  const mail: DecodedMail = { headers: new Map(), messageId: null, subject, from, fromName: null, date: "2024-06-01T00:00:00.000Z", body, pasted: false, warnings: [] };
  return noticeFromMail(mail);
}

describe("notice extraction on unseen phrasings", () => {
  const cases: Array<[string, string, { isTls: boolean; deadline: string | null }]> = [
    ["Azure Database for MySQL", "Microsoft will discontinue support for TLS 1.0 and TLS 1.1 in Azure Database for MySQL on July 31, 2025.", { isTls: true, deadline: "2025-07-31" }],
    ["Notice", "Beginning 2025-08-31, Azure SQL Database will no longer accept connections using TLS 1.1 or earlier.", { isTls: true, deadline: "2025-08-31" }],
    ["Notice", "TLS 1.0/1.1 for Event Hubs is being retired. Please migrate no later than Oct 20th, 2025.", { isTls: true, deadline: "2025-10-20" }],
    ["Notice", "Legacy TLS versions will be sunset for Azure Service Bus as of 28 Feb 2025.", { isTls: true, deadline: "2025-02-28" }],
    ["お知らせ", "2025年8月31日(日)以降、TLS 1.0/1.1 での接続はできなくなります。", { isTls: true, deadline: "2025-08-31" }],
    ["お知らせ", "Azure Cosmos DB における TLS 1.0 および 1.1 のサポートは 2025 年 8 月 31 日に終了いたします。", { isTls: true, deadline: "2025-08-31" }],
    ["お知らせ", "令和7年3月1日 をもって、TLS 1.0 と 1.1 の受け付けを停止します。", { isTls: true, deadline: "2025-03-01" }],
    ["Maintenance", "Planned maintenance for Azure SQL Database in West Europe on 12 June 2024 between 01:00 and 05:00 UTC.", { isTls: false, deadline: null }],
    ["Security update", "We added support for TLS 1.3 to Azure Front Door. Nothing changes for TLS 1.2 clients.", { isTls: false, deadline: null }],
  ];
  for (const [subject, body, want] of cases) {
    it(body.slice(0, 60), () => {
      const n = pasted(subject, body);
      expect({ isTls: n.isTls, deadline: n.deadline }).toEqual(want);
    });
  }

  it("finds subscription ids next to the word and inside resource ids, and unwraps SafeLinks", () => {
    const n = pasted("Notice", "Subscription ID: 0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9\nSee https://eur01.safelinks.protection.outlook.com/?url=https%3A%2F%2Flearn.microsoft.com%2Fazure%2Fredis&data=x for details. Build 12345678-1234-1234-1234-123456789012.");
    expect(n.subscriptionIds).toEqual(["0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9"]);
    expect(n.links).toContain("https://learn.microsoft.com/azure/redis");
  });
});
