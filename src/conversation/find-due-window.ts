import type { Hit } from "./lexicon.ts";
import type { DueWindow } from "./intent.ts";

/** `YYYY-MM-DD` of an instant in a time zone. */
const formatters = new Map<string, Intl.DateTimeFormat>();

/** The last answer per zone and the minute it holds for: every zone's dates change on a whole minute. */
const lastDate = new Map<string, { minute: number; date: string }>();

export function dateIn(now: Date, timeZone: string): string {
  // Formatting in a zone costs more than the rest of a cached answer: asked on every question, it is
  // formatted once a minute.
  const minute = Math.floor(now.getTime() / 60_000);
  const last = lastDate.get(timeZone);
  if (last && last.minute === minute) return last.date;
  // Building an Intl formatter costs more than answering a question: one per zone, kept.
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" });
    formatters.set(timeZone, f);
  }
  const date = f.format(now);
  lastDate.set(timeZone, { minute, date });
  return date;
}

const addDays = (ymd: string, days: number) => new Date(Date.parse(`${ymd}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const endOfMonth = (y: number, m: number) => new Date(Date.UTC(y, m + 1, 0)).toISOString().slice(0, 10);

/**
 * The deadline window a question asks about: "this month" / 「今月」, "next 30 days" / 「30日以内」,
 * "soon" / 「期限が近い」… `null` when the question names no window.
 */
export function findDueWindow(text: string, hits: readonly Hit[], now: Date, timeZone: string, anchored = false): DueWindow | null {
  const today = dateIn(now, timeZone);
  const [y, m] = today.split("-").map(Number) as [number, number];
  const has = (c: string) => hits.some((h) => h.concept === `due.${c}`);
  // "today" or 「今月」 alone is not about deadlines (「今日の天気」): a deadline word, or a question that is
  // already about resources (「今週中に対応が必要なもの」), must be there too.
  if (!has("any") && !has("soon") && !anchored) return null;
  // "30 days", "2 weeks", "3 months", 「30日」「2週間」「3か月」 — a number right before a unit word.
  for (const unit of ["day", "week", "month"] as const) {
    for (const h of hits.filter((x) => x.concept === `due.${unit}`)) {
      const n = /(\d{1,3})\s*$/.exec(text.slice(Math.max(0, h.start - 6), h.start))?.[1];
      if (!n) continue;
      const amount = Number(n);
      if (amount <= 0) continue;
      const days = unit === "day" ? amount : unit === "week" ? amount * 7 : amount * 30;
      return { from: today, to: addDays(today, days), label: `${unit}s`, amount };
    }
  }
  const month = monthWindow(text, today);
  if (month) return month;
  if (has("today")) return { from: today, to: today, label: "today" };
  if (has("tomorrow")) return { from: today, to: addDays(today, 1), label: "tomorrow" };
  if (has("thisWeek")) {
    const dow = (new Date(`${today}T00:00:00Z`).getUTCDay() + 6) % 7;
    return { from: today, to: addDays(today, 6 - dow), label: "thisWeek" };
  }
  if (has("nextWeek")) {
    const dow = (new Date(`${today}T00:00:00Z`).getUTCDay() + 6) % 7;
    return { from: addDays(today, 7 - dow), to: addDays(today, 13 - dow), label: "nextWeek" };
  }
  if (has("thisMonth")) return { from: today, to: endOfMonth(y, m - 1), label: "thisMonth" };
  if (has("nextMonth")) return { from: endOfMonth(y, m - 1) === today ? addDays(today, 1) : addDays(endOfMonth(y, m - 1), 1), to: endOfMonth(y, m), label: "nextMonth" };
  if (has("thisYear")) return { from: today, to: `${y}-12-31`, label: "thisYear" };
  if (has("soon")) return { from: null, to: addDays(today, 30), label: "soon" };
  if (has("any")) return { from: null, to: addDays(today, 90), label: "upcoming" };
  return null;
}

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

/**
 * "before March", "by end of march 2027", "due in April", 「3月までに」「2027年3月中に」: a window ending with
 * (or before) a named month — the next such month unless a year is given.
 */
function monthWindow(text: string, today: string): DueWindow | null {
  const [y, m] = today.split("-").map(Number) as [number, number];
  let monthIndex: number | null = null;
  let year: number | null = null;
  let mode: "before" | "by" | "in" | null = null;
  const en = /\b(before|by|until|till|through|in|during|by the end of|by end of)\s+(?:the\s+)?(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?(?:\s+(20\d\d))?\b/.exec(text);
  if (en) {
    monthIndex = MONTHS.indexOf((en[2] as string).slice(0, 3));
    year = en[3] ? Number(en[3]) : null;
    mode = en[1] === "before" ? "before" : en[1] === "in" || en[1] === "during" ? "in" : "by";
  }
  const ja = /(?:(20\d\d)\s*年\s*)?(1[0-2]|[1-9])\s*月\s*(までに|まで|より前|以前|中に|中|に期限|の期限|末まで)/.exec(text);
  if (!en && ja) {
    monthIndex = Number(ja[2]) - 1;
    year = ja[1] ? Number(ja[1]) : null;
    mode = ja[3] === "より前" ? "before" : ja[3] === "中に" || ja[3] === "中" || ja[3] === "に期限" || ja[3] === "の期限" ? "in" : "by";
  }
  if (monthIndex === null || monthIndex < 0 || mode === null) return null;
  const target = year ?? (monthIndex + 1 >= m ? y : y + 1);
  const first = `${target}-${String(monthIndex + 1).padStart(2, "0")}-01`;
  const last = endOfMonth(target, monthIndex);
  if (mode === "before") return { from: null, to: addDays(first, -1), label: "beforeDate", date: first };
  if (mode === "in") return { from: first, to: last, label: "inMonth", date: first };
  return { from: null, to: last, label: "byDate", date: last };
}
