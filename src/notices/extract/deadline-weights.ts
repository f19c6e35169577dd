import { DEADLINE_FEATURES, type DeadlineFeature, type FeatureVector } from "./deadline-features.ts";
import learned from "./deadline-weights.json" with { type: "json" };

/**
 * A weight set for the deadline reader: a day's score is the weighted sum of its features; the best day wins.
 * How sure the reader is comes either from the winner's lead over the next day (`margin`, the hand weights'
 * calibration) or from the model's probability of the winning day (`probability`, a learned ranker's).
 */
export interface DeadlineWeights {
  readonly name: string;
  readonly weights: Readonly<Record<DeadlineFeature, number>>;
  /** Days scoring within this much of the winner compete with it (in score units: 3 for the hand weights). */
  readonly competeMargin: number;
  readonly confidence:
    | { readonly kind: "margin" }
    /** A day is trusted when the model gives it at least `threshold`; below, it is reported but held for a person. */
    | { readonly kind: "probability"; readonly threshold: number };
}

/** The weights written by hand against the tuning notices (issue 13): what the reader uses unless told otherwise. */
export const HAND_WEIGHTS: DeadlineWeights = {
  name: "hand",
  weights: {
    deadlineWhen: 2, deadlineNear: 2, endingVerb: 1, announcementNear: -4, announcementAfter: -4, headerLine: -10, inTlsSentence: 3,
    repeats: 1.5, inSubject: 4, futureSentence: 1, movedTo: 2, nearMailDate: -3, voided: -10, partial: 0,
  },
  competeMargin: 3,
  confidence: { kind: "margin" },
};

export function scoreOf(f: FeatureVector, w: DeadlineWeights["weights"]): number {
  let s = 0;
  for (const k of DEADLINE_FEATURES) s += w[k] * f[k];
  return s;
}

/** Checks a weight set read from data: every feature weighted by a finite number, a known way to be sure. */
export function asDeadlineWeights(raw: unknown): DeadlineWeights {
  const r = raw as { name?: unknown; weights?: Record<string, unknown>; competeMargin?: unknown; confidence?: { kind?: unknown; threshold?: unknown } };
  const finite = (x: unknown): x is number => typeof x === "number" && Number.isFinite(x);
  const weights = Object.fromEntries(DEADLINE_FEATURES.map((k) => [k, r.weights?.[k]]));
  const bad = DEADLINE_FEATURES.filter((k) => !finite(weights[k]));
  if (typeof r.name !== "string" || bad.length > 0 || !finite(r.competeMargin)) throw new Error(`deadline weights: malformed (${bad.join(", ") || "name or competeMargin"})`);
  const confidence = r.confidence?.kind === "margin" ? ({ kind: "margin" } as const)
    : r.confidence?.kind === "probability" && finite(r.confidence.threshold) ? ({ kind: "probability", threshold: r.confidence.threshold } as const)
    : null;
  if (!confidence) throw new Error("deadline weights: unknown confidence");
  return { name: r.name, weights: weights as Record<DeadlineFeature, number>, competeMargin: r.competeMargin, confidence };
}

/**
 * Weights learned from the tuning notices by `npm run train:notices` (conditional logit, λ and threshold
 * chosen by leave-one-batch-out validation). Not the default: on a fresh batch (batch 6 of the real notices)
 * it read as many deadlines as the hand weights (35 of 44) and trusted one more wrong day, and its mail-header
 * features were never trained (pasted texts have no headers).
 */
export const LEARNED_WEIGHTS: DeadlineWeights = asDeadlineWeights(learned);

export const DEADLINE_WEIGHT_SETS = { hand: HAND_WEIGHTS, learned: LEARNED_WEIGHTS } as const;
export type DeadlineWeightSet = keyof typeof DEADLINE_WEIGHT_SETS;
