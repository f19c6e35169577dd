import { describe, expect, it } from "vitest";
import { noticeFromMail } from "../../src/notices/parse-notice.ts";
import type { DecodedMail } from "../../src/notices/mime/decode-mail.ts";

/**
 * Wordings not in the corpus, to check the rules generalise rather than memorise. The rules alone: the learned
 * wording model's second opinion can only send a notice to a person (tls-wording.test.ts, real-notices.test.ts).
 */
function pasted(subject: string, body: string, from: string | null = "azure-noreply@microsoft.com"): ReturnType<typeof noticeFromMail> {
  const mail: DecodedMail = { headers: new Map(), messageId: null, subject, from, fromName: null, date: "2024-06-01T00:00:00.000Z", body, pasted: false, warnings: [] };
  return noticeFromMail(mail, { wordingVote: false });
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
    // Positive framing, other verbs of ending, no date: the families issue 13 lists.
    ["Notice", "From 31 October 2024, Azure Example will require TLS 1.2 or later for all connections.", { isTls: true, deadline: "2024-10-31" }],
    ["Notice", "Azure Example uses TLS. Connections that use an older protocol version will be refused starting 1 March 2025.", { isTls: true, deadline: "2025-03-01" }],
    ["Notice", "We're turning off TLS 1.0 and 1.1 for Azure Example. We'll share the date in a later notice.", { isTls: true, deadline: null }],
    ["Notice", "Azure Example will keep accepting TLS 1.0 and 1.1 until further notice; plan your move to TLS 1.2.", { isTls: true, deadline: null }],
    ["お知らせ", "2025 年 8 月 31 日以降、Azure Example では TLS 1.2 以上が必須となります。", { isTls: true, deadline: "2025-08-31" }],
    ["お知らせ", "TLS 1.0/1.1 による接続は受け付けなくなります。時期は追ってお知らせします。", { isTls: true, deadline: null }],
    ["Action required: Azure Example will stop accepting TLS 1.0/1.1 on 31 March 2026", "Please see the portal for details.", { isTls: true, deadline: "2026-03-31" }],
    ["Tip", "You can enforce TLS 1.2 on your namespace from the portal at any time.", { isTls: false, deadline: null }],
    ["Notice", "Microsoft Azure is set to deprecate support for TLS versions 1.0 and 1.1 on 31st of October 2024.", { isTls: true, deadline: "2024-10-31" }],
    ["Notice", "Support for TLS 1.0 and 1.1 in Azure Example ends on the 1st of November, 2025.", { isTls: true, deadline: "2025-11-01" }],
    ["Update", "TLS 1.3 is now available on Azure Example from 1 May 2025.", { isTls: false, deadline: null }],
    ["Update", "Cipher suite TLS_RSA_WITH_3DES_EDE_CBC_SHA will be removed on 1 May 2025.", { isTls: false, deadline: "2025-05-01" }],
    ["Notice", "SMB 1.0 and older protocol versions will be refused from 1 May 2025.", { isTls: false, deadline: null }],
    // Batch 6's forms: a hyphenated "phase-out", a year as the point of a requirement, 「ことができます」 as an
    // option, SSL 3.0 alone is not legacy TLS.
    ["Question", "Where can we follow the second stage of the Azure Example TLS 1.0/1.1 phase-out?", { isTls: true, deadline: null }],
    ["Notice", "In 2027, TLS 1.2 becomes mandatory for every client of Azure Example.", { isTls: true, deadline: null }],
    ["お知らせ", "2027年には、Azure Example への接続で TLS 1.2 が必須になります。", { isTls: true, deadline: null }],
    ["Notice", "TLS 1.2 is required by Azure Example for all new integrations.", { isTls: false, deadline: null }],
    ["設定", "この設定を有効にすると、Azure Example の TLS 1.0 を無効にすることができます。", { isTls: false, deadline: null }],
    ["お知らせ", "2027年3月1日以降、SSL 3.0 での接続を停止します。TLS 1.0 以上をお使いください。", { isTls: false, deadline: null }],
    ["Notice", "SSL 3.0 will be disabled on 1 March 2027. Make sure TLS 1.0, 1.1 or 1.2 is turned on in your browser.", { isTls: false, deadline: "2027-03-01" }],
    ["Notice", "SSL 3.0 and TLS 1.0 will be disabled on 1 March 2027.", { isTls: true, deadline: "2027-03-01" }],
    // Batch 7's forms: Japanese "can no longer" (…することができなくなります, ご利用いただけなくなります) ends legacy TLS;
    // 「ご利用いただけません」 (cannot be used) is a state, a change only beside a point in time.
    ["お知らせ", "2027年4月1日以降、Azure Example は TLS 1.0 による接続を受け付けることができなくなります。", { isTls: true, deadline: "2027-04-01" }],
    ["お知らせ", "Azure Example は TLS 1.1 以前の端末からはご利用いただけなくなります。", { isTls: true, deadline: null }],
    ["お知らせ", "2027年4月1日以降、TLS 1.0 をお使いの端末からは Azure Example をご利用いただけません。", { isTls: true, deadline: "2027-04-01" }],
    ["ヘルプ", "TLS 1.0 しか使えない古いアプリからは Azure Example をご利用いただけません。", { isTls: false, deadline: null }],
    // The name spelled out between "TLS" and its version.
    ["Notice", "Azure Example will stop accepting TLS (Transport Layer Security) 1.1 on 30 April 2027.", { isTls: true, deadline: "2027-04-30" }],
    ["お知らせ", "2027年4月30日をもって、Azure Example は TLS(トランスポート層セキュリティ)1.0 のサポートを終了します。", { isTls: true, deadline: "2027-04-30" }],
    ["Notice", "From 30 April 2027, Azure Example requires TLS (Transport Layer Security) 1.2.", { isTls: true, deadline: "2027-04-30" }],
    // The versions plural after the spelled-out name, and the name spelled out before its abbreviation, in Japanese too.
    ["Notice", "On 30 April 2027, Azure Example will end support for TLS (Transport Layer Security) versions 1.0 and 1.1.", { isTls: true, deadline: "2027-04-30" }],
    ["Notice", "Starting 30 April 2027, Azure Example requires Transport Layer Security (TLS) 1.2 on every connection.", { isTls: true, deadline: "2027-04-30" }],
    ["お知らせ", "2027 年 4 月 30 日より、Azure Example への接続にはトランスポート層セキュリティ (TLS) 1.2 の使用が必須になります。", { isTls: true, deadline: "2027-04-30" }],
    ["お知らせ", "Azure Example はトランスポート層セキュリティ (TLS) 1.0 のサポートを 2027 年 4 月 30 日に終了します。", { isTls: true, deadline: "2027-04-30" }],
    // A line that ends on a comma runs on into the next line: the sentence's verb is there.
    ["お知らせ", "■ 変更内容\n2027年5月10日以降、TLS 1.1 以下の通信、及び、\n鍵長が 2048 bit 未満の暗号化方式を廃止いたします。", { isTls: true, deadline: "2027-05-10" }],
    ["Notice", "Azure Example connections over TLS 1.0 or TLS 1.1,\nand over weak cipher suites, will be rejected from 10 May 2027.", { isTls: true, deadline: "2027-05-10" }],
    ["Notice", "Supported protocols: TLS 1.0, TLS 1.1\nTLS 1.2 is required for the new portal from 10 May 2027.", { isTls: true, deadline: "2027-05-10" }],
    // A restriction in the future tense announces a change before its day is known; in the present it describes a setting.
    ["Notice", "Azure Example will only support TLS 1.2, second phase date to follow.", { isTls: true, deadline: null }],
    ["Notice", "Azure Example will reject TLS 1.0 and 1.1 handshakes in its next phase.", { isTls: true, deadline: null }],
    ["お知らせ", "Azure Example は TLS 1.2 のみをサポートするようになります。", { isTls: true, deadline: null }],
    ["Docs", "Azure Example only accepts TLS 1.2 connections.", { isTls: false, deadline: null }],
    // A TLS-version setting holding a legacy value names that version.
    ["Issue", "Our template leaves MinimumTlsVersion, which defaults to 1.0, and that value is being retired by Azure Example.", { isTls: true, deadline: null }],
    ["Issue", "Azure Example の minimalTlsVersion が 1.1 のままですが、この値は廃止されます。", { isTls: true, deadline: null }],
    ["Issue", "Our template leaves MinimumTlsVersion at its default of 1.0.", { isTls: false, deadline: null }],
    // "TLS protocol version 1.0"; 「サポートしなくなります」 (will stop supporting, active voice).
    ["Notice", "Azure Example will stop supporting TLS protocol version 1.0 on 1 June 2027.", { isTls: true, deadline: "2027-06-01" }],
    ["お知らせ", "2027年6月1日以降、Azure Example では TLS プロトコル バージョン 1.1 はサポートしなくなります。", { isTls: true, deadline: "2027-06-01" }],
    // The verb of ending is the reader's doing (a how-to, a case, an instruction): no announcement without a point in time.
    ["Guide", "Learn how to disable TLS 1.0 and 1.1 on Azure Example with the CLI.", { isTls: false, deadline: null }],
    ["Guide", "Backups of Azure Example may fail when disabling TLS 1.0 on the server.", { isTls: false, deadline: null }],
    ["Guide", "Disable TLS 1.1 in the gateway's protocol settings to enforce TLS 1.2.", { isTls: false, deadline: null }],
    ["ガイド", "Azure Example で TLS 1.0 を無効にする方法を説明します。", { isTls: false, deadline: null }],
    ["Notice", "Disable TLS 1.0 on your clients before 30 June 2027, when Azure Example stops accepting it.", { isTls: true, deadline: "2027-06-30" }],
    // Which values a setting takes is a configuration schema, not a retirement, unless a calendar day is given.
    ["Changelog", "The `min_tls` property no longer accepts `TLS1_0` or `TLS1_1` as a value in v6.0 of the Azure Example provider.", { isTls: false, deadline: null }],
    ["変更履歴", "Azure Example テンプレートの minTls は、設定値として TLS1_0 を受け付けなくなります。", { isTls: false, deadline: null }],
    ["Notice", "From 30 June 2027, Azure Example's minimum TLS setting no longer accepts TLS 1.0 as a value.", { isTls: true, deadline: "2027-06-30" }],
    // "Below TLS v1.2", 「TLS v1.2 未満」: the version's "v" changes nothing.
    ["Notice", "Support for any SSL/TLS versions below TLS v1.2 on Azure Example will be disabled June 4, 2027.", { isTls: true, deadline: "2027-06-04" }],
    ["お知らせ", "2027年6月4日以降、Azure Example では TLS v1.2 未満の通信を無効化します。", { isTls: true, deadline: "2027-06-04" }],
    // "Early TLS" (PCI's name for TLS 1.0 beside SSL, 「初期の TLS」) is legacy TLS; an early TLS 1.3 is not.
    ["Notice", "From 2 August 2027, Azure Example will stop accepting SSL and early TLS connections.", { isTls: true, deadline: "2027-08-02" }],
    ["Notice", "Early versions of TLS will be disabled on Azure Example on 2 August 2027.", { isTls: true, deadline: "2027-08-02" }],
    ["お知らせ", "2027年8月2日以降、Azure Example は SSL 及び初期の TLS による接続を停止します。", { isTls: true, deadline: "2027-08-02" }],
    ["お知らせ", "2027年8月2日以降、Azure Example は TLS の初期バージョンによる接続を受け付けなくなります。", { isTls: true, deadline: "2027-08-02" }],
    ["Notice", "Azure Example disabled its early TLS 1.3 draft endpoints on 2 August 2027.", { isTls: false, deadline: null }],
    // "The early TLS handshake" is a step of any version.
    ["Notice", "Starting 1 May 2027, Azure Example logs clients that fail the early TLS handshake.", { isTls: false, deadline: null }],
    ["お知らせ", "2027年5月1日より、Azure Example は初期の TLS ハンドシェイクに失敗したクライアントを記録します。", { isTls: false, deadline: null }],
    // "Decommission" ends something; "Transport Layer Security protocol (TLS) 1.1" names the version.
    ["Notice", "Azure Example will be decommissioning the Transport Layer Security protocol (TLS) 1.1 on 14 March 2027.", { isTls: true, deadline: "2027-03-14" }],
    ["Notice", "Azure Example will decommission TLS 1.0 and 1.1 on 14 March 2027.", { isTls: true, deadline: "2027-03-14" }],
    // TLS 1.0 named as where the service moves to, when SSL 3.0 is what goes, is no legacy TLS going away.
    ["Notice", "Beginning December 1, 2026, Azure Example will migrate to TLS 1.0 (Transport Layer Security) and will no longer support SSL 3.0.", { isTls: false, deadline: "2026-12-01" }],
    ["お知らせ", "2026年12月1日より、Azure Example は TLS 1.0 へ移行し、SSL 3.0 のサポートを終了します。", { isTls: false, deadline: "2026-12-01" }],
    ["Notice", "Beginning December 1, 2026, Azure Example will disable TLS 1.0 and migrate to TLS 1.2.", { isTls: true, deadline: "2026-12-01" }],
    // A restriction made for good ("permanently blocks", 「恒久的に遮断」) is a change in any tense; the bare present is a setting.
    ["Release note", "Azure Example now permanently blocks client connections that use TLS version 1.0 or 1.1.", { isTls: true, deadline: null }],
    ["Release note", "Azure Example rejects TLS 1.1 handshakes for good.", { isTls: true, deadline: null }],
    ["リリースノート", "Azure Example は TLS 1.1 以前の通信を恒久的に遮断するようにしました。", { isTls: true, deadline: null }],
    ["Docs", "Azure Example blocks client connections that use TLS 1.0 when the minimum version is 1.2.", { isTls: false, deadline: null }],
    // When the support ends, said between the support and its end (「サポートが近日中に終了し」), still ends it; 「1.2 以降」
    // after a version is "or later", no point in time: 「TLS 1.2 以降のみがサポートされます」 alone describes a setting.
    ["お知らせ", "Azure Example の一部 API では、TLS 1.0 と 1.1 のサポートが近日中に終了し、TLS 1.2 以降のみがサポートされます。", { isTls: true, deadline: null }],
    ["Notice", "Support for TLS 1.0 and 1.1 in some Azure Example APIs ends soon; only TLS 1.2 and later will be supported.", { isTls: true, deadline: null }],
    ["ヘルプ", "Azure Example では TLS 1.2 以降のみがサポートされます。", { isTls: false, deadline: null }],
    ["ヘルプ", "Azure Example では TLS 1.2 以降のみをサポートします。", { isTls: false, deadline: null }],
    // A list item naming legacy TLS undergoes what its lead-in (a line ending in a colon) says; a lead-in that only
    // judges the items ("are considered deprecated", 「とみなされます」) changes nothing.
    ["Notice", "On 8 March 2027 we will start turning off the following on Azure Example:\n* TLS 1.0 and TLS 1.1: all HTTPS endpoints\n* weak Diffie-Hellman groups: SSH", { isTls: true, deadline: "2027-03-08" }],
    ["お知らせ", "2027年3月8日より、Azure Example で以下の受け付けを停止します：\n・TLS 1.0 / TLS 1.1(すべての HTTPS 接続)\n・弱い暗号スイート", { isTls: true, deadline: "2027-03-08" }],
    ["Docs", "The following protocols are considered weak or deprecated:\n  • TLS 1.0\n  • TLS 1.1", { isTls: false, deadline: null }],
    ["ドキュメント", "以下のプロトコルは非推奨とみなされます：\n・TLS 1.0\n・TLS 1.1", { isTls: false, deadline: null }],
    // 「…の場合は、」 after a noun says which resources ("for system topics,"), not a case; after the reader's use it is one.
    ["お知らせ", "Azure Example のシステム トピックの場合は、2027年5月1日以降、TLS 1.0 と 1.1 による配信を停止します。", { isTls: true, deadline: "2027-05-01" }],
    ["Notice", "For system topics, Azure Example will no longer deliver events over TLS 1.0 and 1.1 after 1 May 2027.", { isTls: true, deadline: "2027-05-01" }],
    ["ヘルプ", "TLS 1.0 をご利用の場合は、TLS 1.0 の停止をご検討ください。", { isTls: false, deadline: null }],
    ["ヘルプ", "古い端末で TLS 1.0 を使用する場合は、接続が拒否されます。", { isTls: false, deadline: null }],
    // A step of the reader's, "before disabling" in Japanese too, announces nothing without a point in time.
    ["ドキュメント", "Azure Example のサーバーで古いプロトコルを無効にする前に、すべてのクライアントが TLS 1.2 に対応していることを確認します。", { isTls: false, deadline: null }],
    ["Docs", "Before disabling TLS 1.0 and 1.1 on your Azure Example servers, make sure every client supports TLS 1.2.", { isTls: false, deadline: null }],
    ["お知らせ", "Azure Example は 2027年5月1日に TLS 1.0 を無効化します。無効化する前に、クライアントが TLS 1.2 に対応していることをご確認ください。", { isTls: true, deadline: "2027-05-01" }],
    // What cannot be done, and the act named as a subject ("Disabling TLS 1.0 is …"), announce no change without a point in time.
    ["Feedback", "With Azure Example, TLS 1.0 and 1.1 cannot be disabled.\nAnd disabling TLS 1.0 and 1.1 is a PCI requirement.", { isTls: false, deadline: null }],
    // Beside the notice's own day, what some customers cannot do is their problem, not the change's condition.
    ["Notice", "Azure Example will stop accepting TLS 1.0 and 1.1 on 1 May 2027, and customers who cannot remove their dependency should contact support.", { isTls: true, deadline: "2027-05-01" }],
    ["お知らせ", "2027年5月1日に Azure Example は TLS 1.0 を廃止しますので、TLS 1.0 を無効化できない場合はサポートにご連絡ください。", { isTls: true, deadline: "2027-05-01" }],
    ["フィードバック", "Azure Example では TLS 1.0 と 1.1 を無効にできません。\nTLS 1.0 と 1.1 を無効化することは PCI DSS の要件です。", { isTls: false, deadline: null }],
    ["Notice", "TLS 1.0 can no longer be used with Azure Example.", { isTls: true, deadline: null }],
    ["Notice", "Disabling TLS 1.0 and 1.1 on Azure Example starts on 1 May 2027.", { isTls: true, deadline: "2027-05-01" }],
    // A month or day without its year as the point from which ("since June 17th", 「6月17日から」) dates a requirement as "from June" does.
    ["Issue", "Since June 17th, TLS 1.2 is enforced on Azure Example and our old client cannot connect.", { isTls: true, deadline: null }],
    ["問い合わせ", "6月17日から、Azure Example では TLS 1.2 が必須になっています。", { isTls: true, deadline: null }],
    ["Docs", "Azure Example has supported TLS 1.2 since June.", { isTls: false, deadline: null }],
    ["ヘルプ", "Azure Example では TLS 1.2 が必須です。", { isTls: false, deadline: null }],
    // A product's version as the point from which TLS 1.2 is required ("from version 4.2.0", 「バージョン 4.2.0 以降では」): a
    // change with no day; TLS 1.2 itself as what is needed (「TLS 1.2 が必要です」) requires it as "is required" does.
    ["Release notes", "From version 4.2.0, the Azure Example agent requires TLS 1.2.", { isTls: true, deadline: null }],
    ["リリース ノート", "Azure Example エージェントのバージョン 4.2.0 以降では TLS 1.2 が必要です。", { isTls: true, deadline: null }],
    ["Docs", "The Azure Example agent supports TLS 1.2 from version 4.2.0.", { isTls: false, deadline: null }],
    ["ヘルプ", "Azure Example では TLS バージョン 1.2 以降が必要です。", { isTls: false, deadline: null }],
    ["ヘルプ", "Azure Example を使うには TLS 1.2 を有効にする必要があります。", { isTls: false, deadline: null }],
    ["Docs", "Move the Azure Example agent from version 1.0 to 1.2; TLS 1.2 is required.", { isTls: false, deadline: null }],
    // Every TLS version from 1.0 up, as alternatives or as a floor ("TLS 1.0, 1.1 or 1.2", 「TLS 1.0 以上」), is TLS as such set
    // against SSL 3.0, also beside TLS 1.2 named in the same sentence; a floor above 1.0 still retires 1.0.
    ["Notice", "SSL 3.0 ends on 1 March 2027: sites that support only SSL 3.0 and not TLS 1.0, 1.1 or 1.2 can no longer be reached from Azure Example.", { isTls: false, deadline: null }],
    ["お知らせ", "2027年3月1日に Azure Example の SSL 3.0 を無効化します。SSL 3.0 のみに対応し、TLS 1.0、TLS 1.1 または TLS 1.2 に対応していないサイトには接続できなくなります。", { isTls: false, deadline: "2027-03-01" }],
    ["Notice", "Azure Example will stop accepting SSL 3.0 on 1 March 2027 and will accept TLS 1.0 or higher.", { isTls: false, deadline: "2027-03-01" }],
    ["お知らせ", "2027年3月1日をもって Azure Example は SSL 3.0 の受け付けを停止し、TLS 1.0 以上のみ受け付けます。", { isTls: false, deadline: "2027-03-01" }],
    ["Notice", "TLS 1.0 will be disabled on Azure Example on 1 March 2027; clients must support TLS 1.1 or 1.2.", { isTls: true, deadline: "2027-03-01" }],
    ["お知らせ", "2027年3月1日以降、Azure Example は TLS 1.0 を無効化し、TLS 1.1 または TLS 1.2 のみ受け付けます。", { isTls: true, deadline: "2027-03-01" }],
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

  describe("Tracking IDs: taken where the text marks them as an ID, never an arbitrary token of that shape", () => {
    const marked: Array<[string, string, string]> = [
      ["label with parentheses", "Action required: TLS 1.0 and 1.1 retire (Tracking ID (VT2X-Q8Z)) on 31 August 2025.", "VT2X-Q8Z"],
      ["label in bold", "**Tracking ID:** **7_8G-D8Z**\nTLS 1.0 and 1.1 retire on 31 August 2025.", "7_8G-D8Z"],
      ["heading", "# Azure Cache for Redis: TLS 1.0/1.1 retirement – QK3T-9R8\nSupport ends on 1 March 2025.", "QK3T-9R8"],
      ["code span", "Reference `TT8T-TR0`: ingestion over TLS 1.0/1.1 stops on May 1, 2025.", "TT8T-TR0"],
      ["Japanese sentence naming it the notice's ID", "本通知の ID は W4X2-8PZ です。2025 年 8 月 31 日に TLS 1.0/1.1 を廃止します。", "W4X2-8PZ"],
      ["advisory wording", "セキュリティ アドバイザリ K9LM-2Q7 の補足です。", "K9LM-2Q7"],
      ["a key in an alert's JSON payload", '"incidentType": "ActionRequired",\n"trackingId": "QW3E-R7T",\n"title": "TLS 1.0 and 1.1 retire on 31 August 2025"', "QW3E-R7T"],
      ["a snake_case key", "tracking_id=ZX9C-V2B retirement of TLS 1.0 on 31 August 2025", "ZX9C-V2B"],
      // Pasted on a line of its own above the notice it names.
      ["a line of its own", "We received this notice:\n\nK7QW-2M9\n> Azure Example retires TLS 1.0 and 1.1 on 31 August 2025.", "K7QW-2M9"],
      ["a line of its own, in Japanese", "次の通知が届きました。\n\nK7QW-2M9\n> 2025 年 8 月 31 日に Azure Example の TLS 1.0/1.1 を廃止します。", "K7QW-2M9"],
      ["a Service Health event resource read through the REST API", '{ "id": "/providers/Microsoft.ResourceHealth/events/HG7K-2PX", "name": "HG7K-2PX",\n"title": "TLS 1.0 and 1.1 retire on 31 August 2025" }', "HG7K-2PX"],
    ];
    for (const [name, body, id] of marked) {
      it(name, () => expect(pasted("Notice", body).trackingId).toBe(id));
    }
    const unmarked: Array<[string, string]> = [
      ["a token of the shape in running text", "Order AB12-C3D shipped; TLS 1.0 and 1.1 retire on 31 August 2025."],
      ["cipher and hash names", "Only TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384 and SHA-256 certificates, AES-128 and RSA-2048 keys remain."],
      ["a word and a number in a heading", "# HTTP-200 and KB-4019276\nTLS 1.0 is disabled from 1 March 2025."],
      ["charset names", "Content-Type: text/plain; charset=ISO-2022-JP"],
      ["a word and a number alone on a line", "Status\nHTTP-200\nTLS 1.0 is disabled from 1 March 2025."],
      ["another provider's resource of that shape", '{ "id": "/providers/Microsoft.Example/events/HG7K-2PX", "title": "TLS 1.0 and 1.1 retire on 31 August 2025" }'],
    ];
    for (const [name, body] of unmarked) {
      it(`not ${name}`, () => expect(pasted("Notice", body).trackingId).toBeNull());
    }
  });

  it("a short name that is also a common noun names the service only as a capitalised subject", () => {
    expect(pasted("Notice", "Storage is retiring TLS 1.0 and 1.1 on 1 November 2025.").services).toEqual(["storage-tls10-11"]);
    expect(pasted("Notice", "Storage will stop accepting TLS 1.0 and 1.1 on 1 November 2025.").services).toEqual(["storage-tls10-11"]);
    expect(pasted("Notice", "Your archive storage is retiring on 1 March 2025.").services).toEqual([]);
    expect(pasted("Notice", "We keep logs in storage. Storage of your data is unchanged.").services).toEqual([]);
  });

  it("a short name that is also a common noun names the service when listed beside another service's name", () => {
    expect(pasted("Request", "Storage and App Service should set TLS 1.2 as their minimum version.").services).toEqual(expect.arrayContaining(["storage-tls10-11", "appservice-tls10-11"]));
    expect(pasted("Request", "Key Vault, Storage and Service Bus accept TLS 1.0 today.").services).toContain("storage-tls10-11");
    expect(pasted("要望", "App Service や Storage でも最小 TLS バージョンを 1.2 にしてください。").services).toContain("storage-tls10-11");
    // Beside a word that names no service, it is the common noun.
    expect(pasted("Notice", "Storage and compute costs are unchanged; TLS 1.0 ends on 1 May 2027 for Azure Example.").services).toEqual([]);
  });

  it("a database engine named bare in a notice about Azure names Azure's managed service for it, never another product's", () => {
    const mine = pasted("Question", "Our MySQL database drops connections. We host everything on Azure, which stops accepting TLS 1.1 soon.");
    expect(mine.namedResourceTypes).toEqual(expect.arrayContaining(["Microsoft.DBforMySQL/flexibleServers", "Microsoft.DBforMySQL/servers"]));
    expect(pasted("Question", "Our MySQL database drops connections over TLS 1.1 on our own servers.").namedResourceTypes).toEqual([]);
    expect(pasted("Notice", "Azure Cosmos DB for PostgreSQL will require TLS 1.2 from 1 March 2027.").namedResourceTypes).not.toContain("Microsoft.DBforPostgreSQL/servers");
  });

  describe("tables: a row is read with its column headers and the heading above its table", () => {
    const table = (header: string, rows: string[]) => [`| Service name | ${header} |`, "|:--- |:--- |", ...rows.map((r) => `| ${r} |`)].join("\n");
    it("a 'Retiring feature' column ends the TLS support a row names; the section heading dates it", () => {
      const n = pasted("Retirements", `##### February 28, 2025\n\n${table("Retiring feature", ["Service Bus | Support for TLS 1.0", "Relay | Support for TLS 1.1"])}`);
      expect(n).toMatchObject({ isTls: true, deadline: "2025-02-28" });
      expect(n.fieldConfidence.deadline).toBeGreaterThanOrEqual(0.5);
    });
    it("the same in Japanese, quoted with >", () => {
      const n = pasted("廃止予定", `### 2025 年 8 月 31 日\n\n> | サービス | 廃止される機能 |\n> |:--- |:--- |\n> | Azure Cosmos DB | TLS 1.0 と 1.1 のサポート |`);
      expect(n).toMatchObject({ isTls: true, deadline: "2025-08-31" });
    });
    it("a cell stacked over several lines (HTML line breaks) names its row's service on its first line", () => {
      const rows = ["| Product<br />└ What ends | When |", "|:--- |:--- |", "| Batch<br />├ TLS 1.0 on its endpoints<br />└ TLS 1.1 on its endpoints | June 30, 2027 |", "| Relay<br />└ TLS 1.1 | June 30, 2027 |"];
      const html = pasted("Retirements", rows.join("\n"));
      expect(html.namedResourceTypes).toEqual(expect.arrayContaining(["Microsoft.Batch/batchAccounts", "Microsoft.Relay/namespaces"]));
      // The same table read from a mail whose line breaks became line ends: each row runs over several lines.
      const text = pasted("Retirements", rows.map((r) => r.replace(/<br \/>/g, "\n")).join("\n"));
      expect(text.namedResourceTypes).toEqual(expect.arrayContaining(["Microsoft.Batch/batchAccounts", "Microsoft.Relay/namespaces"]));
      // A detail line is not a service: "Relay" below another service's name names nothing.
      const detail = pasted("Retirements", ["| Product | When |", "|:--- |:--- |", "| Azure Example\n└ Relay | June 30, 2027 |"].join("\n"));
      expect(detail.namedResourceTypes).not.toContain("Microsoft.Relay/namespaces");
    });
    it("the same in Japanese: a service column whose cells run over several lines", () => {
      const n = pasted("廃止予定", ["| サービス名\n└ 廃止される機能 | 廃止日 |", "|:--- |:--- |", "| Batch\n└ TLS 1.0 と 1.1 のサポート | 2027 年 6 月 30 日 |"].join("\n"));
      expect(n.namedResourceTypes).toContain("Microsoft.Batch/batchAccounts");
    });
    it("a table written without its outer pipes is read the same, once its separator row shows it is a table", () => {
      const en = pasted("Retirements", "Planned changes for Azure Example:\n\nEnd date | Retiring feature\n-|-\nJune 30, 2027 | TLS 1.0 and 1.1 on the data plane\nJuly 31, 2027 | Classic portal");
      expect(en).toMatchObject({ isTls: true, deadline: "2027-06-30" });
      const ja = pasted("廃止予定", "Azure Example の変更予定:\n\n廃止日 | 廃止される機能\n--- | ---\n2027年6月30日 | データ プレーンの TLS 1.0/1.1\n2027年7月31日 | 旧ポータル");
      expect(ja).toMatchObject({ isTls: true, deadline: "2027-06-30" });
      // Lines that only hold a pipe, with no separator row under a header, are no table.
      const prose = pasted("Inventory", "Planned changes | Retiring feature\nJune 30, 2027 | TLS 1.0 and 1.1 on the data plane");
      expect(prose.isTls).toBe(false);
    });
    it("a table of settings (no verb in its headers) announces nothing", () => {
      const n = pasted("Inventory", `##### March 1, 2025\n\n${table("Minimum TLS version", ["Storage | TLS 1.0", "Service Bus | TLS 1.1"])}`);
      expect(n.isTls).toBe(false);
    });
    it("TLS retirements under two different date headings leave the deadline to a person", () => {
      const n = pasted("Retirements", [
        "##### March 1, 2025", "", table("Retiring feature", ["Front Door WAF policy | Support for TLS 1.0 and 1.1"]), "",
        "##### March 31, 2025", "", table("Retiring feature", ["Automation account | Support for TLS 1.0 and 1.1"]),
      ].join("\n"));
      expect(n.isTls).toBe(true);
      expect(n.fieldConfidence.deadline).toBeLessThan(0.5);
    });
  });
});
