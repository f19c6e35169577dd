import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseNotice } from "../../src/notices/parse-notice.ts";
import type { ParsedNotice } from "../../src/notices/notice.ts";
import { accuracyReport, CORPUS_DIR, loadExpectations, type Expectation } from "./corpus-accuracy.ts";

const expectations = loadExpectations();
const results: Array<{ file: string; notice: ParsedNotice; expected: Expectation }> = [];

describe("notice corpus (en/ja, TLS and not, HTML-only, forwarded, ISO-2022-JP, Shift_JIS, QP, spoofed)", () => {
  for (const [file, expected] of Object.entries(expectations)) {
    it(file, async () => {
      const notice = await parseNotice(readFileSync(join(CORPUS_DIR, file)));
      results.push({ file, notice, expected });
      expect({
        isTls: notice.isTls, isRetirement: notice.isRetirement, actionRequired: notice.actionRequired, deadline: notice.deadline,
        trackingId: notice.trackingId, resourceTypes: [...notice.resourceTypes].sort(), trusted: notice.trust.trusted, language: notice.language,
      }).toEqual({
        isTls: expected.isTls, isRetirement: expected.isRetirement, actionRequired: expected.actionRequired, deadline: expected.deadline,
        trackingId: expected.trackingId, resourceTypes: [...expected.resourceTypes].sort(), trusted: expected.trusted, language: expected.language,
      });
      if (expected.forwarded !== undefined) expect(notice.forwarded).toBe(expected.forwarded);
      if (expected.link) expect(notice.links).toContain(expected.link);
      if (expected.subscriptionIds) expect(notice.subscriptionIds).toEqual(expected.subscriptionIds);
      if (expected.resourceIds !== undefined) expect(notice.resourceIds).toHaveLength(expected.resourceIds);
      // Every quoted piece of evidence is really in the text at the place it claims.
      for (const [field, ev] of Object.entries(notice.evidence)) {
        expect(notice.text.slice(ev.start, ev.end), field).toBe(ev.text);
      }
    });
  }

  it("prints per-field accuracy", () => {
    const report = accuracyReport(results);
    console.log([...report.lines, ...report.misses.map((m) => `  miss: ${m}`)].join("\n"));
    expect(results).toHaveLength(Object.keys(expectations).length);
  });
});
