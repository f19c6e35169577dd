/** A calendar date found in text, with where it was. */
export interface FoundDate {
  readonly iso: string;
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

const MONTHS: Record<string, number> = {
  jan: 1, january: 1, feb: 2, february: 2, mar: 3, march: 3, apr: 4, april: 4, may: 5, jun: 6, june: 6,
  jul: 7, july: 7, aug: 8, august: 8, sep: 9, sept: 9, september: 9, oct: 10, october: 10, nov: 11, november: 11,
  dec: 12, december: 12,
};
const MONTH = "(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?";
const DAY = "(\\d{1,2})(?:st|nd|rd|th)?";
const YEAR = "((?:19|20)\\d{2})";
/**
 * What stands between a day and its year: blanks, or a comma and blanks. Not a comma alone ("February 28,2025"): read as a
 * day, it cost a held-out text its deadline (the batch-14 session's floor test), though it fixed one tuning text.
 */
const YEAR_AFTER = ",?\\s+";
/**
 * Where a written-out date ends: at a word's end, or where a word runs on from its year ("July 1, 2027Rollout end: …"): a page
 * flattened to text loses the line break between a field and the next, as it loses the space after a full stop. Two letters,
 * in either case (the date patterns ignore case): a year is written with no letters after it, so any glued on start a word.
 */
const YEAR_END = "(?:\\b|(?=[A-Z][a-z]))";

function iso(y: number, m: number, d: number): string | null {
  if (m < 1 || m > 12 || d < 1 || d > 31 || y < 1990 || y > 2100) return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCMonth() !== m - 1) return null;
  return `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

/** `YYYY-MM-DD` naming a day that exists (not 2027-02-30), in the years a notice's date may fall in. */
export function isCalendarDay(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  return m !== null && iso(+m[1]!, +m[2]!, +m[3]!) === s;
}

interface Pattern { re: RegExp; toIso: (m: RegExpExecArray) => string | null }

const PATTERNS: Pattern[] = [
  // 2025年8月31日 / 2025 年 3 月 1 日 (NFKC has already made digits ASCII) / 2025年の8月31日 (「の」 after the year: the same day)
  { re: /((?:19|20)\d{2})\s*年\s*(?:の\s*)?(\d{1,2})\s*月\s*(\d{1,2})\s*日/g, toIso: (m) => iso(+m[1]!, +m[2]!, +m[3]!) },
  // 令和7年3月1日 (Reiwa 1 = 2019)
  { re: /令和\s*(元|\d{1,2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日/g, toIso: (m) => iso(2018 + (m[1] === "元" ? 1 : +m[1]!), +m[2]!, +m[3]!) },
  // 31 August 2025, 31st Aug. 2025, 31 August, 2025, 31. August 2025, 31st of October 2024
  { re: new RegExp(`\\b${DAY}\\.?\\s+(?:of\\s+)?${MONTH}${YEAR_AFTER}${YEAR}${YEAR_END}`, "gi"), toIso: (m) => iso(+m[3]!, MONTHS[m[2]!.toLowerCase()] ?? 0, +m[1]!) },
  // August 31, 2025 / Aug 31st 2025 / June 30th of 2026 / September 18th of this year, 2026 (the year named, then given)
  { re: new RegExp(`\\b${MONTH}\\s+${DAY}${YEAR_AFTER}(?:of\\s+(?:(?:this|next|last|the same|the following)\\s+year,?\\s+)?)?${YEAR}${YEAR_END}`, "gi"), toIso: (m) => iso(+m[3]!, MONTHS[m[1]!.toLowerCase()] ?? 0, +m[2]!) },
  // 31-Oct-2025, 31-October-2025 (logs and portal exports)
  { re: new RegExp(`\\b${DAY}-${MONTH}-${YEAR}\\b`, "gi"), toIso: (m) => iso(+m[3]!, MONTHS[m[2]!.toLowerCase()] ?? 0, +m[1]!) },
  // 2025-08-31, 2025/8/31, 2025.08.31; and an ISO 8601 timestamp's day (2025-08-31T07:00:00Z: its "T" runs on from the day)
  { re: /\b((?:19|20)\d{2})[-/.](\d{1,2})[-/.](\d{1,2})(?:\b|(?=T\d{2}:\d{2}))/g, toIso: (m) => iso(+m[1]!, +m[2]!, +m[3]!) },
  // 31.08.2025: the dotted form is written day first wherever it is used
  { re: /\b(\d{1,2})\.(\d{1,2})\.((?:19|20)\d{2})\b/g, toIso: (m) => iso(+m[3]!, +m[2]!, +m[1]!) },
  // 08/31/2025 (US order, as Microsoft's English mails write it); 31/08/2025 when the first part cannot be a month
  {
    re: /\b(\d{1,2})\/(\d{1,2})\/((?:19|20)\d{2})\b/g,
    toIso: (m) => (+m[1]! > 12 ? iso(+m[3]!, +m[2]!, +m[1]!) : iso(+m[3]!, +m[1]!, +m[2]!)),
  },
];

/** Index of the first date in `sorted` (by start, not overlapping each other) that ends after `start`. */
function firstEndingAfter(sorted: readonly FoundDate[], start: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as FoundDate).end <= start) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Whether [start, end) overlaps a date in `sorted`; a binary search, so a mail of megabytes stays linear-ish. */
function overlaps(sorted: readonly FoundDate[], start: number, end: number): boolean {
  const i = firstEndingAfter(sorted, start);
  return i < sorted.length && (sorted[i] as FoundDate).start < end;
}

/**
 * A web address: a date inside it is part of the address (an API version "…/2024-01-01/namespaces", a blog's path).
 * Only the characters an address is written with: Japanese text glued to its end (「…/tls2027年3月1日に」) is not part of it.
 */
const URL = /\b(?:https?:\/\/|www\.)[A-Za-z0-9\-._~:/?#@!$&*+,;=%]+/gi;

/** The stretch `d` lies wholly inside one of `spans` (a web address, a sentence that carries the TLS evidence). */
export function insideSpan(d: { start: number; end: number }, spans: ReadonlyArray<{ start: number; end: number }>): boolean {
  return spans.some((t) => d.start >= t.start && d.end <= t.end);
}

export function findDates(text: string): FoundDate[] {
  // Kept sorted by start: an earlier pattern wins where two overlap. A date wholly inside a web address is left out
  // (one that runs on past the address's end is text glued to it).
  const found: FoundDate[] = [];
  const urls = text.includes("://") || /www\./i.test(text) ? [...text.matchAll(URL)].map((m) => ({ start: m.index, end: m.index + m[0].length })) : [];
  for (const p of PATTERNS) {
    p.re.lastIndex = 0;
    for (let m = p.re.exec(text); m; m = p.re.exec(text)) {
      const value = p.toIso(m);
      const start = m.index;
      const end = start + m[0].length;
      if (value && !overlaps(found, start, end) && !insideSpan({ start, end }, urls)) found.splice(firstEndingAfter(found, start), 0, { iso: value, start, end, text: m[0] });
    }
  }
  return found;
}

/** A month without a day ("in August 2020", 「2020 年 8 月」): when it is the notice's deadline, the day is unknown. */
/** `days`: the text's full dates (`findDates`), which a month inside them is part of. */
export function findMonths(text: string, days: readonly FoundDate[]): FoundDate[] {
  const found: FoundDate[] = [];
  const en = new RegExp(`\\b${MONTH}\\s+${YEAR}\\b`, "gi");
  for (const m of text.matchAll(en)) {
    const month = MONTHS[m[1]!.toLowerCase()] ?? 0;
    if (month > 0) found.push({ iso: `${m[2]}-${String(month).padStart(2, "0")}`, start: m.index, end: m.index + m[0].length, text: m[0] });
  }
  for (const m of text.matchAll(/((?:19|20)\d{2})\s*年\s*(?:の\s*)?(\d{1,2})\s*月(?!\s*\d{1,2}\s*日)/g)) {
    const month = +m[2]!;
    if (month >= 1 && month <= 12) found.push({ iso: `${m[1]}-${String(month).padStart(2, "0")}`, start: m.index, end: m.index + m[0].length, text: m[0] });
  }
  return found.filter((f) => !overlaps(days, f.start, f.end)).sort((a, b) => a.start - b.start);
}

/** A stretch of a year named without a month or day ("by Fall 2023", "in early 2017", 「2023年秋」): when it wins, no day is known. */
export interface FoundPeriod extends FoundDate {
  /** Its first and last day (`YYYY-MM-DD`), or null when the words give no clear months (winter, a fiscal year). */
  readonly within: readonly [string, string] | null;
}

/** Months (first, last) a period's words cover; absent: no clear months. */
const PERIOD_MONTHS: Record<string, readonly [number, number]> = {
  early: [1, 4], beginning: [1, 3], start: [1, 3], mid: [5, 8], middle: [5, 8], late: [9, 12], end: [9, 12],
  "first half": [1, 6], h1: [1, 6], "second half": [7, 12], h2: [7, 12], q1: [1, 3], q2: [4, 6], q3: [7, 9], q4: [10, 12],
  "first quarter": [1, 3], "second quarter": [4, 6], "third quarter": [7, 9], "fourth quarter": [10, 12],
  spring: [3, 5], summer: [6, 8], fall: [9, 11], autumn: [9, 11],
  初め: [1, 3], 初頭: [1, 3], 始め: [1, 3], 前半: [1, 6], 上半期: [1, 6], 半ば: [5, 8], 中頃: [5, 8], 後半: [7, 12], 下半期: [7, 12], 末: [10, 12],
  春: [3, 5], 夏: [6, 8], 秋: [9, 11], 第1四半期: [1, 3], 第2四半期: [4, 6], 第3四半期: [7, 9], 第4四半期: [10, 12],
};
const PERIOD_EN = new RegExp(
  "\\b(?:(early|mid|late)[-\\s]+|(?:the\\s+)?(beginning|start|middle|end|first half|second half|(?:first|second|third|fourth) quarter)\\s+of\\s+|" +
    "(spring|summer|fall|autumn|winter)\\s+(?:of\\s+)?|(Q[1-4]|H[12])\\s*)" + YEAR + "\\b",
  "gi",
);
const PERIOD_JA = /((?:19|20)\d{2})\s*年\s*(度\s*)?(春|夏|秋|冬|初め|初頭|始め|前半|後半|半ば|中頃|末|第\s*[1-4]\s*四半期|上半期|下半期)/g;

function periodOf(m: RegExpExecArray, year: number, words: string, fiscal: boolean): FoundPeriod {
  const months = fiscal ? undefined : PERIOD_MONTHS[words.toLowerCase().replace(/\s+/g, " ")];
  const last = months ? new Date(Date.UTC(year, months[1], 0)).getUTCDate() : 0;
  const within = months ? ([iso(year, months[0], 1) ?? "", iso(year, months[1], last) ?? ""] as const) : null;
  return { iso: `${year}~${words.toLowerCase()}`, start: m.index, end: m.index + m[0].length, text: m[0], within };
}

/**
 * A part of a year given as when something happens ("retiring by Fall 2023", "in early 2017", "mid-2014", "Q3 2023",
 * 「2023年秋」「2017年初頭」「2023年度末」): like a month alone, no day to track; a day the notice gives inside it may make it precise.
 * `days`: the text's full dates, which a period inside them is part of.
 */
export function findPeriods(text: string, days: readonly FoundDate[]): FoundPeriod[] {
  const found: FoundPeriod[] = [];
  for (const m of text.matchAll(PERIOD_EN)) found.push(periodOf(m, +m[5]!, (m[1] ?? m[2] ?? m[3] ?? m[4])!, false));
  for (const m of text.matchAll(PERIOD_JA)) found.push(periodOf(m, +m[1]!, m[3]!.replace(/\s+/g, ""), m[2] !== undefined));
  return found.filter((f) => !overlaps(days, f.start, f.end)).sort((a, b) => a.start - b.start);
}

/**
 * A time given only as near ("support ends soon", "shortly", "in the coming months", 「近日中に」「まもなく」), or only as
 * some time ahead ("at a later date", 「将来的に廃止」): when the change happens then, no day is known. "As soon as
 * (possible)" and "shortly after/before …" point at something else. A bare "in the future" is left out: notices say it of
 * what a client may meet ("will fail in the future") beside a change they do date.
 */
const SOON = /(?<!\bas\s+)\bsoon\b(?!\s+as\b)|\bshortly\b(?!\s+(?:after|before|thereafter)\b)|\bin the (?:near|foreseeable) future\b|\bin the (?:coming|next few) (?:days|weeks|months)\b|\bin (?:a few|several) (?:days|weeks|months)\b|\bat (?:a|some) (?:later|future) (?:date|point|time)\b|近日中|近日|近々|間もなく|まもなく|近い将来|将来的(?:に|には)/gi;

/** Each time given only as near, as a period with no known days (`within` null). */
export function findSoon(text: string): FoundPeriod[] {
  return [...text.matchAll(SOON)].map((m) => ({ iso: "soon", start: m.index, end: m.index + m[0].length, text: m[0], within: null }));
}

/** MONTH with each name capitalised, matched case-sensitively. */
const MONTH_CAPITALISED = MONTH.replace(/(^\(|\|)([a-z])/g, (_m, sep: string, c: string) => sep + c.toUpperCase());
const monthDay = (m: number, d: number): string | null => (m >= 1 && m <= 12 && d >= 1 && d <= 31 ? `${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}` : null);

/**
 * A day written without its year ("On 21st of August the grace period ends", 「11 月 1 日以降」), as `MM-DD`:
 * when it is what the notice points at, the deadline's year is a guess, so there is no day to track unless
 * the notice also writes that day in full. English month names count only capitalised ("you may 2 …").
 * `days`: the text's full dates (`findDates`), which a yearless day inside them is part of.
 */
export function findYearlessDays(text: string, days: readonly FoundDate[]): FoundDate[] {
  const found: FoundDate[] = [];
  const noYear = "(?![\\d,.]*\\s*(?:19|20)\\d{2})(?!\\d|:\\d)";
  const patterns: Array<[RegExp, (m: RegExpExecArray) => string | null]> = [
    [new RegExp(`\\b${DAY}\\.?\\s+(?:of\\s+)?${MONTH_CAPITALISED}${noYear}`, "g"), (m) => monthDay(MONTHS[m[2]!.toLowerCase()] ?? 0, +m[1]!)],
    [new RegExp(`\\b${MONTH_CAPITALISED}\\s+${DAY}\\b${noYear}`, "g"), (m) => monthDay(MONTHS[m[1]!.toLowerCase()] ?? 0, +m[2]!)],
    [/(?<![\d年]\s*)(\d{1,2})\s*月\s*(\d{1,2})\s*日/g, (m) => monthDay(+m[1]!, +m[2]!)],
  ];
  for (const [re, toIso] of patterns) {
    for (const m of text.matchAll(re)) {
      const value = toIso(m);
      if (value && !overlaps(days, m.index, m.index + m[0].length)) found.push({ iso: value, start: m.index, end: m.index + m[0].length, text: m[0] });
    }
  }
  return found.sort((a, b) => a.start - b.start);
}
