import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { RETIREMENTS } from "../../src/catalog/lookup.ts";
import { CONFIDENCE_THRESHOLD, planRetirement } from "../../src/notices/apply/plan-retirement.ts";
import { parseNotice } from "../../src/notices/parse-notice.ts";
import { BATCHES, evaluatePart, formatFigures, loadLabels, ratio, REAL_DIR, type Batch, type Part, type PartFigures } from "./real-notices-eval.ts";

/**
 * Floors the reader has reached on the real notice texts (test/fixtures/notices/real). The figures are
 * measured on every run; a change that reads real notices worse fails here. Raise a floor when the reader
 * gets better, never lower it to make a change pass.
 */
const FLOORS = {
  "tuning, batch 1": { tls: 1, deadline: 1, trackingId: 1, resourceTypes: 1 },
  "heldout, batch 1": { tls: 0.95, deadline: 0.9, trackingId: 1, resourceTypes: 1 },
  // Batch 2 (see the fixture README): the tuning part after rules were written for it; the held-out part as
  // measured, with no rule written against it.
  "tuning, batch 2": { tls: 1, deadline: 1, trackingId: 1, resourceTypes: 1 },
  "heldout, batch 2": { tls: 1, deadline: 0, trackingId: 1, resourceTypes: 0.8 },
  // Batch 3: the same; its held-out deadlines read worse than before the batch-3 rules (8/8 → 6/8), see the README.
  "tuning, batch 3": { tls: 1, deadline: 1, trackingId: 1, resourceTypes: 1 },
  // Since the wording model's second opinion (README, batch 8) two of its look-alikes are raised to TLS notices held
  // for a person (11/11 → 9/11): the price of +5 TLS verdicts and +5 deadlines over all held-out texts.
  "heldout, batch 3": { tls: 0.81, deadline: 0.75, trackingId: 1, resourceTypes: 1 },
  // Batch 4: the tuning text that names PostgreSQL only as "a PostgreSQL DB" in Azure maps since the batch-6 rules.
  "tuning, batch 4": { tls: 1, deadline: 1, trackingId: 1, resourceTypes: 1 },
  "heldout, batch 4": { tls: 0.94, deadline: 0.73, trackingId: 1, resourceTypes: 1 },
  // Batch 5: one tuning text names TLS 1.0/1.1's future retirement only as the reason a device's support ended.
  "tuning, batch 5": { tls: 0.96, deadline: 1, trackingId: 1, resourceTypes: 1 },
  // Measured once, after the batch-5 rules; the same figures as the batch-4 reader gave (README).
  "heldout, batch 5": { tls: 0.94, deadline: 0.64, trackingId: 1, resourceTypes: 0.83 },
  // Batch 6: read fresh (no rule written against either part); the learned and the hand weights tied on it (README).
  // The tuning part after rules were written against its misses; two look-alikes retiring the "no minimum TLS"
  // setting are still read as TLS retirements (their labels are marked as a judgement).
  "tuning, batch 6": { tls: 0.94, deadline: 1, trackingId: 1, resourceTypes: 1 },
  "heldout, batch 6": { tls: 0.89, deadline: 0.76, trackingId: 1, resourceTypes: 0.75 },
  // Batch 7: read fresh by the reader as batch 6 left it (README); the held-out part as measured then. The tuning part
  // after rules were written against its misses (29/37 TLS, 21/29 deadlines before → 37/37, 28/29); one text whose
  // schedule moved for one scope only (the other keeps its own day) still reads the moved day.
  "tuning, batch 7": { tls: 1, deadline: 0.96, trackingId: 1, resourceTypes: 1 },
  "heldout, batch 7": { tls: 0.85, deadline: 0.93, trackingId: 1, resourceTypes: 1 },
  // Batch 8: read fresh by the rules as batch 7 left them with the wording model's second opinion (README). The tuning
  // part after rules were written against its misses (deadlines 25/29 → 29/29, resource types 15/17 → 17/17); its two
  // look-alikes raised to TLS by the wording model (the rules alone read them right) are held for a person, 39/41.
  "tuning, batch 8": { tls: 0.95, deadline: 1, trackingId: 1, resourceTypes: 1 },
  "heldout, batch 8": { tls: 0.9, deadline: 0.82, trackingId: 1, resourceTypes: 1 },
  // Batch 9: read fresh by the reader as batch 8 left it, with the wording model's second opinion (README). The tuning
  // part after rules were written against its misses (TLS 33/37 → 34/37, deadlines 19/28 → 25/28, no wrong day trusted);
  // two look-alikes the wording model raises are held for a person, one text never names legacy TLS.
  "tuning, batch 9": { tls: 0.91, deadline: 0.89, trackingId: 1, resourceTypes: 1 },
  "heldout, batch 9": { tls: 0.89, deadline: 0.92, trackingId: 1, resourceTypes: 1 },
  // Batch 10: read fresh by the reader as batch 9 left it (README). The tuning part after rules were written against its
  // misses (TLS 33/36 → 34/36, deadlines 18/23 → 22/23, resource types 9/11 → 11/11, no wrong day trusted); a look-alike
  // the wording model raises is held for a person, a banner that cites an Office 365 deprecation reads as TLS, and a
  // release-notes feed dates its change only in the entry's title (no date, left to a person).
  "tuning, batch 10": { tls: 0.94, deadline: 0.95, trackingId: 1, resourceTypes: 1 },
  // Measured once, after the batch-10 rules (README).
  "heldout, batch 10": { tls: 0.94, deadline: 0.76, trackingId: 1, resourceTypes: 1 },
  // Batch 11: read fresh by the reader as batch 10 left it (README). The tuning part after rules were written against its
  // misses (TLS 27/30 → 28/30, deadlines 17/20 → 19/20); a blog's standard's day stays trusted (its label doubts it), a
  // look-alike the wording model raises is held for a person, and one text names legacy TLS only in a link's address.
  "tuning, batch 11": { tls: 0.93, deadline: 0.95, trackingId: 1, resourceTypes: 1 },
  "heldout, batch 11": { tls: 0.87, deadline: 0.75, trackingId: 1, resourceTypes: 0.8 },
  // Batch 12: read fresh by the reader as the batch-11 rules left it (README). The tuning part after rules were written
  // against its misses (TLS 40/47 → 42/47, deadlines 27/29 → 29/29, resource types 17/21 → 20/21, no wrong day trusted);
  // three look-alikes the wording model raises are held for a person, two TLS texts have doubtful labels.
  "tuning, batch 12": { tls: 0.89, deadline: 1, trackingId: 1, resourceTypes: 0.95 },
  "heldout, batch 12": { tls: 0.88, deadline: 0.85, trackingId: 1, resourceTypes: 0.8 },
  // Batch 13: read fresh by the reader as the batch-12 rules left it (README); no rule has been written against either part.
  "tuning, batch 13": { tls: 0.9, deadline: 0.85, trackingId: 0.97, resourceTypes: 0.8 },
  "heldout, batch 13": { tls: 0.82, deadline: 0.8, trackingId: 1, resourceTypes: 1 },
  // Batch 14: read fresh by the reader as the batch-13 rules left it (README); no rule has been written against either part.
  "tuning, batch 14": { tls: 0.91, deadline: 0.96, trackingId: 1, resourceTypes: 0.92 },
  "heldout, batch 14": { tls: 0.83, deadline: 0.93, trackingId: 1, resourceTypes: 0.66 },
} as const;
type Slice = keyof typeof FLOORS;

const labels = loadLabels();
// Every slice is measured and printed; only those with a floor are held to one.
const figures: Partial<Record<`${Part}, batch ${Batch}`, PartFigures>> = {};

describe("real notices (public texts, en/ja, TLS retirements and look-alikes)", () => {
  beforeAll(async () => {
    for (const part of ["tuning", "heldout"] as const) {
      for (const batch of BATCHES) figures[`${part}, batch ${batch}`] = await evaluatePart(labels, part, undefined, batch);
    }
    console.log((Object.entries(figures) as Array<[Slice, PartFigures]>).flatMap(([slice, f]) => formatFigures(slice, f)).join("\n"));
  });

  it("holds at least 60 labelled texts in both languages, split by source into two parts", () => {
    expect(labels.length).toBeGreaterThanOrEqual(60);
    expect(new Set(labels.map((l) => l.language))).toEqual(new Set(["en", "ja"]));
    const partOfGroup = new Map<string, string>();
    for (const l of labels) {
      expect(partOfGroup.get(l.sourceGroup) ?? l.part, l.sourceGroup).toBe(l.part);
      partOfGroup.set(l.sourceGroup, l.part);
      expect(l.source).toMatch(/^https?:\/\//);
    }
    const heldout = labels.filter((l) => l.part === "heldout").length;
    expect(heldout / labels.length).toBeGreaterThan(0.25);
    expect(heldout / labels.length).toBeLessThan(0.4);
  });

  it("quotes every field's evidence from the place in the text it claims, on every real text", async () => {
    for (const l of labels) {
      const n = await parseNotice(readFileSync(join(REAL_DIR, l.file)));
      for (const [field, ev] of Object.entries(n.evidence)) expect(n.text.slice(ev.start, ev.end), `${l.id} ${field}`).toBe(ev.text);
    }
  });

  it("a verdict the wording model raised or doubted never moves a deadline, on every real text", async () => {
    let disagreements = 0;
    for (const l of labels) {
      const n = await parseNotice(readFileSync(join(REAL_DIR, l.file)));
      if (!n.tlsSecondOpinion || n.tlsSecondOpinion.agrees) continue;
      disagreements++;
      expect(n.isTls, l.id).toBe(true);
      expect(n.fieldConfidence.isTls, l.id).toBeLessThan(CONFIDENCE_THRESHOLD);
      // Even from a trusted, authenticated sender.
      const trusted = { ...n, trust: { trusted: true, authenticated: true, reason: "listedDkimPass" } };
      expect(planRetirement(trusted, "notice:1", [], RETIREMENTS, "2026-12-01T00:00:00Z"), l.id).toMatchObject({ status: "triage", reason: "wordingDisagrees", changes: [] });
    }
    // The model does disagree on real texts (a check that cannot pass vacuously).
    expect(disagreements).toBeGreaterThan(0);
  });

  for (const part of Object.keys(FLOORS) as Slice[]) {
    it(`${part}: TLS classification, deadlines, Tracking IDs and resource types stay at or above their floors`, () => {
      const f = figures[part]!;
      expect(f.items).toBeGreaterThan(0);
      const floor = FLOORS[part];
      expect(ratio(f.tls)).toBeGreaterThanOrEqual(floor.tls);
      expect(ratio(f.deadline)).toBeGreaterThanOrEqual(floor.deadline);
      expect(ratio(f.trackingId)).toBeGreaterThanOrEqual(floor.trackingId);
      expect(ratio(f.resourceTypes)).toBeGreaterThanOrEqual(floor.resourceTypes);
    });
  }
});
