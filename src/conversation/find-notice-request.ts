import type { Intent } from "./intent.ts";

type NoticeIntent = Extract<Intent, { type: "notices" | "noticeDecision" }>;

// What a held notice is called: the mail, the advisory, 「お知らせ」 (as the CLI's Japanese calls it), 「通知」.
// The number stands on its own: "mail01-prod", "notice2-api" or "email 3-b" are resource names, not notices 1, 2 or 3,
// and "the advisory 2 weeks ago" is a time, not notice 2.
const EN_NOTICE = String.raw`(?:the\s+)?(?<![\w-])(?:notice|mail|e-?mail|advisory)(?:\s*(?:#|no\.?|number)\s*|\s+)(\d{1,9})(?![\w-]|\s+(?:days?|weeks?|months?|years?|hours?|minutes?|times?)\b)`;
const JA_NOTICE = String.raw`(?:お知らせ|通知|メール)\s*(?:#|no\.?|番号)?\s*(\d{1,9})\s*(?:番)?\s*`;

const ACCEPT_EN = new RegExp(String.raw`\b(?:accept|approve|apply|confirm)\s+${EN_NOTICE}`);
const DISMISS_EN = new RegExp(String.raw`\b(?:dismiss|ignore|reject|discard|drop|skip)\s+${EN_NOTICE}`);
const REVIEW_EN = new RegExp(String.raw`\b(?:review|show|open|check|see|view)\s+${EN_NOTICE}|^${EN_NOTICE}\s*\??$`);
// 「お知らせ 12 を承認」, and with the day before the verb: 「お知らせ12を2025年3月31日で承認」「お知らせ 12 を期限 2025-03-31 で承認」.
const ACCEPT_JA = new RegExp(String.raw`${JA_NOTICE}(?:を|は)?\s*(?:(?:期限\s*(?:は|を)?\s*)?[\d年月日/\-\s]{6,16}(?:で|に|として)?\s*)?(?:承認|受け入れ|受理|採用|適用)`);
const DISMISS_JA = new RegExp(String.raw`${JA_NOTICE}(?:を|は)?\s*(?:却下|無視|破棄|対象外に)`);
const REVIEW_JA = new RegExp(String.raw`${JA_NOTICE}(?:を|の)?\s*(?:確認|見せて|表示|内容|詳細)|^${JA_NOTICE}[?？]?$`);

// The queue: notices with a word of waiting for a person ("notices to review", "held notices", 「確認待ちのお知らせ」).
// A word inside a name ("mail-server-01", "notice-api") is not one of them, nor one that names a kind of machine or
// service ("mail servers", 「メールサーバー」, 「通知ハブ」 — Notification Hubs): those questions are about resources. A
// mail queue is a mail server's; the notice queue (「お知らせキュー」) is the review queue.
const MACHINES_EN = String.raw`servers?|hosts?|relays?|gateways?|boxes|accounts?|domains?|clusters?|services?|apps?|systems?|vms?`;
/** Not inside a name, not a kind of machine (`also`: more words that make it one). */
const notAMachine = (also = "") => String.raw`(?![\w-]|\s+(?:${MACHINES_EN}${also})\b)`;
const NOTICES_EN = String.raw`(?:notices?|advisories)${notAMachine()}|(?:mails?|e-?mails?)${notAMachine("|queues?")}`;
const QUEUE_EN = new RegExp(String.raw`(?<![\w-])(?:${NOTICES_EN}).*\b(?:review|reviewed|triage|held|hold|pending|waiting|queue|unreviewed|check(?:ed)?)\b|\b(?:review|triage|held|pending|unreviewed)\s+(?:notices?${notAMachine()}|mails?${notAMachine("|queues?")})|^notices\??$`);
const MACHINES_JA = "サーバ|ホスト|リレー|ゲートウェイ|アカウント|ドメイン|システム|サービス|ハブ";
const NOTICE_WORD_JA = `(?:(?:お知らせ|通知)(?!\\s*(?:${MACHINES_JA}))|メール(?!\\s*(?:${MACHINES_JA}|キュー)))`;
const QUEUE_JA = new RegExp(`(?:確認待ち|レビュー待ち|保留(?:中|されている|になっている)?|(?:確認|レビュー)が必要な|要確認|未確認|未処理|トリアージ)の?${NOTICE_WORD_JA}|${NOTICE_WORD_JA}.{0,8}(?:確認待ち|レビュー待ち|保留|要確認|未確認|未処理|トリアージ)`);

// The day a reviewer read in the notice: 2025-03-31, 2025/3/31, 2025年3月31日.
const DAY = /(\d{4})\s*[-/年]\s*(\d{1,2})\s*[-/月]\s*(\d{1,2})\s*日?/;

// A day written some other way (31/03/2025, 3/31, 20250331, March 31, 3月31日): which day it means is a guess, so the
// reviewer is asked for YYYY-MM-DD rather than the notice being accepted on the reader's day without a word.
const MONTH = String.raw`(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?`;
const OTHER_DAY = new RegExp(String.raw`\d{1,4}\s*[-/.]\s*\d{1,2}(?:\s*[-/.]\s*\d{1,4})?|(?<!\d)\d{8}(?!\d)|\b${MONTH}\s*\d{1,2}(?:st|nd|rd|th)?\b(?:,?\s*\d{4})?|\b\d{1,2}(?:st|nd|rd|th)?\s+${MONTH}(?:\s*\d{4})?|(?:\d{4}\s*年\s*)?\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?`);

/** `YYYY-MM-DD` as typed (zero-padded), valid or not: the engine says which day it cannot use. */
function typedDay(text: string): string | null {
  const m = DAY.exec(text);
  if (!m) return null;
  return `${m[1]}-${m[2]!.padStart(2, "0")}-${m[3]!.padStart(2, "0")}`;
}

/**
 * A message about the notices held for review: the queue, one notice, or a decision on one. Null when the message
 * is about something else. `text` is normalised (NFKC, lower case). A notice is named by its number, as the queue
 * and the CLI show it; words alone never decide a notice.
 */
export function findNoticeRequest(text: string): NoticeIntent | null {
  const accept = ACCEPT_EN.exec(text) ?? ACCEPT_JA.exec(text);
  if (accept) {
    const rest = text.slice(accept.index + accept[0].length);
    const deadline = typedDay(rest) ?? typedDay(text) ?? OTHER_DAY.exec(rest)?.[0].trim() ?? null;
    return { type: "noticeDecision", decision: "accept", noticeId: Number(accept[1]), deadline };
  }
  const dismiss = DISMISS_EN.exec(text) ?? DISMISS_JA.exec(text);
  if (dismiss) return { type: "noticeDecision", decision: "dismiss", noticeId: Number(dismiss[1]), deadline: null };
  const review = REVIEW_EN.exec(text) ?? REVIEW_JA.exec(text);
  if (review) return { type: "notices", noticeId: Number(review[1] ?? review[2]) };
  if (QUEUE_EN.test(text) || QUEUE_JA.test(text)) return { type: "notices", noticeId: null };
  return null;
}
