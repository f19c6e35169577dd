// The training examples of the TLS wording model: the tuning part of the real notices, read the way the
// reader reads them (the normalised text of a pasted notice). Held-out labels are refused here, so nothing
// trained can have seen them.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseNotice } from "../../src/notices/parse-notice.ts";
import { sentences } from "../../src/notices/extract/tls-evidence.ts";
import { featuresOf } from "../../src/notices/extract/tls-wording.ts";
import { REAL_DIR, type RealLabel } from "../../test/notices/real-notices-eval.ts";
import type { Example } from "./fit-logistic.ts";

export async function tuningExamples(labels: readonly RealLabel[], dir = REAL_DIR): Promise<Example[]> {
  const out: Example[] = [];
  for (const l of labels) {
    if (l.part !== "tuning") throw new Error(`${l.id} is not a tuning text: the model is never trained on held-out texts`);
    // Only the normalised text is wanted: the model being trained gives no opinion on it.
    const notice = await parseNotice(readFileSync(join(dir, l.file)), { wordingVote: false });
    const found = sentences(notice.text);
    // A text with no sentence about TLS, SSL or a protocol gets no vote, so it teaches nothing either.
    if (found.length === 0) continue;
    out.push({ id: l.id, batch: l.batch, isTls: l.isTls, f: featuresOf(found.map((s) => s.text).join("\n")) });
  }
  return out;
}
