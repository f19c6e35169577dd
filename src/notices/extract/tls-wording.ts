import { sentences } from "./tls-evidence.ts";

/**
 * A second opinion on the TLS verdict, learned from how real notices are worded rather than written as rules:
 * logistic regression over hashed character n-grams of the sentences that mention TLS, SSL or a protocol.
 * Character n-grams read Japanese without a tokenizer and catch wordings no rule names ("will stop
 * negotiating", 「接続できなくなります」). It quotes evidence as the single sentence that scores highest on its
 * own. It never trusts a notice: a verdict it changes, or a rules' verdict it strongly doubts, sends the
 * notice to a person (see `parse-notice.ts`).
 */
export const NGRAM_MIN = 3;
export const NGRAM_MAX = 5;
export const HASH_BITS = 16;
const BUCKETS = 1 << HASH_BITS;

export interface TlsWordingModel {
  readonly bias: number;
  /** One weight per hash bucket. */
  readonly weights: Float32Array;
}

/**
 * The feature vector of one piece of wording: the set of buckets its character n-grams fall in, each worth
 * 1/√(count) so that a long notice weighs no more than a short one. Digits are kept: "1.0" and "1.2" are
 * what the notice is about.
 */
export function featuresOf(wording: string): { readonly buckets: Uint32Array; readonly value: number } {
  const s = ` ${wording.toLowerCase().replace(/\s+/g, " ").trim()} `;
  // A notice has thousands of n-grams: marks in a reused table instead of a Set (the mail bench reads 5,000).
  const found: number[] = [];
  // FNV-1a is incremental: the hash of s[i, i+5) passes through those of s[i, i+3) and s[i, i+4).
  for (let i = 0; i + NGRAM_MIN <= s.length; i++) {
    let h = 0x811c9dc5;
    for (let j = i; j < i + NGRAM_MAX && j < s.length; j++) {
      h ^= s.charCodeAt(j);
      h = Math.imul(h, 0x01000193);
      if (j - i + 1 < NGRAM_MIN) continue;
      const b = (h >>> 0) & (BUCKETS - 1);
      if (SEEN[b] === 0) {
        SEEN[b] = 1;
        found.push(b);
      }
    }
  }
  for (const b of found) SEEN[b] = 0;
  const buckets = Uint32Array.from(found).sort();
  return { buckets, value: buckets.length === 0 ? 0 : 1 / Math.sqrt(buckets.length) };
}
const SEEN = new Uint8Array(BUCKETS);

export function logitOf(model: TlsWordingModel, f: ReturnType<typeof featuresOf>): number {
  let z = model.bias;
  for (const b of f.buckets) z += (model.weights[b] ?? 0) * f.value;
  return z;
}

const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));

export interface WordingVote {
  /** The model's probability that the notice announces the end of legacy TLS. */
  readonly p: number;
  /** The sentence that, read on its own, looks most like a TLS retirement (worked out only when asked). */
  evidence(): { readonly text: string; readonly start: number; readonly end: number } | null;
}

/** The model's vote on a notice's normalised text, or null when no sentence mentions TLS, SSL or a protocol. */
export function voteOnWording(model: TlsWordingModel, text: string): WordingVote | null {
  // The sentences that mention TLS, SSL or a protocol, as the rules' reader finds them.
  const found = sentences(text);
  if (found.length === 0) return null;
  const p = sigmoid(logitOf(model, featuresOf(found.map((s) => s.text).join("\n"))));
  const evidence = () => {
    let best: { z: number; s: (typeof found)[number] } | null = null;
    for (const s of found) {
      const z = logitOf(model, featuresOf(s.text));
      if (!best || z > best.z) best = { z, s };
    }
    return best ? { text: best.s.text, start: best.s.start, end: best.s.end } : null;
  };
  return { p, evidence };
}

/** The weights as stored: int8 per bucket, base64, with one scale. */
export interface StoredTlsWordingModel {
  readonly name: string;
  readonly hashBits: number;
  readonly ngram: readonly number[];
  readonly bias: number;
  readonly scale: number;
  readonly weightsInt8Base64: string;
  /** How the model was chosen and trained, for people reading the file. */
  readonly trainedOn: string;
  readonly lambda: number;
  /** The notice-level thresholds chosen with it (see `parse-notice.ts`). */
  readonly raiseAt: number;
  readonly doubtAt: number;
}

export function storeModel(model: TlsWordingModel, meta: Omit<StoredTlsWordingModel, "hashBits" | "ngram" | "bias" | "scale" | "weightsInt8Base64">): StoredTlsWordingModel {
  let max = 0;
  for (const w of model.weights) max = Math.max(max, Math.abs(w));
  const scale = max === 0 ? 1 : max / 127;
  const q = new Int8Array(model.weights.length);
  for (let i = 0; i < q.length; i++) q[i] = Math.round((model.weights[i] ?? 0) / scale);
  return { ...meta, hashBits: HASH_BITS, ngram: [NGRAM_MIN, NGRAM_MAX], bias: model.bias, scale, weightsInt8Base64: Buffer.from(q.buffer).toString("base64") };
}

/** Reads stored weights, refusing a file written for other features (a silent mismatch would vote at random). */
export function loadModel(raw: StoredTlsWordingModel): TlsWordingModel {
  if (raw.hashBits !== HASH_BITS || raw.ngram[0] !== NGRAM_MIN || raw.ngram[1] !== NGRAM_MAX) throw new Error(`TLS wording model was trained for other features (${raw.hashBits} bits, n-grams ${raw.ngram.join("–")})`);
  const bytes = Buffer.from(raw.weightsInt8Base64, "base64");
  if (bytes.length !== BUCKETS) throw new Error(`TLS wording model has ${bytes.length} weights, expected ${BUCKETS}`);
  const q = new Int8Array(bytes.buffer, bytes.byteOffset, bytes.length);
  const weights = new Float32Array(BUCKETS);
  for (let i = 0; i < BUCKETS; i++) weights[i] = (q[i] ?? 0) * raw.scale;
  return { bias: raw.bias, weights };
}
