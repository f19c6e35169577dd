import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { ParsedNotice } from "../../src/notices/notice.ts";

export const CORPUS_DIR = "test/notices/corpus";

export interface Expectation {
  isTls: boolean;
  isRetirement: boolean;
  actionRequired: boolean;
  deadline: string | null;
  trackingId: string | null;
  resourceTypes: string[];
  trusted: boolean;
  language: "ja" | "en";
  forwarded?: boolean;
  link?: string;
  subscriptionIds?: string[];
  resourceIds?: number;
}

export function loadExpectations(): Record<string, Expectation> {
  return JSON.parse(readFileSync(join(CORPUS_DIR, "expected.json"), "utf8")) as Record<string, Expectation>;
}

const FIELDS = ["isTls", "isRetirement", "actionRequired", "deadline", "trackingId", "resourceTypes", "trusted", "language"] as const;

/** Per-field accuracy over the corpus, printed as a table so a regression shows which field slipped. */
export function accuracyReport(results: ReadonlyArray<{ file: string; notice: ParsedNotice; expected: Expectation }>): { lines: string[]; byField: Record<string, number>; misses: string[] } {
  const byField: Record<string, number> = {};
  const misses: string[] = [];
  for (const field of FIELDS) {
    let ok = 0;
    for (const r of results) {
      const got = field === "trusted" ? r.notice.trust.trusted : field === "resourceTypes" ? [...r.notice.resourceTypes].sort() : r.notice[field];
      const want = field === "resourceTypes" ? [...r.expected.resourceTypes].sort() : r.expected[field];
      if (JSON.stringify(got) === JSON.stringify(want)) ok++;
      else misses.push(`${r.file}: ${field} expected ${JSON.stringify(want)}, got ${JSON.stringify(got)}`);
    }
    byField[field] = ok / results.length;
  }
  const lines = FIELDS.map((f) => `  ${f.padEnd(15)} ${(100 * (byField[f] ?? 0)).toFixed(1).padStart(5)}%`);
  return { lines: [`notice corpus: ${results.length} mails`, ...lines], byField, misses };
}
