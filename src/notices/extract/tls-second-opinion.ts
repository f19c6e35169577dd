import stored from "./tls-wording-weights.json" with { type: "json" };
import type { Evidence } from "../notice.ts";
import { loadModel, voteOnWording, type StoredTlsWordingModel, type TlsWordingModel } from "./tls-wording.ts";

const STORED = stored as StoredTlsWordingModel;
let model: TlsWordingModel | null = null;

export interface WordingUse {
  readonly model: TlsWordingModel;
  readonly raiseAt: number;
  readonly doubtAt: number;
}

/** The model trained on the tuning notices (`npm run train:wording`), decoded on first use. */
export function shipped(): WordingUse {
  model ??= loadModel(STORED);
  return { model, raiseAt: STORED.raiseAt, doubtAt: STORED.doubtAt };
}

export interface SecondOpinion {
  readonly p: number;
  /** The model calls TLS a notice the rules did not: it becomes a TLS notice for a person to read. */
  readonly raised: boolean;
  /** The model and the rules agree, or the model is not sure enough to disagree. */
  readonly agrees: boolean;
  readonly evidence: Evidence | null;
}

/**
 * The wording model's opinion beside the rules' verdict. It disagrees only when sure: above `raiseAt` on a
 * notice the rules read as a look-alike, below `doubtAt` on one they read as TLS (thresholds chosen on
 * earlier readers' fresh texts, see the trainer). A notice with no sentence about TLS gets no opinion.
 */
export function secondOpinion(rulesSayTls: boolean, text: string, use: WordingUse = shipped()): SecondOpinion | null {
  const vote = voteOnWording(use.model, text);
  if (!vote) return null;
  const raised = !rulesSayTls && vote.p >= use.raiseAt;
  const doubted = rulesSayTls && vote.p <= use.doubtAt;
  // Only a raised verdict quotes the model's sentence; scoring each sentence on its own costs as much again.
  return { p: vote.p, raised, agrees: !raised && !doubted, evidence: raised ? vote.evidence() : null };
}
