import { CUES } from "./cues.ts";
import { findDates, findMonths, findPeriods, findSoon, findYearlessDays, insideSpan, type FoundDate } from "./find-dates.ts";
import { EVIDENCE } from "./evidence-vocabulary.ts";
import { BOUNDARY } from "./tls-evidence.ts";

/**
 * What the deadline reader knows about one date of a notice, as numbers: the same signals for every weight
 * set (the hand weights, or weights learned from the labelled notices), so a learned ranker sees exactly
 * what the hand rules saw. Counts, not flags, where the hand rules counted each matching cue.
 */
export const DEADLINE_FEATURES = [
  /** A "by/from/on/until/以降 …" right before or after the date (counted once). */
  "deadlineWhen",
  /** Kinds of ending wording near the date (retire, no longer, 廃止 …), each kind counted. */
  "deadlineNear",
  /** Any verb of ending in the same sentence (the verb may come late). */
  "endingVerb",
  /** Kinds of "announced/published/portal/originally" wording just before the date or in the line's label. */
  "announcementNear",
  /** Japanese "… に公開" just after the date: when it was said. */
  "announcementAfter",
  /** A forwarded mail's header line ("Sent:", "Date:"). */
  "headerLine",
  /** Inside a sentence that itself says legacy TLS ends (or TLS 1.2 is required). */
  "inTlsSentence",
  /** How often the same day recurs, beyond the first, capped. */
  "repeats",
  /** The day is also in the subject. */
  "inSubject",
  /** The sentence speaks of what will happen. */
  "futureSentence",
  /** The day a schedule was moved to ("extended until …", 「… まで延期」). */
  "movedTo",
  /** Within two days of the mail's own date. */
  "nearMailDate",
  /** The notice says this day was pushed out or cancelled; no other signal of it counts. */
  "voided",
  /** Only a month, or a day without its year (not weighted by hand: the reader resolves it afterwards). */
  "partial",
] as const;

export type DeadlineFeature = (typeof DEADLINE_FEATURES)[number];
export type FeatureVector = Readonly<Record<DeadlineFeature, number>>;

export interface Candidate extends FoundDate {
  /** Only a month is given, or a day without its year: if this wins, the notice has no day to track. */
  readonly partial: boolean;
  /** A day without its year (`iso` is `MM-DD`). */
  readonly yearless?: boolean;
  /** A part of a year ("Fall 2023", 「2023年秋」): `within` is its first and last day when its words give them. */
  readonly vague?: boolean;
  readonly within?: readonly [string, string] | null;
}

export interface FeaturedCandidate {
  readonly d: Candidate;
  readonly f: FeatureVector;
}

/** What the old behaviour's end is said with, in any wording the TLS reader knows (retire, disable, 停止, reject, require …). */
const ENDING_WORDS: readonly RegExp[] = [...EVIDENCE.ending, ...EVIDENCE.restricting, ...EVIDENCE.requiring];

export const DAY_MS = 86_400_000;

/** "The dates for May 31 2022 have been pushed out": that day no longer holds, wherever else it is written. */
const VOIDED_AFTER = [/^[^.。\n]{0,40}?\b(?:ha(?:s|ve) been|was|were|is being|are being)\s+(?:pushed (?:out|back)|postponed|delayed|deferred|cancell?ed|withdrawn)\b/i, /^\s*(?:の[^。\n]{0,12})?(?:は|が)\s*(?:延期|中止|撤回)/, /^\s*から[^。\n]{0,30}?(?:まで|に)\s*延期/];
/**
 * A temporary shutdown before the permanent one: "brownout", "temporarily disabled/reversed", 「一時的に停止」, or
 * a shutdown for a stated span of hours or days ("disable TLS 1.0 for one hour", 「2時間だけ無効化」): a span
 * that ends is no retirement, it is a test.
 */
const BROWNOUT = new RegExp(
  [
    /\bbrown-?outs?\b|\btemporar(?:y|ily)\b[^.\n]{0,60}?\b(?:disabl|reject|block|shut|turn(?:ed|ing)? off|switch(?:ed|ing)? off|revers|re-?enabl|restor)/.source,
    /\b(?:disabl|reject|block|shut|turn(?:ed|ing)? off|switch(?:ed|ing)? off)[^.\n]{0,60}?\bfor\s+(?:an?|one|two|three|several|a few|\d+)\s+(?:minutes?|hours?|days?)\b/.source,
    /ブラウンアウト|一時的(?:に|な)[^。\n]{0,30}?(?:停止|無効|遮断|拒否)/.source,
    /(?:\d+|一|二|三|数)\s*(?:分間|時間|日間)(?:だけ|のみ|にわたり|にわたって|限定で)[^。\n]{0,30}?(?:停止|無効|遮断|拒否)/.source,
  ].join("|"),
  "i",
);
/** The change for good: "this time permanently", 「恒久的に」, 「完全に停止」. */
const PERMANENT = /\bpermanent(?:ly)?\b|\bfor good\b|恒久的|完全(?:に|な)\s*(?:停止|廃止|無効|遮断)/i;
/**
 * "… extended the support until 15 October 2020", 「2025 年 8 月 31 日まで延期」: the day a schedule was moved to, later or
 * earlier ("decided to push up the date they stop accepting TLS 1.0 to …", "brought forward to"). A version's dot is not a sentence's end.
 */
const MOVED_TO_BEFORE = /\b(?:postponed|extended|delayed|push(?:ed|es|ing)?(?: out| back| up| forward)?|moved|deferred|rescheduled|br(?:ought|ing|ings|inging) forward|pull(?:ed|s|ing)? (?:in|forward))\b(?:[^.\n]|\.(?=\d)){0,60}?\b(?:to|until|till)(?: the)?\s*$/i;
/**
 * An addendum's stamp opening its line ("Update (June 6, 2027): …", "EDIT 2027-06-06: …"): the day the page was edited. Read
 * from the line's real start: in a window of the words before a date, "update (" could open the window mid-sentence.
 */
const ADDENDUM_STAMP = /^[\s*#>\-•[(]*(?:update|edit|addendum)\s*[([]?\s*$/i;
const MOVED_TO_AFTER = /^\s*(?:まで|に|へ)\s*(?:延期|延長|前倒し)/;
/**
 * A day a standard or an industry body requires ("the PCI SSC has mandated that TLS 1.0 must be disabled by …", "NIST requires
 * … by", 「業界団体は…までに無効化するよう求めています」): that body's deadline, told as background; the notice's own day for its
 * change, when it gives one, is what happens. Its "by" does not count as the notice's point in time. "Mandate" counts as a verb
 * only before "that" and after no article or possessive ("PCI DSS requirements mandate that …"); a mandate named as a noun
 * ("under the PCI DSS mandate, … will disable TLS 1.0 by …", "per a standards body's mandate that …") is no body's day.
 */
const MANDATE_BEFORE = /\b(?:PCI(?:[ -](?:SSC|DSS|Council|Security Standards Council))?|NIST|IETF|standards? bod(?:y|ies)|(?:the )?industry(?: standards?)?|regulators?|card (?:brands|networks))\b(?:[^.\n]|\.(?=\d)){0,40}?\b(?:has |have |had )?(?:mandated|(?<!['’]s |\b(?:a|an|the|its|their|this|that) )mandates?(?=\s+that\b)|requires?|required|set a deadline)\b(?:[^.\n]|\.(?=\d)){0,60}?\b(?:by|before|no later than|of)(?: the)?\s*$/i;
const MANDATE_AFTER = /^\s*(?:\([^)]{1,6}\))?\s*(?:まで(?:に)?)[^。\n]{0,30}?(?:よう|ことを|ように)\s*(?:求め|要求|義務付け)/;

/** The words around a day (`before` it, `after` it, in its sentence) say a standard or an industry body requires it. */
export const mandatedBy = (before: string, after: string): boolean => MANDATE_BEFORE.test(before) || MANDATE_AFTER.test(after);

/** A sentence about what will happen: a notice's deadline is ahead of it, its background (a standard's old deadline) behind. */
const FUTURE = /\bwill\b|\bis (?:going|scheduled|planned|set) to\b|予定|(?:され|なり|し|終了し|廃止され)ます(?!た)/i;

/**
 * A day that says which resources a sentence is about, not when anything changes: "regions added after 1 May 2020
 * support only TLS 1.2", "accounts created before …", 「2020年5月1日以降に作成されたリソース」.
 */
const WHICH_BEFORE = /\b(?:added|created|deployed|provisioned|registered|launched|opened|onboarded|introduced|built)\s+(?:on\s+or\s+|in\s+or\s+)?(?:after|before|since|from|on|prior\s+to)(?:\s+the)?\s*$/i;
const WHICH_AFTER = /^\s*(?:\([^)]{1,6}\))?\s*(?:以降|以前|より(?:前|後)|から|まで)\s*に?\s*(?:追加|作成|デプロイ|登録|開設|導入|構築)(?:され|し)た/;
/**
 * A day or month that names which event a sentence is about, an exam, a seminar or a conference held then ("applications for
 * the exam held in May 2027", 「2027年5月実施検定試験の受験申請」「6月開催のセミナー」): no point in time for the change either.
 */
const EVENT_BEFORE = /\b(?:exams?|examinations?|seminars?|webinars?|conferences?|courses?|trainings?|workshops?|tournaments?)\s+(?:held|taking place|being held|to be held)\s+(?:in|on|during)(?:\s+the)?\s*$/i;
const EVENT_AFTER = /^\s*(?:\([^)]{1,6}\))?\s*(?:に)?(?:実施|開催)(?:予定)?(?:の|される|された|する)?\s*[^\s、。,]{0,8}?(?:試験|検定|セミナー|説明会|イベント|講座|講習|研修|大会|カンファレンス)/;

/**
 * A day whose clause tells what is already so, set against the change the notice brings (「2023年1月6日以降、HTTPS では
 * TLS 1.0 を無効化しておりますが、この度、メールについても…」, "Since 6 January 2023 the portal has accepted only TLS 1.2,
 * and now the mail relay will too"): background, not the deadline.
 */
const BACKGROUND_JA = /^[^。\n]{0,160}?(?:(?:て|で)(?:おり|い)ます|(?:まし|てき)た)(?:が|けれども|けど)[、,]\s*(?:この度|このたび|今回|今般|新たに|さらに|併せて|あわせて)/;
/** English says it after "since": "Since X, … has accepted only TLS 1.2, and now …". */
const BACKGROUND_EN = /^(?:[^.\n]|\.(?=\d)){0,160}?\b(?:has|have) (?:been|had|accepted|used|supported|required|disabled|allowed|refused|rejected)\b(?:[^.\n]|\.(?=\d)){0,120}?(?:[;,]|\band\b)\s*(?:but\s+)?(?:now|this time|from now on)\b/i;
const BACKGROUND_BEFORE = /\bsince(?: the)?\s*$/i;

/**
 * The notice's headline opening on a bracketed date (「[2027年2月9日] TLS 1.0 無効化のお知らせ」, "【2027.02.09】…",
 * "[Feb 9, 2027] Notice: …"): the day the post went out, as a news list prints it; its words of ending are the headline's.
 */
const DATELINE_OPEN = /^\s*[[【]\s*$/;
const DATELINE_CLOSE = /^\s*[\]】]\s*\S/;

/**
 * A month the notice gives only as an estimate, its exact timing to come (「詳細な時期は今後ご案内いたしますが、4月上旬を想定」,
 * "expected in April 2027; the exact date will be announced later"): no point in time yet, so it outweighs no day the notice does give.
 */
const PROVISIONAL = /(?:今後|追って|改めて|別途)\s*(?:ご案内|お知らせ|告知|ご連絡)|想定し|見込み|\b(?:will be|to be) (?:announced|confirmed|communicated|shared|published)\b|\btentative(?:ly)?\b|\b(?:expected|estimated|anticipated) (?:to (?:be|happen|take place) )?(?:around|in|during)\b/i;

/**
 * The stretches of a pasted page that are HTML comments (`<!-- … -->`): notes the page's writers left for each other
 * (an old notice kept out of sight, a change log), which no reader of the page sees. A day inside one is not the
 * notice's. Found with indexOf, once per comment; an unclosed `<!--` hides nothing here.
 */
function hiddenComments(text: string): Array<{ start: number; end: number }> {
  const spans: Array<{ start: number; end: number }> = [];
  for (let at = text.indexOf("<!--"); at >= 0; ) {
    const close = text.indexOf("-->", at + 4);
    if (close < 0) break;
    spans.push({ start: at, end: close + 3 });
    at = text.indexOf("<!--", close + 3);
  }
  return spans;
}

/** A weekday right before a date, spelled out or abbreviated with its dot or comma ("Sunday", "Tue.", "Sat,"). */
const WEEKDAY_BEFORE = /\b(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[.,])\s*,?\s*$/i;

/** Where the sentence holding `at` starts and ends: cues in a neighbouring sentence say nothing about a date. */
function sentenceAround(text: string, start: number, end: number): [number, number] {
  const window = text.slice(Math.max(0, start - 300), start);
  let from = Math.max(0, start - 300);
  for (const m of window.matchAll(BOUNDARY)) from = Math.max(0, start - 300) + m.index + m[0].length;
  const rest = new RegExp(BOUNDARY.source).exec(text.slice(end, end + 300));
  return [from, rest ? end + rest.index : Math.min(text.length, end + 300)];
}

/**
 * What labels a date in a notice laid out as a form: the words before it on its line, or, when the date opens
 * its line, the nearest non-empty line above it (a heading such as 「■実施日時」). Short: a label, not a paragraph.
 */
function whenLabel(text: string, lineStart: number, start: number): string {
  const onLine = text.slice(lineStart, start);
  // A list marker before the date ("• 2027年2月10日", "- 10 Feb 2027") is no label: the heading above labels it.
  if (!/^[\s\-*•・●○◆◇■□▪▶►>]*$/.test(onLine)) return onLine.slice(-40);
  let at = lineStart - 1;
  for (let i = 0; i < 3 && at > 0; i++) {
    const prevStart = text.lastIndexOf("\n", at - 1) + 1;
    const prev = text.slice(prevStart, at).trim();
    if (prev) return prev.length <= 40 ? prev : "";
    at = prevStart - 1;
  }
  return "";
}

/** What may stand on a date's line beside it when the date is the line's heading: a list marker, a weekday or time, markup. */
const BARE_DATE_LINE = /^[\s\-*•・#>|]*$/;
const BARE_DATE_TAIL = /^\s*(?:\([^)]{1,6}\))?[\s|*#]*$/;

/** The date is alone on its line, which ends at `lineEnd`. */
function aloneOnLine(text: string, d: Candidate, lineEnd: number): boolean {
  return BARE_DATE_LINE.test(text.slice(text.lastIndexOf("\n", d.start) + 1, d.start)) && BARE_DATE_TAIL.test(text.slice(d.end, lineEnd));
}

/**
 * A date alone on its line whose next line (blank lines aside) is a title that says legacy TLS ends: a changelog's or
 * news list's entry, its date set above its title ("January 21, 2027" then "Deprecation of TLS 1.0 and 1.1"). The date
 * is that title's own, as if written in it. A letter's date line above its first sentence is not (a title has no full stop).
 */
function headsTlsLine(text: string, d: Candidate, tlsSpans: ReadonlyArray<{ start: number; end: number }>): boolean {
  if (tlsSpans.length === 0) return false;
  const nl = text.indexOf("\n", d.end);
  if (nl < 0 || !aloneOnLine(text, d, nl)) return false;
  const next = /^\n(?:[ \t]*\n){0,2}[ \t]*(?=\S)/.exec(text.slice(nl, nl + 80));
  if (!next) return false;
  const at = nl + next[0].length;
  // A title, not a letter's first sentence under its date line: short, on one line, with no full stop.
  const title = (t: { start: number; end: number }): boolean => t.end - t.start <= 120 && !/[\n.。!！]\s*$|\n/.test(text.slice(t.start, t.end));
  return tlsSpans.some((t) => t.start >= at && t.start <= at + 4 && /^[-*•・#>\s]*$/.test(text.slice(at, t.start)) && title(t));
}

/**
 * A date alone on its line right under the text's first line, its headline (blank lines aside): an article's byline,
 * the day the page went out (「各種ブラウザが TLS 1.0 を無効化」 then 「2027年7月28日」). A changelog's date heads the
 * entry below it and stands under the page's title only for its first entry, whose title is then no headline of the
 * page: a headline here is one line that is not itself a date.
 */
function bylineUnderHeadline(text: string, d: Candidate): boolean {
  const nl = text.indexOf("\n", d.end);
  if (!aloneOnLine(text, d, nl < 0 ? text.length : nl)) return false;
  // Everything above the date, trimmed, found from both ends rather than copied: a pasted log has thousands of dates alone on their lines.
  let end = text.lastIndexOf("\n", d.start) + 1;
  while (end > 0 && /\s/.test(text[end - 1]!)) end--;
  const begin = text.search(/\S/);
  if (begin < 0 || end <= begin || end - begin > 120) return false;
  const above = text.slice(begin, end);
  return !above.includes("\n") && findDates(above).length === 0;
}

/** The date opens a sentence whose verb is a past announcement (cues.ts `announcementSentence`). */
function announcedSentence(text: string, sStart: number, sEnd: number, d: Candidate): boolean {
  const { opening, closing } = CUES.announcementSentence;
  if (!opening.test(text.slice(sStart, d.start).trimStart())) return false;
  const tail = text.slice(d.end, Math.min(sEnd + 1, text.length));
  return closing.some((re) => re.test(tail));
}

/** How much a date's repetition counts at most: a notice repeats its deadline a few times, a statement repeats its period thousands. */
const MAX_REPEATS_COUNTED = 2;
const MAX_CANDIDATES = 2000;

const ZERO: FeatureVector = Object.fromEntries(DEADLINE_FEATURES.map((k) => [k, 0])) as Record<DeadlineFeature, number>;
const flag = (b: boolean): number => (b ? 1 : 0);

interface Context {
  readonly text: string;
  readonly repeats: ReadonlyMap<string, number>;
  readonly mailDate: string | null;
  readonly subjectDates: ReadonlySet<string>;
  readonly tlsSpans: ReadonlyArray<{ start: number; end: number }>;
  readonly voided: ReadonlySet<string>;
  readonly hidden: ReadonlyArray<{ start: number; end: number }>;
}

function featuresOf(d: Candidate, c: Context): FeatureVector {
  const { text } = c;
  // A day the notice says was pushed out is no deadline, however it is worded elsewhere: only that counts.
  if (c.voided.has(d.iso)) return { ...ZERO, voided: 1, partial: flag(d.partial) };
  // A day in an HTML comment is hidden from whoever reads the page: nothing about it counts.
  if (c.hidden.length > 0 && insideSpan(d, c.hidden)) return { ...ZERO, partial: flag(d.partial) };
  const [sStart, sEnd] = sentenceAround(text, d.start, d.end);
  const repeats = Math.min(MAX_REPEATS_COUNTED, (c.repeats.get(d.iso) ?? 1) - 1);
  // A sentence that opens on its date and closes on "announced": its words of ending are what was announced,
  // the date is when it was said (repeats still count: a deadline the notice writes again elsewhere stands).
  if (announcedSentence(text, sStart, sEnd, d)) return { ...ZERO, announcementAfter: 1, repeats, partial: flag(d.partial) };
  // A weekday written before the date ("on Sunday, July 1 2018", "as of Tue. March 31") is part of the date: the words before it count.
  const before = text.slice(Math.max(sStart, d.start - 80), d.start).replace(WEEKDAY_BEFORE, "");
  const after = text.slice(d.end, Math.min(sEnd, d.end + 50));
  if (d.partial && !d.yearless && PROVISIONAL.test(text.slice(sStart, sEnd))) return { ...ZERO, partial: 1 };
  // "Regions added after 1 May 2020 …", "the exam held in May 2027": the day picks out resources or an event; no point in time for the change.
  if (WHICH_BEFORE.test(before) || WHICH_AFTER.test(after) || EVENT_BEFORE.test(before) || EVENT_AFTER.test(after)) return { ...ZERO, partial: flag(d.partial) };
  // 「…以降、…を無効化しておりますが、この度…」: what already is, told before the change the notice brings.
  const clause = text.slice(d.end, Math.min(sEnd, d.end + 300));
  if (BACKGROUND_JA.test(clause) || (BACKGROUND_BEFORE.test(before) && BACKGROUND_EN.test(clause))) return { ...ZERO, repeats, partial: flag(d.partial) };
  const lineStart = text.lastIndexOf("\n", d.start) + 1;
  if (DATELINE_OPEN.test(text.slice(lineStart, d.start)) && DATELINE_CLOSE.test(text.slice(d.end, d.end + 20)) && !/\S/.test(text.slice(0, lineStart))) {
    return { ...ZERO, announcementNear: 1, repeats, partial: flag(d.partial) };
  }
  if (bylineUnderHeadline(text, d)) return { ...ZERO, announcementNear: 1, repeats, partial: flag(d.partial) };
  const line = text.slice(lineStart, text.indexOf("\n", d.end) >= 0 ? text.indexOf("\n", d.end) : text.length);
  // The ending verb may come late in its sentence: "On 1 July 2025, in alignment with …, TLS 1.0/1.1 will be retired for …".
  const rest = text.slice(d.end, Math.min(sEnd, d.end + 120));
  // A label at the start of the line ("Published date: …") or words just before the date say when it was written.
  const label = /^[^:：\n]{0,25}[:：]/.exec(line)?.[0] ?? "";
  // "Moved to X" says when as plainly as "on X": the day a schedule was moved to is a point something happens by.
  const movedTo = MOVED_TO_BEFORE.test(before) || MOVED_TO_AFTER.test(after);
  // "The PCI SSC has mandated that TLS 1.0 must be disabled by …": a standard's day, not one the notice sets for its own change.
  const mandated = mandatedBy(before, after);
  return {
    deadlineWhen: flag(movedTo || (!mandated && CUES.deadlineWhen.some((cue) => cue.test(before) || cue.test(after)) || CUES.deadlineLabel.some((cue) => cue.test(whenLabel(text, lineStart, d.start))))),
    deadlineNear: CUES.deadlineNear.filter((cue) => cue.test(before) || cue.test(after)).length,
    endingVerb: flag(ENDING_WORDS.some((cue) => cue.test(before) || cue.test(rest))),
    announcementNear: CUES.announcementNear.filter((cue) => cue.test(before.slice(-40)) || cue.test(label)).length + flag(ADDENDUM_STAMP.test(text.slice(lineStart, d.start).replace(WEEKDAY_BEFORE, ""))),
    announcementAfter: flag(CUES.announcementAfter.some((cue) => cue.test(after))),
    // Header lines of a forwarded mail carry the forward's date, never the deadline.
    headerLine: flag(/^(?:Sent|Date|送信日時|日付|Received)\s*[:：]/i.test(line)),
    inTlsSentence: flag(insideSpan(d, c.tlsSpans) || headsTlsLine(text, d, c.tlsSpans)),
    repeats,
    inSubject: flag(c.subjectDates.has(d.iso)),
    futureSentence: flag(FUTURE.test(text.slice(sStart, sEnd))),
    movedTo: flag(movedTo),
    nearMailDate: flag(!d.partial && !!c.mailDate && Math.abs(Date.parse(d.iso) - Date.parse(c.mailDate.slice(0, 10))) <= 2 * DAY_MS),
    voided: 0,
    partial: flag(d.partial),
  };
}

/**
 * A day that nothing around it marks as a point in time, only its recurring: a thread's or a log's post dates ("alice ·
 * comment · 2016-06-29" twice, a signature under each reply), an invoice period on every line. Repeating a day makes a
 * deadline the notice gives with its wording surer; it makes no deadline of a day given with none.
 */
function dropUnwordedRepeats(f: FeatureVector): FeatureVector {
  return f.repeats > 0 && DEADLINE_FEATURES.every((k) => k === "repeats" || k === "partial" || f[k] === 0) ? { ...f, repeats: 0 } : f;
}

/** What a notice offers as its deadline: every date in it with its features, or only the subject's day. */
export type DeadlineCandidates =
  | { readonly kind: "text"; readonly candidates: readonly FeaturedCandidate[] }
  /** The text gives no full day, the subject does. */
  | { readonly kind: "subject"; readonly date: FoundDate }
  | { readonly kind: "none" };

export function deadlineCandidates(subject: string, text: string, mailDate: string | null, tlsSpans: ReadonlyArray<{ start: number; end: number }> = []): DeadlineCandidates {
  const days = findDates(text);
  let dates: Candidate[] = [
    ...days.map((d) => ({ ...d, partial: false })), ...findMonths(text, days).map((d) => ({ ...d, partial: true })),
    ...findYearlessDays(text, days).map((d) => ({ ...d, partial: true, yearless: true })),
    ...findPeriods(text, days).map((d) => ({ ...d, partial: true, vague: true })),
  ].sort((a, b) => a.start - b.start);
  // A time given only as near ("TLS 1.0 support ends soon", 「近日中に終了」) is when its sentence's change happens, unless
  // the sentence also dates it ("soon: on 1 May"): like a part of a year it gives no day, and another matter's day
  // in the same text does not stand in for it.
  const soon = findSoon(text).filter((s) => {
    const [sStart, sEnd] = sentenceAround(text, s.start, s.end);
    return !dates.some((d) => d.start >= sStart && d.end <= sEnd);
  });
  if (soon.length > 0) dates = [...dates, ...soon.map((d) => ({ ...d, partial: true, vague: true }))].sort((a, b) => a.start - b.start);
  const subjectDays = findDates(subject);
  if (!dates.some((d) => !d.partial)) return subjectDays[0] ? { kind: "subject", date: subjectDays[0] } : { kind: "none" };
  // A mail of megabytes (a statement, a log pasted in) holds tens of thousands of dates: the ones in the
  // sentences that carry the TLS evidence always count, of the rest only the first few thousand are scored.
  if (dates.length > MAX_CANDIDATES) {
    dates = dates.filter((d, i) => i < MAX_CANDIDATES || insideSpan(d, tlsSpans));
  }
  const repeats = new Map<string, number>();
  for (const d of dates) repeats.set(d.iso, (repeats.get(d.iso) ?? 0) + 1);
  const voided = new Set(dates.filter((d) => VOIDED_AFTER.some((re) => re.test(text.slice(d.end, d.end + 80)))).map((d) => d.iso));
  // A brownout (a temporary shutdown to let customers find problems) before the permanent change: the day the notice
  // calls permanent is the deadline, the brownout's days before it are tests.
  if (BROWNOUT.test(text)) {
    const permanent = dates.filter((d) => !d.partial && PERMANENT.test(text.slice(...sentenceAround(text, d.start, d.end)))).map((d) => d.iso).sort();
    const last = permanent.at(-1);
    if (last) for (const d of dates) if (!d.partial && d.iso < last) voided.add(d.iso);
  }
  const ctx: Context = { text, repeats, mailDate, subjectDates: new Set(subjectDays.map((d) => d.iso)), tlsSpans, voided, hidden: hiddenComments(text) };
  return { kind: "text", candidates: dates.map((d) => ({ d, f: dropUnwordedRepeats(featuresOf(d, ctx)) })) };
}
