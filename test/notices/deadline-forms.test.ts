import { describe, expect, it } from "vitest";
import { RETIREMENTS } from "../../src/catalog/lookup.ts";
import { CONFIDENCE_THRESHOLD, planRetirement } from "../../src/notices/apply/plan-retirement.ts";
import { pickDeadline } from "../../src/notices/extract/pick-deadline.ts";
import type { DecodedMail } from "../../src/notices/mime/decode-mail.ts";
import { noticeFromMail } from "../../src/notices/parse-notice.ts";

/**
 * Deadlines written in the many ways notices write them, and the cases where the reader must not pick one.
 * Every wording here is written for the test (none is copied from the real-notice fixtures).
 */
function mail(subject: string, body: string, date = "2024-06-05T00:00:00.000Z"): ReturnType<typeof noticeFromMail> {
  const headers = new Map([["authentication-results", ["mx.contoso.co.jp; dkim=pass header.d=microsoft.com"]]]);
  const m: DecodedMail = { headers, messageId: null, subject, from: "azure-noreply@microsoft.com", fromName: null, date, body, pasted: false, warnings: [] };
  // The rules alone: the wording model's second opinion only ever sends a notice to a person (tls-wording.test.ts).
  return noticeFromMail(m, { wordingVote: false });
}
const plan = (n: ReturnType<typeof noticeFromMail>) => planRetirement(n, "notice:1", [], RETIREMENTS, "2024-07-01T00:00:00Z");

describe("deadline forms", () => {
  const cases: Array<[string, string | null]> = [
    ["Support for TLS 1.0 and 1.1 on Azure Example will be removed in 2 December 2026.", "2026-12-02"],
    ["On and after 15 January 2027, Azure Example rejects TLS 1.1 handshakes.", "2027-01-15"],
    ["Commencing March 3, 2027, Azure Example will only accept TLS 1.2 or later.", "2027-03-03"],
    ["TLS 1.0 will be disabled for Azure Example effective 2027-04-30.", "2027-04-30"],
    ["Azure Example は「2027年5月31日」で TLS 1.0/1.1 のサポートを終了します。", "2027-05-31"],
    ["2027 年 6 月 30 日より、Azure Example は TLS 1.1 以前の接続を受け付けなくなります。", "2027-06-30"],
    ["Azure Example stops accepting TLS 1.0 and 1.1 on 31-Mar-2027.", "2027-03-31"],
    ["Azure Example will no longer support TLS 1.1 from 01.04.2027.", "2027-04-01"],
    // The verb comes last in Japanese: the date of an earlier announcement is not the deadline.
    ["2024年6月5日に公開したお知らせのとおり、Azure Example の TLS 1.0/1.1 は廃止されます。2026年9月30日までに TLS 1.2 へ移行してください。", "2026-09-30"],
    // A month that wins is made precise by a day of that month the notice also gives.
    ["The end of TLS 1.0/1.1 was postponed until September 2026. Azure Example stops accepting TLS 1.1 by the 30. September 2026.", "2026-09-30"],
    // A month says when something began; a later day with ending wording is the schedule's last, precise step.
    ["Azure Example ended support for TLS 1.0 and 1.1 in October 2026. TLS 1.0 and 1.1 will be fully disabled on 31 March 2027.", "2027-03-31"],
    ["Azure Example は 2026 年 10 月に TLS 1.0/1.1 のサポートを終了しています。2027年3月31日に古い TLS バージョンが完全に無効になる予定です。", "2027-03-31"],
    // A day without its year that the notice points at leaves no day to track …
    ["Azure Example disabled TLS 1.0 on the 2nd of March 2027 for an hour.\nThe grace period ends on the 16th of March.\nLegacy TLS requests will be rejected after the 16th of March.\nMarch 16: permanent shutdown of TLS 1.0.", null],
    // … unless the notice writes that day in full elsewhere.
    ["Legacy TLS requests will be rejected after the 16th of March. Plan for 16 March 2027, when Azure Example stops accepting TLS 1.1.", "2027-03-16"],
    ["Azure Example will not support TLS versions < 1.2 after 30 June 2027.", "2027-06-30"],
    // The year named before it is given: "of next year, 2027", "of this year, 2027", "of 2027".
    ["Support for TLS 1.0 on Azure Example will end on March 31st of next year, 2027.", "2027-03-31"],
    ["Azure Example stops accepting TLS 1.1 after June 30th of 2027.", "2027-06-30"],
    ["Azure Example will disable TLS 1.0 and 1.1 on May 3rd of this year, 2027.", "2027-05-03"],
    // 「の」 between the year and its month is the same day, and the same month.
    ["Azure Example は 2027年の4月15日をもって TLS 1.1 以前の接続を受け付けなくなります。", "2027-04-15"],
    ["Azure Example の TLS 1.0 のサポートは 2027年の4月 に終了します。", null],
    // A day the notice says was pushed out holds no more, wherever else it is written; with no new day, none.
    ["The date of 30 April 2027 has been pushed out.\n> TLS 1.0 and 1.1 on Azure Example will be deprecated starting on 30 April 2027.", null],
    ["Azure Example の TLS 1.0/1.1 の廃止は、2027 年 4 月 30 日から 2027 年 10 月 31 日まで延期されました。", "2027-10-31"],
    // The day a schedule was moved to.
    ["TLS 1.0 and 1.1 were to be retired from 30 April 2027, but Azure Example has extended the support until 31 October 2027.", "2027-10-31"],
    // A day that picks out resources ("regions added after …", 「…以降に作成された」) is no point in time for the change.
    ["Azure Example stopped accepting TLS 1.0 and 1.1 on March 3, 2027. Azure Example clusters created after January 10, 2027, accept only TLS 1.2.", "2027-03-03"],
    ["Azure Example は 2027年3月3日に TLS 1.0 と 1.1 のサポートを終了しました。2027年1月10日以降に作成されたクラスターは TLS 1.2 のみをサポートします。", "2027-03-03"],
    // What is already so, told before the change the notice brings, is background: the change's own day is the deadline.
    ["2027年1月6日以降、Azure Example のポータルでは TLS 1.0 を無効化しておりますが、この度、API についても TLS 1.0 と 1.1 を無効化いたします。\n■変更日時\n2027年5月29日(土) 10:00", "2027-05-29"],
    ["Since January 6, 2027, the Azure Example portal has accepted only TLS 1.2, and now the API will stop accepting TLS 1.0 and 1.1 as well.\nChange date: May 29, 2027", "2027-05-29"],
    // Without a change set against it, what already happened on a day keeps that day.
    ["Azure Example は 2027年3月3日に TLS 1.0 と 1.1 を無効化しましたが、接続の問題は報告されていません。", "2027-03-03"],
    // The maintenance that carries the change out dates it, under its heading, also when the day is a list item.
    ["Azure Example の TLS 1.0/1.1 を無効化いたします。\n\nメンテナンス日時\n\n  • 2027年2月19日(金) 15:00~16:00\n\n対象\nすべての API", "2027-02-19"],
    ["Azure Example will turn off TLS 1.0 and 1.1.\n\nMaintenance window:\n- March 4, 2027, 01:00-03:00 UTC", "2027-03-04"],
    // A headline opening on a bracketed date gives the day the post went out, not the change's.
    ["[2027年2月9日] Azure Example TLS 1.0/1.1 無効化のお知らせ\n\nAzure Example では TLS 1.0/1.1 を無効化いたします。\n\n■実施日時\n2027年3月15日(月) 10:00", "2027-03-15"],
    ["[February 9, 2027] Azure Example retires TLS 1.0 and 1.1\n\nAzure Example will disable TLS 1.0 and 1.1.\nChange date: March 15, 2027", "2027-03-15"],
    // A month given only as an estimate, its exact timing to come, outweighs no day the notice does give.
    ["Azure Example の TLS 1.0/1.1 は段階的に無効化する予定です。詳細な時期は今後ご案内いたしますが、2027年6月上旬を想定しています。まずは検証環境の TLS 1.0/1.1 を無効化します。\n\nメンテナンス日時\n2027年3月2日(火) 15:00~16:00", "2027-03-02"],
    ["Azure Example plans to turn off TLS 1.0 and 1.1 everywhere; this is expected in June 2027, and the exact date will be announced later. First, TLS 1.0 and 1.1 will be turned off in the test environment.\n\nMaintenance window: March 2, 2027, 15:00-16:00", "2027-03-02"],
    // An estimate alone still leaves no day.
    ["Azure Example will turn off TLS 1.0 and 1.1; this is expected in June 2027, and the exact date will be announced later.", null],
    // A schedule moved earlier: the day it was moved to outweighs the standard's later day.
    ["Under the industry standard, support for TLS 1.0 and 1.1 will be discontinued on June 30, 2028. Azure Example has decided to push up the date it stops supporting TLS 1.0 and 1.1 to March 1, 2028.", "2028-03-01"],
    ["業界標準では 2028年6月30日に TLS 1.0 と 1.1 が廃止されます。Azure Example では TLS 1.0 と 1.1 の受け付け停止を 2028年3月1日に前倒しします。", "2028-03-01"],
    // What will happen outweighs a past deadline set by someone else; the verb may come late in the sentence.
    ["A standards body set a deadline of June 30, 2020 to disable older versions of TLS. On 1 July 2027, in alignment with the wider retirement of legacy TLS, TLS 1.0/1.1 will be retired for Azure Example.", "2027-07-01"],
    ["Azure Example will be switching off TLS 1.0 and 1.1 on 31 May 2027.", "2027-05-31"],
    ["Support for TLS 1.0/1.1 on Azure Example ending on 31 May 2027.", "2027-05-31"],
    ["TLS 1.2 will be enforced by default starting 31 May 2027 on every Azure Example account.", "2027-05-31"],
    // A notice laid out as a form: a label names the date below it (or beside it) as when the change takes effect.
    ["お客様各位\n2026年12月1日\nAzure Example では TLS 1.0 と TLS 1.1 を無効化いたします。\n\n◆実施日時\n\n  2027年2月10日(水) AM3:00\n\n◆対象\nすべての API", "2027-02-10"],
    // A Japanese sentence that opens on its date and closes on 「発表しました」 says when it was announced.
    ["Azure Example は 2026年10月に TLS 1.0 を無効にしました。Microsoft は 2027年1月15日、TLS 1.1 も無効にする予定について発表しました。", null],
    ["Microsoft は 2027年1月15日(米国時間)、Azure Example で TLS 1.0/1.1 を無効にする予定について発表しました。", null],
    ["Microsoft は 2027年1月15日、Azure Example の TLS 1.0/1.1 を 2027年6月30日に廃止すると発表しました。", "2027-06-30"],
    // English writers put the deadline in that place too: the day stays a candidate.
    ["On January 31, 2027, Microsoft has announced that it will stop supporting TLS 1.0 in Azure Example.", "2027-01-31"],
    // The TLS change happens "today": days outside the TLS sentences are other news; the notice's own day is not given.
    ["Our v1 API will be retired on 3 March 2027.\n\nAs of today, Azure Example no longer accepts TLS 1.0 or 1.1.", null],
    ["旧 API は 2027年3月3日に廃止予定です。\n本日 10:00 をもちまして、Azure Example は古い TLS での接続のサポートを終了しました。", null],
    ["Starting today, TLS 1.0 is disabled for Azure Example, and TLS 1.1 will be disabled on 30 June 2027.", "2027-06-30"],
    ["Dear customer,\nNovember 2, 2026\nAzure Example will disable TLS 1.0 and TLS 1.1 for its API.\nEffective date: March 3, 2027 (02:00 UTC)", "2027-03-03"],
    // A date inside a web address (an API version, a blog's path) is part of the address, not a day the text states.
    ["Azure Example will soon retire TLS 1.0; see https://example.com/templates/2027-01-01/namespaces for the new schema.", null],
    ["Azure Example の TLS 1.0 は 2027年9月30日に廃止されます（詳細: https://example.com/blog/2027/01/15/tls-retirement/）。", "2027-09-30"],
    // Japanese text glued to an address's end is not part of it.
    ["詳細は https://example.com/tls2027年3月1日に Azure Example は TLS 1.0 を廃止します。", "2027-03-01"],
    // Two days next to each other are one cut-off (the last day of the old behaviour, the first of the new), not two deadlines.
    ["Azure Example stops accepting TLS 1.0 and 1.1 on 31 May 2027. Requests that still use TLS 1.0 will fail after end of day 31 May 2027.\nWe are ending support for TLS 1.0 and 1.1 on 1 June 2027.", "2027-05-31"],
    ["Azure Example は 2027年6月30日に TLS 1.0 のサポートを終了します。2027年7月1日以降、TLS 1.0 での接続はできなくなります。2027年7月1日までに移行してください。", "2027-07-01"],
    // A brownout (a temporary shutdown to find problems) before the permanent change: the permanent day is the deadline.
    ["Azure Example will stop accepting TLS 1.0 on 3 May 2027. This will be temporarily reversed on 4 May 2027; we call it a brownout.\nOn 17 May 2027 the change is made again, permanently.", "2027-05-17"],
    ["Azure Example は 2027年5月3日に TLS 1.0 を一時的に停止します（ブラウンアウト）。\n2027年5月17日に TLS 1.0 を恒久的に無効化します。", "2027-05-17"],
    // A time given only as near is when the TLS change happens: no day, and another matter's day does not stand in.
    ["Azure Example will stop accepting TLS 1.0 and 1.1 soon. Separately, the classic Azure Example portal will be retired on 1 May 2027.", null],
    ["Azure Example の TLS 1.0/1.1 のサポートは近日中に終了します。なお、旧ポータルは 2027年5月1日に廃止されます。", null],
    // "As soon as possible" is no time for the change, and a near time its sentence dates is that day.
    ["Azure Example stops accepting TLS 1.0 on 1 May 2027; please move to TLS 1.2 as soon as possible.", "2027-05-01"],
    ["Azure Example will stop accepting TLS 1.0 soon, on 1 May 2027.", "2027-05-01"],
    // A time given only as some time ahead is no day either: another service's past day does not stand in for it.
    ["We plan to retire TLS 1.0 and 1.1 on Azure Example at a later date. As of 1 May 2026, Azure Other disables TLS 1.0 and 1.1 unless you enable them.", null],
    ["Azure Example では TLS 1.0/1.1 のサポートを将来的に廃止する予定です。Azure Other は 2026年5月1日の時点で TLS 1.0 を無効としています。", null],
    ["Azure Example will retire TLS 1.0 at a later date: on 1 May 2027.", "2027-05-01"],
    // A later, undated step beside a dated one: which day the notice tracks is for a person to say (no day, held), never
    // another matter's day.
    ["Azure Example will stop accepting TLS 1.0 on 1 May 2027. TLS 1.1 will be retired at a later date.", null],
    ["Azure Example は 2027年5月1日に TLS 1.0 の受け付けを終了します。将来的には TLS 1.1 も廃止する予定です。", null],
    // An addendum's stamp ("Update (date):", 「日付 追記:」) is when the page was edited, not when anything stops.
    ["Azure Example TLS 1.2 test endpoint\n\nMarch 2, 2026\n\nUpdate (June 6, 2027): the test endpoint has been shut down.\n\nTo keep Azure Example safe we will stop accepting TLS 1.0 and 1.1. Until then, try your client against the test endpoint.", null],
    ["Azure Example TLS 1.2 試験環境のご案内\n\n2026.03.02\n\n2027/6/6 追記: 試験環境の提供は終了しました。\n\nAzure Example では古い TLS による接続の提供を終了させていただきます。それまでに試験環境で接続をご確認ください。", null],
    ["Azure Example will stop accepting TLS 1.0 on 1 May 2027.\n\nUPDATE 2027-03-10: nothing changes for customers already on TLS 1.2.", "2027-05-01"],
    // "update (" inside a sentence is no stamp: only a line that opens with it is.
    ["Azure Example asks customers to plan the client update (by 1 May 2027) and will stop accepting TLS 1.0 on that day.", "2027-05-01"],
    ["Azure Example は 2027年5月1日に TLS 1.0 の受け付けを終了します。\n\n【2027年3月10日 追記】TLS 1.2 をご利用のお客様への影響はありません。", "2027-05-01"],
    // A shutdown for a stated span of hours is a brownout too, without the word.
    ["Azure Example retires TLS 1.1 in two steps:\n- 6 April 2027 08:00 UTC: TLS 1.1 is turned off for two hours\n- 20 April 2027 08:00 UTC: TLS 1.1 is turned off permanently", "2027-04-20"],
    ["Azure Example の TLS 1.1 は次の 2 段階で廃止します。\n・2027年4月6日 17:00: 3時間だけ TLS 1.1 を無効化\n・2027年4月20日 17:00: TLS 1.1 を恒久的に無効化", "2027-04-20"],
    // A day without its year that scores as high as a full day: which one the notice points at is for a person.
    ["Azure Example disables TLS 1.0 and 1.1 from 11 September. A standards body has required TLS 1.0 to be disabled by 30 June 2027.", null],
    ["Azure Example は 9月11日より「TLS 1.0/1.1」を無効化する。なお、業界団体では、TLS 1.0 を 2027年6月30日までに無効化することを要求している。", null],
    // A period over which the change is rolled out bit by bit: the change reaches a customer on no day the notice can name.
    ["Azure Example は下記の日程で TLS 1.1 以下の通信を廃止いたします。\n■ 実施日\n2027 年 6 月 1 日(火)ー 7 月 31 日(土)\n※期間中にお客様環境を順次更新いたします。", null],
    ["Azure Example will retire TLS 1.0 and 1.1 on the dates below.\nEffective date: 1 June 2027 – 31 July 2027\nTenants are moved one by one.", null],
    // A day inside an HTML comment (a page's hidden note, an old notice kept out of sight) is no day the reader sees.
    ["Azure Example は 2027年3月31日に以下のサポートを終了しました。\n\n* TLS 1.0 および 1.1\n\n<!--\n旧版: Effective September 30, 2026, Azure Example ended support of TLS 1.0.\n-->", "2027-03-31"],
    ["Azure Example will turn off TLS 1.0 and 1.1 soon; the date will follow.\n<!-- draft, not yet public: TLS 1.0 and 1.1 will be disabled on March 2, 2027 -->", null],
    // A part of a year ("by Fall 2027", 「2027年秋」) gives no day: another matter's day elsewhere in the text does not stand in for it …
    ["Support for TLS 1.0 and 1.1 in Azure Example is retiring by Fall 2027.\nThe v1 API of Azure Example is retiring on May 2nd, 2027.", null],
    ["Azure Example の TLS 1.0/1.1 のサポートは 2027年秋に終了します。\n旧 API は 2027年5月2日に廃止されます。", null],
    // … but the one day the notice gives inside that part of the year is its day, however bare its line.
    ["In early 2027, Azure Example will disable TLS 1.0 on the following schedule:\nTest tenants |\nJune 25, 2026 |\nAll tenants |\nMarch 4, 2027 |", "2027-03-04"],
    ["Azure Example は 2027年初頭に TLS 1.0 を無効化します。日程は次のとおりです。\n検証環境 | 2026年6月25日\n本番環境 | 2027年3月4日", "2027-03-04"],
    // … unless the notice names a month for the change inside that part: a day outside the month (a reply's date) is another matter's.
    ["Azure Example will retire TLS 1.0 and 1.1 by the end of 2027.\nIn December 2027, Azure Example will stop accepting TLS 1.0 and 1.1 connections.\n\nken · reply · 2027-10-25\nClosing this for now.", null],
    ["Azure Example は 2027年末までに TLS 1.0/1.1 のサポートを終了します。\n2027年12月に、TLS 1.0/1.1 による接続を受け付けなくなります。\n\n鈴木 · 返信 · 2027/10/25\nいったん閉じます。", null],
    ["Azure Example will retire TLS 1.0 and 1.1 by the end of 2027.\nIn December 2027, Azure Example will stop accepting TLS 1.0 and 1.1 connections on this schedule:\nTest tenants |\nOctober 25, 2027 |\nAll tenants |\nDecember 6, 2027 |", "2027-12-06"],
    // A weekday before the date is part of it: "on Sunday, May 9 2027" says when as plainly as "on May 9, 2027" …
    ["A standards body requires TLS 1.0 to be disabled by May 1, 2027. Azure Example will disable TLS 1.0 on Sunday, May 9 2027.", "2027-05-09"],
    ["Just before 6AM UTC on Sunday May 2 2027, Azure Example permanently disabled TLS 1.0, per a standards body's mandate that TLS 1.0 must be disabled by May 1, 2027.", null],
    // … as Japanese writes it after the date (already read so).
    ["Azure Example は 2027年5月9日(日)より TLS 1.0 を無効化します。", "2027-05-09"],
    // A day a standard or an industry body requires is that body's; the notice's own day for its change is what happens.
    ["Did the standard change? The PCI SSC has mandated that TLS 1.0 must be disabled by May 1, 2027. On May 2, 2027, Azure Example disabled TLS 1.0 in all of its data centers.", "2027-05-02"],
    ["業界団体は TLS 1.0 を 2027年5月1日までに無効化するよう求めています。Azure Example は 2027年5月9日(日)より TLS 1.0 を無効化しました。", "2027-05-09"],
    ["PCI DSS requirements mandate that early TLS must be disabled by June 30, 2027. Azure Example will begin disabling TLS 1.0 on May 11, 2027.", "2027-05-11"],
    // "Mandate" as a noun: the notice's own "by" still counts.
    ["Under the PCI DSS mandate, Azure Example will disable TLS 1.0 by June 30, 2027.", "2027-06-30"],
    // A month that names which event a sentence is about (an exam held then) is no point in time for the change.
    ["From the applications for the exam held in May 2027 on, Azure Example will no longer accept TLS 1.0.\nTLS 1.0 end date: March 9, 2027", "2027-03-09"],
    ["2027年5月実施検定試験の受験申請より、TLS 1.0 にのみ対応する環境では Azure Example をご利用いただけなくなります。\n\nTLS 1.0 による接続終了日 2027年3月9日(火)", "2027-03-09"],
    // A changelog's entry sets its date on a line above its title: the date is the TLS title's own.
    ["Changelog\n\nEffective from:\n\nMarch 3, 2027\n\nNew search endpoint\n\nAnnounced: February 1, 2027\n\nEffective from:\n\nApril 12, 2027\n\nRetirement of TLS 1.0 and 1.1 on Azure Example\n\nAnnounced: March 1, 2027\n\nEffective from:\n\nMarch 3, 2027\n\nNew webhook events", "2027-04-12"],
    ["更新履歴\n\n2027年3月3日\n\n新しい検索 API を追加\n\n2027年4月12日\n\nAzure Example の TLS 1.0/1.1 のサポート終了\n\n2027年3月3日\n\nWebhook のイベントを追加", "2027-04-12"],
    // A date alone under the text's headline is the article's byline, when it went out: not a TLS subheading's own day.
    ["Azure Example drops TLS 1.0 and 1.1 for good\n\nMarch 3, 2027\n\nOld clients that fail after Azure Example disables TLS 1.0\n\nClients that only speak TLS 1.0 will be refused; the day depends on your region.", null],
    ["Azure Example で TLS 1.0/1.1 が使えなくなります\n\n2027年3月3日\n\nAzure Example の TLS 1.0 無効化で接続できなくなる端末\n\n古い端末からは接続できなくなります。時期は地域ごとに異なります。", null],
    // A day only repeated, with no wording around it (a thread's post dates), is no deadline; repeated beside its wording it still is.
    ["TLS 1.0 has been disabled for this tenant of Azure Example. Use TLS 1.2 to connect.\n\nmaria · reply · 2027-03-04\nDid you update the client?\n\nken · reply · 2027-03-04\nYes, that fixed it.", null],
    ["この Azure Example のテナントでは TLS 1.0 が無効化されています。TLS 1.2 で接続してください。\n\n佐藤 · 返信 · 2027/03/04\nクライアントは更新しましたか?\n\n鈴木 · 返信 · 2027/03/04\n更新したら直りました。", null],
    ["Azure Example will disable TLS 1.0 on 2027-03-04.\n\nmaria · reply · 2027-03-04\nNoted.\n\nken · reply · 2027-03-04\nThanks.", "2027-03-04"],
    // An ISO 8601 timestamp (a portal export's or an API's "2027-03-31T09:00:00Z") gives its day, its "T" glued to it.
    ["Azure Example will stop accepting TLS 1.0 and 1.1 on 2027-03-31T09:00:00Z.", "2027-03-31"],
    ["Azure Example は 2027-03-31T09:00:00+09:00 をもって TLS 1.0 と 1.1 の受け付けを終了します。", "2027-03-31"],
    // A post's "Action required by" field dates what the reader must do; its other fields (published, expires) do not.
    ["Azure Example will retire TLS 1.0 and 1.1 for its API.\nPublished: 2027-01-10\nAction required by: 2027-03-31\nExpires: 2027-06-30", "2027-03-31"],
    ["Azure Example の API で TLS 1.0/1.1 を廃止します。\n公開日: 2027/01/10\nアクションが必要な期日: 2027/03/31\n掲載終了: 2027/06/30", "2027-03-31"],
    ["Azure Example will retire TLS 1.0 and 1.1 for its API.\n\nRespond by\n2027-03-31\n\nExpires\n2027-06-30", "2027-03-31"],
    // A page flattened to text runs a field's date into the next field's name ("June 30, 2027Affected: …"): the date ends at its year.
    ["Azure Example will retire TLS 1.0 and 1.1.Retirement date: June 30, 2027Affected clients: all API callers", "2027-06-30"],
    ["Azure Example will retire TLS 1.0 and 1.1.Retirement date: 30 June 2027Affected clients: all API callers", "2027-06-30"],
    ["Azure Example の TLS 1.0 と 1.1 を廃止します。Retirement date: June 30, 2027Affected clients: すべての API クライアント", "2027-06-30"],
  ];
  for (const [body, want] of cases) {
    it(body.slice(0, 70), () => {
      const n = mail("Notice", body);
      expect(n.isTls).toBe(true);
      expect(n.deadline).toBe(want);
      if (want) expect(n.text.slice(n.evidence["deadline"]!.start, n.evidence["deadline"]!.end)).toBe(n.evidence["deadline"]!.text);
    });
  }

  it("a table of TLS retirements on different dates gives no deadline but its candidates, and goes to triage as ambiguous", () => {
    const body = [
      "##### 1 April 2027", "", "| Service name | Retiring feature |", "|:--- |:--- |", "| Relay | Support for TLS 1.0 and 1.1 |", "",
      "##### 30 April 2027", "", "| Service name | Retiring feature |", "|:--- |:--- |", "| Automation account | Support for TLS 1.0 and 1.1 |",
    ].join("\n");
    const n = mail("Retiring features", body);
    expect(n.isTls).toBe(true);
    expect(n.deadline).toBeNull();
    expect(n.deadlineCandidates).toEqual(["2027-04-01", "2027-04-30"]);
    expect(plan(n)).toMatchObject({ status: "triage", reason: "ambiguousDeadline", changes: [] });
    // The service column names its services even by their short names.
    expect(n.namedResourceTypes).toEqual(expect.arrayContaining(["Microsoft.Relay/namespaces", "Microsoft.Automation/automationAccounts"]));
  });

  it("a TLS sentence ending in a colon, then a list of scopes each with its own day, names no single deadline, even when moved", () => {
    const list = mail("TLS changes", "Azure Example has postponed the retirement of TLS 1.0 and 1.1 to these dates:\n\n- **Public regions: 1 March 2027**\n- **Sovereign clouds: 1 June 2027**\n\nContact support with questions.");
    expect(list.deadline).toBeNull();
    expect(list.deadlineCandidates).toEqual(["2027-03-01", "2027-06-01"]);
    const ja = mail("TLS 変更", "Azure Example の TLS 1.0/1.1 の廃止日は次のとおりです：\n・国内リージョン：2027年3月1日\n・海外リージョン：2027年6月1日");
    expect(ja.deadlineCandidates).toEqual(["2027-03-01", "2027-06-01"]);
    // A timeline whose first line is when it was announced is not two scopes.
    const timeline = mail("TLS changes", "Timeline of the TLS 1.0 and 1.1 retirement for Azure Example:\n- Announced: 1 December 2026\n- TLS 1.0 and 1.1 disabled: 1 March 2027");
    expect(timeline).toMatchObject({ deadline: "2027-03-01" });
    expect(timeline.deadlineCandidates).toBeUndefined();
  });

  it("two scopes with a deadline each give no single deadline; a moved schedule keeps its last day", () => {
    const scopes = mail("TLS changes", "Azure Example will disable TLS 1.0 and 1.1 for its EU endpoints from 30 April 2027. For every other region, support for TLS 1.0 and 1.1 ends on 31 October 2027.");
    expect(scopes.deadline).toBeNull();
    expect(scopes.deadlineCandidates).toEqual(["2027-04-30", "2027-10-31"]);
    const moved = mail("TLS changes", "Azure Example's retirement of TLS 1.0 and 1.1, originally planned for 30 April 2027, has been postponed. Support for TLS 1.0 and 1.1 now ends on 31 October 2027.");
    expect(moved.deadline).toBe("2027-10-31");
  });

  it("a TLS notice with no date at all still says noDeadline, not ambiguous", () => {
    const n = mail("Notice", "We're turning off TLS 1.0 and 1.1 for Azure Cache for Redis. We'll share the date later.");
    expect(n.deadlineCandidates).toBeUndefined();
    expect(plan(n)).toMatchObject({ status: "triage", reason: "noDeadline" });
  });
});

describe("sentences that announce no retirement", () => {
  it("a conditional sentence describes a case, not a change", () => {
    expect(mail("Rule", "When clients connect with an older version of TLS that is disabled, the connection fails.").isTls).toBe(false);
  });

  it("a sentence that names a retirement to say it does not apply announces none (en and ja)", () => {
    expect(mail("Overview", "The retirement of TLS 1.0 and 1.1 on Azure services doesn't affect apps running on Azure Example. Azure Example will continue to support TLS 1.0 and 1.1.").isTls).toBe(false);
    expect(mail("概要", "Azure サービスでの TLS 1.0 および 1.1 の廃止は、Azure Example で実行されているアプリには影響しません。").isTls).toBe(false);
    // Continuing support ends only when the notice says until when.
    expect(mail("Notice", "Azure Example will continue to support TLS 1.0 and 1.1 until 31 August 2027.").deadline).toBe("2027-08-31");
  });

  it("a default described without a day is a setting, not a change", () => {
    expect(mail("Overview", "Azure Example uses TLS 1.2 by default and rejects TLS 1.0 connections.").isTls).toBe(false);
  });

  it("a future start without a day still announces a TLS change (no deadline)", () => {
    const en = mail("Notice", "Starting with the release of version 10, we will begin blocking connections that use TLS 1.0 and 1.1.");
    expect(en.isTls).toBe(true);
    expect(en.deadline).toBeNull();
    expect(mail("お知らせ", "バージョン 10 では、TLS 1.2 以上を利用するよう接続を要求し始めます。").isTls).toBe(true);
  });

  it("what becomes possible is an option, not a requirement", () => {
    expect(mail("新機能", "TLS 1.3 を強制したい場合の対応が難しかったのですが、今後は Azure Example で柔軟に設定できるようになります。").isTls).toBe(false);
  });

  it("what newly created resources get is a default, not a retirement", () => {
    expect(mail("Update", "After 1 July 2027, all newly created Example apps will be configured to require TLS 1.2.").isTls).toBe(false);
  });

  it("a mail flattened from HTML without spaces after full stops is still read sentence by sentence", () => {
    const n = mail("Update", "Thanks for using Azure Example.We are improving security.Newly created apps default to TLS 1.2 after 1 July 2027.Existing apps are not changed.");
    expect(n.isTls).toBe(false);
    const m = mail("Notice", "Thanks for using Azure Example.Azure Example will stop accepting TLS 1.0 on 1 August 2027.Please update your clients.");
    expect({ isTls: m.isTls, deadline: m.deadline }).toEqual({ isTls: true, deadline: "2027-08-01" });
    expect(m.evidence["isTls"]!.text).toBe("Azure Example will stop accepting TLS 1.0 on 1 August 2027.");
  });
});

describe("services to ARM types", () => {
  it("services the catalog has no retirement for still name their ARM types", () => {
    const n = mail("Notice", "Azure Relay, Azure App Configuration and Cloud Services (extended support) will require TLS 1.2 from 1 May 2027.");
    expect(n.namedResourceTypes).toEqual(expect.arrayContaining(["Microsoft.Relay/namespaces", "Microsoft.AppConfiguration/configurationStores", "Microsoft.Compute/cloudServices"]));
  });

  it("log alerts are scheduled query rules; the legacy Log Analytics alerts also live on the workspace", () => {
    const en = mail("Notice", "Log search alerts that still connect over TLS 1.1 stop firing on 1 May 2027.");
    expect(en.namedResourceTypes).toContain("Microsoft.Insights/scheduledQueryRules");
    const legacy = mail("Notice", "The Log Analytics alerts API will be retired on 1 May 2027; move your rules before then.");
    expect(legacy.namedResourceTypes).toEqual(expect.arrayContaining(["Microsoft.Insights/scheduledQueryRules", "Microsoft.OperationalInsights/workspaces"]));
    const ja = mail("お知らせ", "2027年5月1日以降、TLS 1.1 で接続するログ検索アラートは動作しなくなります。");
    expect(ja.namedResourceTypes).toContain("Microsoft.Insights/scheduledQueryRules");
    expect(mail("Notice", "Azure Example writes a log line when TLS 1.0 is refused from 1 May 2027.").namedResourceTypes).not.toContain("Microsoft.Insights/scheduledQueryRules");
  });

  it("Synapse Spark pools and Event Grid system topics are their own ARM types", () => {
    const en = mail("Notice", "Spark pools on Azure Synapse Runtime for Apache Spark 9.9 will stop accepting TLS 1.1 on 1 May 2027.");
    expect(en.namedResourceTypes).toContain("Microsoft.Synapse/workspaces/bigDataPools");
    const ja = mail("お知らせ", "2027年5月1日以降、システム トピックから TLS 1.1 の Webhook へのイベント配信は行われなくなります。");
    expect(ja.namedResourceTypes).toContain("Microsoft.EventGrid/systemTopics");
    // "Event Grid system topics" names the system topics only, not the custom topics "Event Grid" alone names.
    const system = mail("Notice", "Event Grid system topics will deliver events over TLS 1.2 only from 1 May 2027.");
    expect(system.namedResourceTypes).toContain("Microsoft.EventGrid/systemTopics");
    expect(system.namedResourceTypes).not.toContain("Microsoft.EventGrid/topics");
  });

  it("the agents that collect a machine's logs name the machines running them and the workspaces they report to", () => {
    const en = mail("Notice", "On 1 May 2027 the Log Analytics agent will stop sending data over TLS 1.1; move your servers to the Azure Monitor agent.");
    expect(en.namedResourceTypes).toEqual(expect.arrayContaining(["Microsoft.Compute/virtualMachines", "Microsoft.HybridCompute/machines", "Microsoft.OperationalInsights/workspaces"]));
    const ja = mail("お知らせ", "2027年5月1日以降、Log Analytics エージェントは TLS 1.1 でデータを送信できなくなります。");
    expect(ja.namedResourceTypes).toEqual(expect.arrayContaining(["Microsoft.Compute/virtualMachines", "Microsoft.OperationalInsights/workspaces"]));
    // The workspace alone is no machine.
    expect(mail("Notice", "Log Analytics workspaces will stop accepting TLS 1.1 on 1 May 2027.").namedResourceTypes).not.toContain("Microsoft.Compute/virtualMachines");
  });

  it("the short name of a VM ('Azure VM', 「Azure VM」) names VMs; the classic ones and scale sets stay their own types", () => {
    expect(mail("Notice", "From 1 May 2027, Azure VMs that call the metadata endpoint over TLS 1.1 will be refused.").namedResourceTypes).toContain("Microsoft.Compute/virtualMachines");
    expect(mail("お知らせ", "2027年5月1日以降、Azure VM から TLS 1.1 で接続することはできなくなります。").namedResourceTypes).toContain("Microsoft.Compute/virtualMachines");
    const classic = mail("Notice", "Azure VMs (classic) will stop accepting TLS 1.0 on 1 May 2027.").namedResourceTypes;
    expect(classic).toContain("Microsoft.ClassicCompute/virtualMachines");
    expect(classic).not.toContain("Microsoft.Compute/virtualMachines");
    expect(mail("Notice", "Azure VM Scale Sets will require TLS 1.2 from 1 May 2027.").namedResourceTypes).toEqual(["Microsoft.Compute/virtualMachineScaleSets"]);
  });

  it("the Connected Machine agent names the Arc-enabled servers it runs on", () => {
    expect(mail("Notice", "From 1 May 2027 the Connected Machine agent will only connect over TLS 1.2.").namedResourceTypes).toContain("Microsoft.HybridCompute/machines");
    expect(mail("お知らせ", "2027年5月1日以降、Connected Machine エージェントは TLS 1.2 でのみ接続します。").namedResourceTypes).toContain("Microsoft.HybridCompute/machines");
    // A machine in general is none.
    expect(mail("Notice", "From 1 May 2027 every connected machine must use TLS 1.2 for Azure Example.").namedResourceTypes).not.toContain("Microsoft.HybridCompute/machines");
  });

  it("a Learn page that a TLS sentence links to names its service; a link elsewhere names nothing", () => {
    const en = mail("Notice", "On 1 May 2027 we retire [TLS 1.0 and 1.1 on the data plane API](https://learn.microsoft.com/azure/batch/tls-migration).");
    expect(en.namedResourceTypes).toContain("Microsoft.Batch/batchAccounts");
    const ja = mail("お知らせ", "2027年5月1日に [データ プレーン API の TLS 1.0/1.1](https://learn.microsoft.com/ja-jp/azure/key-vault/general/tls) を廃止します。");
    expect(ja.namedResourceTypes).toContain("Microsoft.KeyVault/vaults");
    const aside = mail("Notice", "Azure Example will stop accepting TLS 1.0 on 1 May 2027.\n\nSee also https://learn.microsoft.com/azure/batch/quick-start for something else.");
    expect(aside.namedResourceTypes).not.toContain("Microsoft.Batch/batchAccounts");
    // Other locales, and a folder that ends the link.
    expect(mail("通知", "2027年5月1日に [TLS 1.0/1.1](https://learn.microsoft.com/zh-hans/azure/batch) を廃止します。").namedResourceTypes).toContain("Microsoft.Batch/batchAccounts");
    // A page given for further reading inside the TLS sentence names a page, not what retires.
    const reading = mail("Notice", "Azure Front Door will stop accepting TLS 1.0 on 1 May 2027 (see https://learn.microsoft.com/azure/storage/common/transport-layer-security-configure-minimum-version for clients).");
    expect(reading.namedResourceTypes).not.toContain("Microsoft.Storage/storageAccounts");
  });

  it("the bare word Relay in running text names nothing", () => {
    expect(mail("Notice", "We relay this message: TLS 1.0 ends on 1 May 2027 for Azure Example.").namedResourceTypes).not.toContain("Microsoft.Relay/namespaces");
  });
});

describe("a deadline that barely leads another day", () => {
  // Each sentence is passed as TLS evidence, as the reader would find it in a notice of two milestones.
  const sentences = (t: string) => {
    let at = 0;
    return t.split(". ").map((s) => { const span = { start: at, end: at + s.length }; at += s.length + 2; return span; });
  };

  it("two sentences, each giving legacy TLS its own day, name no single deadline: both are candidates", () => {
    const two = "TLS 1.0 and 1.1 change on 15 January 2027 in Azure Example. TLS 1.0 and 1.1 disabled on 31 March 2027 in Azure Example.";
    expect(pickDeadline("", two, null, sentences(two))).toEqual({ iso: null, candidates: ["2027-01-15", "2027-03-31"], confidence: 0 });
  });

  it("is reported with its evidence but below the trust threshold (a person confirms it), while a clear lead is trusted", () => {
    // A schedule that was moved reads its days as one retirement's history, so the later day leads, narrowly.
    const close = "The plan was rescheduled: TLS 1.0 and 1.1 change on 15 January 2027 in Azure Example. TLS 1.0 and 1.1 disabled on 31 March 2027 in Azure Example.";
    const narrow = pickDeadline("", close, null, sentences(close));
    expect(narrow).toMatchObject({ iso: "2027-03-31", evidence: { text: "31 March 2027" } });
    expect(narrow!.confidence).toBeLessThan(CONFIDENCE_THRESHOLD);

    const clear = "Azure Example will disable TLS 1.0 and 1.1 on 31 March 2027. Our newsletter of 15 January 2027 has more tips.";
    const wide = pickDeadline("", clear, null, sentences(clear).slice(0, 1));
    expect(wide).toMatchObject({ iso: "2027-03-31" });
    expect(wide!.confidence).toBeGreaterThanOrEqual(CONFIDENCE_THRESHOLD);
  });

  it("a trusted mail whose deadline confidence is below the threshold goes to triage and moves nothing", () => {
    const n = mail("Notice", "Azure Cache for Redis will disable TLS 1.0 and 1.1 on 31 March 2027.");
    expect(plan(n).status).toBe("applied");
    expect(plan({ ...n, fieldConfidence: { ...n.fieldConfidence, deadline: 0.45 } })).toMatchObject({ status: "triage", reason: "ambiguousDeadline", changes: [] });
  });
});
