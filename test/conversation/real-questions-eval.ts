import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Lexicon } from "../../src/conversation/lexicon.ts";
import { parseQuestion, type Vocabulary } from "../../src/conversation/parse-intent.ts";
import { compactIntent } from "./compact-intent.ts";

/** Real questions people asked in public about TLS in Azure, labelled with what tlsbot should answer (see the folder's README). */
export const QUESTIONS_DIR = "test/fixtures/questions/real";

export type QuestionPart = "tuning" | "heldout";

export interface RealQuestion {
  readonly id: string;
  readonly text: string;
  readonly language: "en" | "ja";
  readonly source: string;
  readonly sourceGroup: string;
  readonly part: QuestionPart;
  readonly batch: number;
  /** The compact answer (`compact-intent.ts`); alternatives that serve the asker equally are joined by ` || `. */
  readonly expect: string;
  readonly note?: string;
}

export interface QuestionFigures {
  readonly items: number;
  /** The kind of answer (a list, the retirements, an overview, "not understood") is one the label allows. */
  readonly intent: { hits: number; total: number };
  /** The whole answer, filters included, is one the label allows. */
  readonly exact: { hits: number; total: number };
  readonly misses: readonly string[];
}

export function loadQuestions(dir = QUESTIONS_DIR): RealQuestion[] {
  return JSON.parse(readFileSync(join(dir, "questions.json"), "utf8")) as RealQuestion[];
}

// Public questions name the asker's resources, not ours: nothing in them is in the inventory's vocabulary.
const EMPTY: Vocabulary = { resources: new Map(), subscriptions: new Map(), resourceGroups: new Set() };
const NOW = new Date("2026-12-01T03:00:00Z");
const lexicon = new Lexicon();

/** "unknown" and the help card answer alike (examples of what to ask), so either is right where the label says unknown. */
const sameAnswer = (got: string, want: string): boolean => got === want || (want === "unknown" && got === "help");

export function readQuestion(q: Pick<RealQuestion, "text" | "language">): string {
  return compactIntent(parseQuestion(q.text, lexicon, EMPTY, NOW, q.language === "ja" ? "Asia/Tokyo" : "UTC").intent);
}

export function evaluateQuestions(questions: readonly RealQuestion[], part: QuestionPart, language?: "en" | "ja"): QuestionFigures {
  const mine = questions.filter((q) => q.part === part && (!language || q.language === language));
  const intent = { hits: 0, total: mine.length };
  const exact = { hits: 0, total: mine.length };
  const misses: string[] = [];
  for (const q of mine) {
    const got = readQuestion(q);
    const wants = q.expect.split("||").map((w) => w.trim());
    const type = (s: string) => s.split(" ")[0];
    if (wants.some((w) => sameAnswer(type(got)!, type(w)!))) intent.hits++;
    if (wants.some((w) => sameAnswer(got, w))) exact.hits++;
    else misses.push(`${q.id}: "${q.text}" expected ${q.expect}, got ${got}`);
  }
  return { items: mine.length, intent, exact, misses };
}
