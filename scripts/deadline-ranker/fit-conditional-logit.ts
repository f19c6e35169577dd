// A conditional-logit ranker: within each example one row (or one of several equal rows) is the answer, and
// P(row) = exp(w·x) / Σ exp(w·x') over the example's rows. Fitted by plain gradient descent on the mean
// negative log-likelihood plus λ‖w‖²; the problem is convex, so a backtracking step is all it needs.

export interface RankExample {
  /** One feature row per choice. */
  readonly rows: ReadonlyArray<readonly number[]>;
  /** Indices of the rows that are the answer (several when a day is written several times). */
  readonly positives: readonly number[];
}

export interface FitOptions {
  readonly lambda: number;
  readonly maxIterations?: number;
  /** Stop when the gradient's largest component is below this. */
  readonly tolerance?: number;
}

export interface Fit {
  readonly w: number[];
  readonly loss: number;
  readonly iterations: number;
}

function logSumExp(xs: readonly number[]): number {
  const m = Math.max(...xs);
  return m + Math.log(xs.reduce((a, x) => a + Math.exp(x - m), 0));
}

const dot = (w: readonly number[], x: readonly number[]): number => x.reduce((a, xi, i) => a + xi * w[i]!, 0);

/** Mean negative log-likelihood of the examples' answers, plus the L2 penalty, and its gradient. */
export function lossAndGradient(examples: readonly RankExample[], w: readonly number[], lambda: number): { loss: number; grad: number[] } {
  const grad = w.map((wi) => 2 * lambda * wi);
  let loss = lambda * w.reduce((a, wi) => a + wi * wi, 0);
  const n = examples.length;
  for (const ex of examples) {
    const s = ex.rows.map((x) => dot(w, x));
    const all = logSumExp(s);
    const pos = logSumExp(ex.positives.map((i) => s[i]!));
    loss += (all - pos) / n;
    // d/dw: E_all[x] − E_pos[x].
    ex.rows.forEach((x, r) => {
      const pAll = Math.exp(s[r]! - all);
      const pPos = ex.positives.includes(r) ? Math.exp(s[r]! - pos) : 0;
      x.forEach((xi, k) => (grad[k]! += ((pAll - pPos) * xi) / n));
    });
  }
  return { loss, grad };
}

export function fitConditionalLogit(examples: readonly RankExample[], dims: number, opts: FitOptions): Fit {
  let w = new Array<number>(dims).fill(0);
  let { loss, grad } = lossAndGradient(examples, w, opts.lambda);
  let step = 1;
  const max = opts.maxIterations ?? 5000;
  let it = 0;
  for (; it < max; it++) {
    const g2 = grad.reduce((a, g) => a + g * g, 0);
    if (Math.max(...grad.map(Math.abs)) < (opts.tolerance ?? 1e-7)) break;
    // Armijo backtracking: halve the step until the loss falls enough; let it grow again afterwards.
    for (;;) {
      const next = w.map((wi, k) => wi - step * grad[k]!);
      const trial = lossAndGradient(examples, next, opts.lambda);
      if (trial.loss <= loss - 0.5 * step * g2 || step < 1e-12) {
        w = next;
        ({ loss, grad } = trial);
        break;
      }
      step /= 2;
    }
    step *= 2;
  }
  return { w, loss, iterations: it };
}
