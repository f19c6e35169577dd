import type { DeadlineFeature, FeatureVector } from "./deadline-features.ts";

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
  for (const k of Object.keys(w) as DeadlineFeature[]) s += w[k] * f[k];
  return s;
}
