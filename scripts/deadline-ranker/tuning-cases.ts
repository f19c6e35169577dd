// The deadline reader's inputs for every tuning text, read once: the learned ranker is trained and validated
// on these only. Held-out texts are never opened here: a label outside the tuning part is refused before its
// file is read, so no weight, λ or threshold can depend on them.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { classify } from "../../src/notices/extract/classify.ts";
import { deadlineCandidates, type DeadlineCandidates } from "../../src/notices/extract/deadline-features.ts";
import { parseNotice } from "../../src/notices/parse-notice.ts";
import { REAL_DIR, type Batch, type RealLabel } from "../../test/notices/real-notices-eval.ts";

export interface TuningCase {
  readonly id: string;
  readonly batch: Batch;
  /** The labelled deadline (null: the text gives no full day). */
  readonly label: string | null;
  /** The reader classifies the text as TLS (a wrong date on a text it does not call TLS is never trusted). */
  readonly readAsTls: boolean;
  /** The reader looks for a deadline at all (retirement or action wording). */
  readonly asked: boolean;
  readonly text: string;
  readonly tlsSpans: ReadonlyArray<{ start: number; end: number }>;
  readonly found: DeadlineCandidates;
  /** What the reader itself (hand weights) read: the cases are checked against it. */
  readonly readerDeadline: string | null;
}

/** The labelled TLS texts of the tuning part (the texts the deadline figure counts). */
export async function loadTuningCases(labels: readonly RealLabel[], dir = REAL_DIR): Promise<TuningCase[]> {
  const cases: TuningCase[] = [];
  for (const label of labels) {
    if (label.part !== "tuning") continue;
    if (!label.isTls) continue;
    const notice = await parseNotice(readFileSync(join(dir, label.file)));
    const cls = classify(notice.subject, notice.text);
    cases.push({
      id: label.id, batch: label.batch, label: label.deadline, readAsTls: notice.isTls, asked: cls.isRetirement || cls.actionRequired,
      text: notice.text, tlsSpans: cls.tls.sentences, found: deadlineCandidates(notice.subject, notice.text, notice.date, cls.tls.sentences),
      readerDeadline: notice.deadline,
    });
  }
  return cases;
}
