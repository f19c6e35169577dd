// Assigns the tuning/held-out part to the texts of a new batch in test/fixtures/notices/real/labels.json
// (those whose `part` is ""), by source, never by text, with the rule the fixture's README gives:
// a source group already in an earlier batch keeps its part; the new groups are walked in the order of
// the SHA-1 of their name, and a group goes to held-out when the batch's held-out texts stay within a third
// of the batch plus one with it, otherwise to tuning. Run once, when a batch is added, before the reader
// sees it: `node bin/run-ts.js scripts/split-notice-batch.ts`. The real chat questions are split by the same rule:
// `node bin/run-ts.js scripts/split-notice-batch.ts test/fixtures/questions/real/questions.json`.
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";

const FILE = process.argv[2] ?? "test/fixtures/notices/real/labels.json";
interface Label { id: string; part: string; batch: number; sourceGroup: string }
const labels = JSON.parse(readFileSync(FILE, "utf8")) as Label[];
const fresh = labels.filter((l) => l.part === "");
if (fresh.length === 0) throw new Error("no text without a part: nothing to split");
const known = new Map(labels.filter((l) => l.part !== "").map((l) => [l.sourceGroup, l.part]));
const cap = Math.floor(fresh.length / 3) + 1;
let held = 0;
for (const l of fresh) {
  const part = known.get(l.sourceGroup);
  if (part) { l.part = part; if (part === "heldout") held++; }
}
const sha1 = (s: string) => createHash("sha1").update(s).digest("hex");
const groups = [...new Set(fresh.filter((l) => l.part === "").map((l) => l.sourceGroup))].sort((a, b) => sha1(a).localeCompare(sha1(b)));
for (const g of groups) {
  const members = fresh.filter((l) => l.sourceGroup === g);
  const part = held + members.length <= cap ? "heldout" : "tuning";
  if (part === "heldout") held += members.length;
  for (const l of members) l.part = part;
}
writeFileSync(FILE, `${JSON.stringify(labels, null, 1)}\n`);
console.log(`batch of ${fresh.length}: held-out ${held} (cap ${cap}), tuning ${fresh.length - held}`);
