// Trains the learned deadline ranker on the tuning part of the real notices and validates it batch by batch
// (leave one batch out): `npm run train:notices`. Writes src/notices/extract/deadline-weights.json, trained on
// every tuning batch with the λ and threshold chosen by that validation. Held-out labels are refused in
// code (tuning-cases.ts), and nothing here reads or prints a held-out figure.
import { writeFileSync } from "node:fs";
import { DEADLINE_FEATURES, type DeadlineFeature } from "../src/notices/extract/deadline-features.ts";
import { HAND_WEIGHTS, type DeadlineWeights } from "../src/notices/extract/deadline-weights.ts";
import { BATCHES, loadLabels } from "../test/notices/real-notices-eval.ts";
import { fitConditionalLogit, lossAndGradient } from "./deadline-ranker/fit-conditional-logit.ts";
import { loadTuningCases } from "./deadline-ranker/tuning-cases.ts";
import { examplesOf, figures, readCase, type CaseReading, type Figures } from "./deadline-ranker/validate.ts";

const OUT = "src/notices/extract/deadline-weights.json";
const LAMBDAS = [0.0003, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1];
const THRESHOLDS = [0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95];
/** A wrong day trusted moves a deadline; a text held for a person costs a glance. */
const COST_WRONG_CONFIDENT = 10;
const COST_PERSON_READS = 1;
/** Days whose odds are within 1/20 of the winner's compete with it (the hand weights' "within 3", in log-odds). */
const COMPETE_MARGIN = Math.log(20);

const labels = loadLabels().filter((l) => l.part === "tuning");
const cases = await loadTuningCases(labels);

// The features must read exactly as the reader does: the hand weights through them give the reader's own days.
const drift = cases.filter((c) => readCase(c, HAND_WEIGHTS).deadline !== c.readerDeadline);
if (drift.length > 0) throw new Error(`feature path differs from the reader on ${drift.map((c) => c.id).join(", ")}`);

const learned = (w: readonly number[], threshold: number): DeadlineWeights => ({
  name: "learned",
  weights: Object.fromEntries(DEADLINE_FEATURES.map((k, i) => [k, w[i]!])) as Record<DeadlineFeature, number>,
  competeMargin: COMPETE_MARGIN,
  confidence: { kind: "probability", threshold },
});

const all = examplesOf(cases);
console.log(`tuning TLS texts: ${cases.length}; ranked: ${all.examples.length} (${all.dated} with a labelled day, ${all.undated} labelled without one); skipped (labelled day not among the candidates): ${all.skipped.length}${all.skipped.length ? ` [${all.skipped.join(", ")}]` : ""}; not ranked (no dated candidate or no retirement wording): ${cases.length - all.examples.length - all.skipped.length}`);

/** Leave one batch out: fit on the other tuning batches, read the left-out one with threshold 0 (raw probabilities). */
function lobo(lambda: number): { readings: CaseReading[]; logLoss: number; n: number } {
  const readings: CaseReading[] = [];
  let logLoss = 0, n = 0;
  for (const b of BATCHES) {
    const train = examplesOf(cases.filter((c) => c.batch !== b)).examples;
    const test = cases.filter((c) => c.batch === b);
    const { w } = fitConditionalLogit(train, DEADLINE_FEATURES.length, { lambda });
    readings.push(...test.map((c) => readCase(c, learned(w, 0))));
    const testEx = examplesOf(test).examples;
    if (testEx.length > 0) {
      logLoss += lossAndGradient(testEx, w, 0).loss * testEx.length;
      n += testEx.length;
    }
  }
  return { readings, logLoss: logLoss / n, n };
}

// λ and the threshold are chosen together, on the left-out batches, by what a reading costs: a wrong day
// trusted moves a deadline (10), every text a person must read — a right day held, a wrong day held, no day —
// costs a glance (1). Ties go to the lower log-loss (the better calibrated fit), then the lower threshold.
const cost = (f: Figures): number => COST_WRONG_CONFIDENT * f.wrongConfident + COST_PERSON_READS * (f.rightHeld + f.wrongHeld + f.noDate);
const runs = LAMBDAS.map((lambda) => ({ lambda, ...lobo(lambda) }));
console.log(`
λ and threshold by leave-one-batch-out cost (${COST_WRONG_CONFIDENT} × wrong confident + ${COST_PERSON_READS} × each text a person reads);`);
console.log("log-loss: mean −log P(labelled answer) over the left-out texts. Cells: cost (wrong confident / right but held).");
console.log(`  ${"λ".padEnd(8)} ${"log-loss".padEnd(9)} exact  ${THRESHOLDS.map((t) => `p≥${t.toFixed(2)}`.padEnd(11)).join("")}`);
let chosen = { run: runs[0]!, threshold: THRESHOLDS[0]!, cost: Infinity };
for (const r of runs) {
  const cells = THRESHOLDS.map((t) => {
    const f = figures(r.readings, t);
    const c = cost(f);
    if (c < chosen.cost || (c === chosen.cost && r.logLoss < chosen.run.logLoss)) chosen = { run: r, threshold: t, cost: c };
    return `${c} (${f.wrongConfident}/${f.rightHeld})`.padEnd(11);
  });
  console.log(`  ${String(r.lambda).padEnd(8)} ${r.logLoss.toFixed(4).padEnd(9)} ${`${figures(r.readings).exact}/${r.readings.length}`.padEnd(6)} ${cells.join("")}`);
}
const threshold = chosen.threshold;
console.log(`  chosen λ=${chosen.run.lambda}, threshold ${threshold} (cost ${chosen.cost}); the lowest log-loss alone would pick λ=${runs.reduce((a, r) => (r.logLoss < a.logLoss ? r : a)).lambda}`);

const row = (name: string, f: Figures): string =>
  `  ${name.padEnd(22)} ${`${f.exact}/${f.texts}`.padStart(6)} ${`${f.texts ? ((100 * f.exact) / f.texts).toFixed(1) : "-"}%`.padStart(7)}   wrong confident ${f.wrongConfident}, wrong held ${f.wrongHeld}, no date ${f.noDate}`;
console.log(`\nleave-one-batch-out deadline figures (tuning TLS texts; learned: λ=${chosen.run.lambda}, p ≥ ${threshold}):`);
console.log("  (hand weights were tuned on all the tuning batches, so their figure here is optimistic)");
for (const b of BATCHES) {
  console.log(row(`batch ${b}, learned`, figures(chosen.run.readings.filter((r) => r.batch === b), threshold)));
  console.log(row(`batch ${b}, hand`, figures(cases.filter((c) => c.batch === b).map((c) => readCase(c, HAND_WEIGHTS)))));
}
console.log(row("pooled, learned", figures(chosen.run.readings, threshold)));
console.log(row("pooled, hand", figures(cases.map((c) => readCase(c, HAND_WEIGHTS)))));

console.log("\nreliability (leave-one-batch-out, texts given a day: the model's probability of it → share right):");
const BINS = [0, 0.3, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 1.0001];
const dated = chosen.run.readings.filter((r) => r.deadline !== null);
for (let i = 0; i + 1 < BINS.length; i++) {
  const inBin = dated.filter((r) => r.confidence >= BINS[i]! && r.confidence < BINS[i + 1]!);
  if (inBin.length === 0) continue;
  const right = inBin.filter((r) => r.deadline === r.label).length;
  const meanP = inBin.reduce((a, r) => a + r.confidence, 0) / inBin.length;
  console.log(`  p ${BINS[i]!.toFixed(2)}–${Math.min(1, BINS[i + 1]!).toFixed(2)}: ${String(inBin.length).padStart(3)} texts, mean p ${meanP.toFixed(3)}, right ${right}/${inBin.length} (${((100 * right) / inBin.length).toFixed(1)}%)`);
}

// A feature that never fires in the training texts (pasted text has no subject, mail date or forwarded header)
// gets no evidence, so L2 leaves its weight at 0: the learned set ignores that signal.
const support = DEADLINE_FEATURES.map((_, i) => all.examples.reduce((a, e) => a + e.rows.filter((r) => r[i] !== 0).length, 0));
const unsupported = DEADLINE_FEATURES.filter((_, i) => support[i] === 0);
const final = fitConditionalLogit(all.examples, DEADLINE_FEATURES.length, { lambda: chosen.run.lambda });
const round = (x: number): number => Math.round(x * 10_000) / 10_000;
const out = {
  ...learned(final.w.map(round), threshold),
  competeMargin: round(COMPETE_MARGIN),
  training: { lambda: chosen.run.lambda, threshold, lobo: { cost: chosen.cost }, texts: all.examples.length, dated: all.dated, undated: all.undated, skipped: all.skipped.length, loss: round(final.loss), iterations: final.iterations, unsupported },
};
console.log(`\nweights trained on all tuning batches (λ=${chosen.run.lambda}, ${final.iterations} steps, loss ${final.loss.toFixed(4)}):`);
DEADLINE_FEATURES.forEach((k, i) => console.log(`  ${k.padEnd(18)} learned ${out.weights[k].toFixed(3).padStart(8)}   hand ${String(HAND_WEIGHTS.weights[k]).padStart(5)}   candidates with it ${support[i]}`));
if (unsupported.length) console.log(`  never seen in training (weight stays 0): ${unsupported.join(", ")}`);
writeFileSync(OUT, `${JSON.stringify(out, null, 2)}\n`);
console.log(`written to ${OUT}`);
