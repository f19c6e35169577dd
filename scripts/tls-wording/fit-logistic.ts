// Fits the TLS wording model (src/notices/extract/tls-wording.ts): L2-regularised logistic regression by
// full-batch gradient descent. The features are L2-normalised, so the loss is smooth with a small constant
// and a fixed step converges without a line search; the result depends only on the examples and λ.
import { HASH_BITS, type TlsWordingModel, type featuresOf } from "../../src/notices/extract/tls-wording.ts";

export interface Example {
  readonly id: string;
  readonly batch: number;
  readonly isTls: boolean;
  readonly f: ReturnType<typeof featuresOf>;
}

export function fitLogistic(examples: readonly Example[], lambda: number, iterations = 400, step = 2): TlsWordingModel {
  const weights = new Float32Array(1 << HASH_BITS);
  const grad = new Float64Array(weights.length);
  let bias = 0;
  const n = examples.length;
  for (let it = 0; it < iterations; it++) {
    grad.fill(0);
    let gBias = 0;
    for (const e of examples) {
      let z = bias;
      for (const b of e.f.buckets) z += (weights[b] ?? 0) * e.f.value;
      const err = 1 / (1 + Math.exp(-z)) - (e.isTls ? 1 : 0);
      gBias += err;
      for (const b of e.f.buckets) grad[b] = (grad[b] ?? 0) + err * e.f.value;
    }
    for (let i = 0; i < weights.length; i++) weights[i] = (weights[i] ?? 0) - step * ((grad[i] ?? 0) / n + lambda * (weights[i] ?? 0));
    bias -= step * (gBias / n);
  }
  return { bias, weights };
}
