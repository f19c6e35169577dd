// Reads the tuning cases under a weight set and counts the deadline figures the way `eval:notices` does.
import { DEADLINE_FEATURES, type FeaturedCandidate } from "../../src/notices/extract/deadline-features.ts";
import type { DeadlineWeights } from "../../src/notices/extract/deadline-weights.ts";
import { pickFromFound } from "../../src/notices/extract/pick-deadline.ts";
import { CONFIDENCE_THRESHOLD } from "../../src/notices/apply/plan-retirement.ts";
import type { RankExample } from "./fit-conditional-logit.ts";
import type { TuningCase } from "./tuning-cases.ts";

export interface CaseReading {
  readonly id: string;
  readonly batch: number;
  readonly label: string | null;
  readonly deadline: string | null;
  /** The confidence the reader reports (for a learned set read with threshold 0: the model's probability). */
  readonly confidence: number;
  readonly readAsTls: boolean;
  /** The confidence is a ranker's probability (a learned set), to be held to its threshold rather than the reader's 0.5. */
  readonly probability: boolean;
}

export function readCase(c: TuningCase, weights: DeadlineWeights): CaseReading {
  const base = { id: c.id, batch: c.batch, label: c.label, readAsTls: c.readAsTls, probability: false };
  if (!c.asked) return { ...base, deadline: null, confidence: 0 };
  // The reader's own path from the candidates on (scoped lists, "as of today"), so the figures are the reader's.
  const pick = pickFromFound(c.found, c.text, c.tlsSpans, weights);
  return { ...base, deadline: pick?.iso ?? null, confidence: pick?.confidence ?? 0, probability: c.found.kind === "text" && weights.confidence.kind === "probability" };
}

export interface Figures {
  readonly texts: number;
  readonly exact: number;
  readonly wrongConfident: number;
  readonly wrongHeld: number;
  readonly noDate: number;
  /** Right day, but held for a person: what a stricter threshold costs. */
  readonly rightHeld: number;
}

/** `threshold`: from which a ranker's raw probability is trusted (readings made with threshold 0); other confidences against the reader's 0.5. */
export function figures(readings: readonly CaseReading[], threshold = CONFIDENCE_THRESHOLD): Figures {
  let exact = 0, wrongConfident = 0, wrongHeld = 0, noDate = 0, rightHeld = 0;
  for (const r of readings) {
    // As eval:notices counts: a text the reader does not call TLS is never trusted.
    const trusted = r.deadline !== null && r.readAsTls && r.confidence >= (r.probability ? Math.max(threshold, CONFIDENCE_THRESHOLD) : CONFIDENCE_THRESHOLD);
    if (r.deadline === r.label) {
      exact++;
      if (r.deadline !== null && !trusted) rightHeld++;
    } else if (r.deadline === null) noDate++;
    else if (trusted) wrongConfident++;
    else wrongHeld++;
  }
  return { texts: readings.length, exact, wrongConfident, wrongHeld, noDate, rightHeld };
}

/** The zero row stands for "no day of this text is the deadline": the score every day must beat (as the reader's `s <= 0`). */
const NONE_ROW: readonly number[] = DEADLINE_FEATURES.map(() => 0);
const rowOf = (c: FeaturedCandidate): number[] => DEADLINE_FEATURES.map((k) => c.f[k]);

export interface Examples {
  readonly examples: RankExample[];
  /** Texts with a labelled day that is not among their candidates: nothing to rank, skipped. */
  readonly skipped: string[];
  readonly dated: number;
  readonly undated: number;
}

/**
 * One example per tuning TLS text the reader ranks dates for. A labelled day's positives are its written
 * occurrences; a text labelled with no day has "none" as its answer, so the model also learns when no day
 * should be trusted.
 */
export function examplesOf(cases: readonly TuningCase[]): Examples {
  const examples: RankExample[] = [];
  const skipped: string[] = [];
  let dated = 0, undated = 0;
  for (const c of cases) {
    if (!c.asked || c.found.kind !== "text") continue;
    const rows = [NONE_ROW, ...c.found.candidates.map(rowOf)];
    if (c.label === null) {
      undated++;
      examples.push({ rows, positives: [0] });
      continue;
    }
    const positives = c.found.candidates.flatMap((cand, i) => (!cand.d.partial && cand.d.iso === c.label ? [i + 1] : []));
    if (positives.length === 0) skipped.push(c.id);
    else {
      dated++;
      examples.push({ rows, positives });
    }
  }
  return { examples, skipped, dated, undated };
}
