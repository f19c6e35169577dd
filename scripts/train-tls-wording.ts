// Trains the TLS wording model (src/notices/extract/tls-wording.ts) on the tuning part of the real notices:
// `npm run train:wording`. λ is chosen by leave-one-batch-out over the tuning batches (the model's own
// accuracy at p = 0.5); the model written is then fitted on every tuning batch. The notice-level thresholds
// (raise at RAISE_AT, doubt at DOUBT_AT) were chosen once, on texts fresh to earlier readers (the real-notice
// README, batch 8), and are written beside the weights. Held-out labels are refused (examples.ts).
import { writeFileSync } from "node:fs";
import { logitOf, storeModel } from "../src/notices/extract/tls-wording.ts";
import { loadLabels } from "../test/notices/real-notices-eval.ts";
import { tuningExamples } from "./tls-wording/examples.ts";
import { fitLogistic, type Example } from "./tls-wording/fit-logistic.ts";

const OUT = "src/notices/extract/tls-wording-weights.json";
const LAMBDAS = [1e-5, 3e-5, 1e-4, 3e-4, 1e-3];
const RAISE_AT = Number(process.env["RAISE_AT"] ?? 0.8);
const DOUBT_AT = Number(process.env["DOUBT_AT"] ?? 0.5);

const examples = await tuningExamples(loadLabels().filter((l) => l.part === "tuning"));
const batches = [...new Set(examples.map((e) => e.batch))].sort((a, b) => a - b);
const hitsOf = (train: readonly Example[], test: readonly Example[], lambda: number): number => {
  const m = fitLogistic(train, lambda);
  return test.filter((e) => logitOf(m, e.f) >= 0 === e.isTls).length;
};
let best = { lambda: LAMBDAS[0] ?? 1e-4, hits: -1 };
for (const lambda of LAMBDAS) {
  let hits = 0;
  for (const b of batches) hits += hitsOf(examples.filter((e) => e.batch !== b), examples.filter((e) => e.batch === b), lambda);
  console.log(`λ=${lambda}: leave-one-batch-out ${hits}/${examples.length}`);
  if (hits > best.hits) best = { lambda, hits };
}
const model = fitLogistic(examples, best.lambda);
const trainedOn = `${examples.length} tuning texts of batches ${batches.join(", ")} that mention TLS, SSL or a protocol`;
writeFileSync(OUT, `${JSON.stringify(storeModel(model, { name: "tls-wording", trainedOn, lambda: best.lambda, raiseAt: RAISE_AT, doubtAt: DOUBT_AT }), null, 1)}\n`);
console.log(`wrote ${OUT}: λ=${best.lambda}, ${trainedOn}; raise at ${RAISE_AT}, doubt at ${DOUBT_AT}`);
