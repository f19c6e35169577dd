// `npm run eval:questions` prints how tlsbot reads real questions people asked in public (test/fixtures/questions/real):
// per part and language, the kind of answer and the whole answer. `--misses` lists what was read wrong, tuning part
// only; `--tuning-only` keeps the held-out figures out of sight while the reader is being changed.
import { evaluateQuestions, loadQuestions, type QuestionFigures } from "../test/conversation/real-questions-eval.ts";

const questions = loadQuestions();
const parts = process.argv.includes("--tuning-only") ? (["tuning"] as const) : (["tuning", "heldout"] as const);
const pct = (r: { hits: number; total: number }) => `${(r.total ? (100 * r.hits) / r.total : 100).toFixed(1).padStart(5)}% (${r.hits}/${r.total})`;
const line = (name: string, f: QuestionFigures) => `${name.padEnd(14)} ${String(f.items).padStart(4)} questions  kind of answer ${pct(f.intent)}  whole answer ${pct(f.exact)}`;
for (const part of parts) {
  console.log(line(part, evaluateQuestions(questions, part)));
  for (const lang of ["en", "ja"] as const) console.log(line(`  ${lang}`, evaluateQuestions(questions, part, lang)));
}
if (process.argv.includes("--misses")) for (const m of evaluateQuestions(questions, "tuning").misses) console.log(`  miss ${m}`);
