import type { TFunction } from "i18next";
import type { Lang } from "./i18n.ts";

/** "12 days left", "due today", "3 days overdue". */
export function relativeDays(days: number, t: TFunction): string {
  return days > 0 ? t("scan:daysLeft", { count: days }) : days === 0 ? t("scan:dueToday") : t("scan:daysOverdue", { count: -days });
}

const MONTHS_EN = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** A `YYYY-MM-DD` date as a reader writes it: "1 Mar 2025" / 「2025年3月1日」. */
export function formatDate(date: string, lang: Lang): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(date);
  if (!m) return date;
  const [, y, mo, d] = m as unknown as [string, string, string, string];
  return lang === "ja" ? `${y}年${Number(mo)}月${Number(d)}日` : `${Number(d)} ${MONTHS_EN[Number(mo) - 1]} ${y}`;
}

/** Terminal columns a string takes: East Asian wide and full-width characters take two. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    const wide =
      (cp >= 0x1100 && cp <= 0x115f) || (cp >= 0x2e80 && cp <= 0xa4cf) || (cp >= 0xac00 && cp <= 0xd7a3) ||
      (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0xfe30 && cp <= 0xfe4f) || (cp >= 0xff00 && cp <= 0xff60) ||
      (cp >= 0xffe0 && cp <= 0xffe6) || (cp >= 0x1f300 && cp <= 0x1faff) || (cp >= 0x20000 && cp <= 0x3fffd);
    width += wide ? 2 : 1;
  }
  return width;
}

export function padEnd(text: string, width: number): string {
  return text + " ".repeat(Math.max(0, width - displayWidth(text)));
}

/** A plain-text table with columns sized by display width (Japanese headers line up). */
export function renderTable(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = headers.map((h, i) => Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[i] ?? ""))));
  const line = (cells: readonly string[]) => cells.map((c, i) => padEnd(c, widths[i] ?? 0)).join("  ").trimEnd();
  return [line(headers), widths.map((w) => "─".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}

/** A month as a reader writes it: "Mar 2027" / 「2027年3月」. */
export function formatMonth(date: string, lang: Lang): string {
  const m = /^(\d{4})-(\d{2})/.exec(date);
  if (!m) return date;
  return lang === "ja" ? `${m[1]}年${Number(m[2])}月` : `${MONTHS_EN[Number(m[2]) - 1]} ${m[1]}`;
}
