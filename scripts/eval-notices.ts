// Scores the notice reader on the real notice texts, tuning and held-out parts separately.
// `npm run eval:notices` prints the figures; `--misses` lists what was read wrong (tuning part only:
// the held-out part's misses are not printed, so no rule gets written against them).
import { DEADLINE_WEIGHT_SETS, type DeadlineWeightSet } from "../src/notices/extract/deadline-weights.ts";
import { WORDING_VOTE_DEFAULT } from "../src/notices/parse-notice.ts";
import { BATCHES, evaluatePart, formatFigures, loadLabels } from "../test/notices/real-notices-eval.ts";

const labels = loadLabels();
const showMisses = process.argv.includes("--misses");
// `--weights=learned` reads deadlines with the learned ranker (deadline-weights.json) instead of the hand weights.
const setName = (process.argv.find((a) => a.startsWith("--weights="))?.slice("--weights=".length) ?? "hand") as DeadlineWeightSet;
const deadlineWeights = DEADLINE_WEIGHT_SETS[setName];
if (!deadlineWeights) throw new Error(`unknown weight set ${setName} (${Object.keys(DEADLINE_WEIGHT_SETS).join(", ")})`);
// `--wording=on|off` sets whether the learned wording model gives its second opinion (default: the reader's own).
const wordingArg = process.argv.find((a) => a.startsWith("--wording="))?.slice("--wording=".length);
const wordingVote = wordingArg === undefined ? WORDING_VOTE_DEFAULT : wordingArg === "on";
console.log(`deadline weights: ${deadlineWeights.name}; wording model second opinion: ${wordingVote ? "on" : "off"}`);
// `--tuning-only` while rules are being written: the held-out figures are looked at once, at the end of a change.
const parts = process.argv.includes("--tuning-only") ? (["tuning"] as const) : (["tuning", "heldout"] as const);
for (const part of parts) {
  const figures = await evaluatePart(labels, part, undefined, undefined, { deadlineWeights, wordingVote });
  console.log(formatFigures(part, figures).join("\n"));
  for (const batch of BATCHES) {
    const b = await evaluatePart(labels, part, undefined, batch, { deadlineWeights, wordingVote });
    if (b.items > 0) console.log(formatFigures(`  ${part}, batch ${batch}`, b).map((l) => `  ${l}`).join("\n"));
  }
  if (showMisses && part === "tuning") for (const m of figures.misses) console.log(`  miss: ${m}`);
}
