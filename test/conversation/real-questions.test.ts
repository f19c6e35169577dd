import { describe, expect, it } from "vitest";
import { evaluateQuestions, loadQuestions, type QuestionPart } from "./real-questions-eval.ts";

/**
 * Floors the chat parser has reached on real questions people asked in public (test/fixtures/questions/real). A
 * change that reads them worse fails here. Raise a floor when the parser gets better, never lower one to make a
 * change pass. The held-out part has no rule written against it.
 */
const FLOORS: Record<QuestionPart, { intent: number; exact: number }> = {
  tuning: { intent: 0.79, exact: 0.76 },
  heldout: { intent: 0.48, exact: 0.37 },
};

const questions = loadQuestions();

describe("real chat questions (public, en/ja)", () => {
  it("holds questions in both languages, each labelled in the compact form, split by source into two parts", () => {
    expect(questions.length).toBeGreaterThanOrEqual(100);
    expect(new Set(questions.map((q) => q.language))).toEqual(new Set(["en", "ja"]));
    expect(new Set(questions.map((q) => q.id)).size).toBe(questions.length);
    const partOfGroup = new Map<string, string>();
    for (const q of questions) {
      expect(partOfGroup.get(q.sourceGroup) ?? q.part, q.sourceGroup).toBe(q.part);
      partOfGroup.set(q.sourceGroup, q.part);
      expect(q.source).toMatch(/^https?:\/\//);
      for (const want of q.expect.split("||")) expect(want.trim(), q.id).toMatch(/^(?:list(?: \S+)*|retirements(?: \S+)*|overview|unknown)$/);
    }
  });

  it.each(["tuning", "heldout"] as const)("%s: the kind of answer and the whole answer stay at or above their floors", (part) => {
    const f = evaluateQuestions(questions, part);
    expect(f.intent.hits / f.intent.total).toBeGreaterThanOrEqual(FLOORS[part].intent);
    expect(f.exact.hits / f.exact.total).toBeGreaterThanOrEqual(FLOORS[part].exact);
  });
});
