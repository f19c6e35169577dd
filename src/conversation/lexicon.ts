import { KIND_DEFINITIONS } from "../azure/kinds/registry.ts";
import type { KindDefinition } from "../azure/kinds/kind-definition.ts";
import { loadLocaleResources } from "../render/i18n.ts";
import { editDistance, typoBudget } from "./fuzzy.ts";
import { JAPANESE } from "./normalize-input.ts";

/** A concept is a dotted key of locales/{lang}/intents.json, e.g. `kind.redis`, `op.lt`, `due.thisMonth`. */
export type Concept = string;

const FUNCTION_CONCEPTS = new Set(["intent.list", "intent.more", "intent.status", "due.within", "kind.any"]);

export interface Hit {
  readonly concept: Concept;
  readonly start: number;
  readonly end: number;
}

interface Phrase {
  readonly concept: Concept;
  /** Japanese phrases match as substrings; others as whole word sequences. */
  readonly japanese: boolean;
  readonly text: string;
  readonly words: readonly string[];
}

export interface Token {
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

/** Words, numbers with dots (1.2), names with dashes (redis-cart-prod) and comparison signs. */
export function tokenize(text: string): Token[] {
  return [...text.matchAll(/[a-z0-9][a-z0-9._-]*[a-z0-9]|[a-z0-9]|[<>=]=?|\?/g)].map((m) => ({ text: m[0], start: m.index, end: m.index + m[0].length }));
}

/**
 * Both languages' vocabulary, always: people mix languages (「cachesで1.2未満」) and the reply language is
 * decided separately. The synonym lists live in the locale files (`intents.json`), one `|`-separated
 * string per concept, so translators extend them without touching code.
 */
export class Lexicon {
  readonly #phrases: Phrase[] = [];
  readonly #byFirstWord = new Map<string, Phrase[]>();
  /** Single words long enough to be matched with a typo. */
  readonly #fuzzy: Phrase[] = [];

  constructor(resources = loadLocaleResources(), kinds: readonly KindDefinition[] = KIND_DEFINITIONS) {
    for (const lang of Object.keys(resources)) {
      const tree = resources[lang]?.["intents"];
      if (tree) this.#add(tree, "");
    }
    // Resource kinds' words come from their definitions (src/azure/kinds/<kind>/), names included.
    for (const k of kinds) {
      const words = (["en", "ja"] as const).flatMap((lang) => [k.names[lang].one, k.names[lang].other, ...k.synonyms[lang]]);
      this.#add({ [k.id]: [...new Set(words)].join("|") }, "kind.");
    }
    for (const p of this.#phrases) {
      if (p.japanese) continue;
      const first = p.words[0] ?? "";
      this.#byFirstWord.set(first, [...(this.#byFirstWord.get(first) ?? []), p]);
      // Typos are forgiven on content words only: a function word one letter from another ("there" /
      // "where") would turn small talk into a query.
      if (p.words.length === 1 && first.length >= 5 && /^[a-z]+$/.test(first) && !FUNCTION_CONCEPTS.has(p.concept)) this.#fuzzy.push(p);
    }
  }

  #add(tree: Record<string, unknown>, prefix: string): void {
    for (const [k, v] of Object.entries(tree)) {
      if (typeof v === "string") {
        for (const raw of v.split("|")) {
          const text = raw.normalize("NFKC").toLowerCase().trim();
          if (!text) continue;
          const japanese = JAPANESE.test(text);
          this.#phrases.push({ concept: `${prefix}${k}`, japanese, text, words: japanese ? [] : tokenize(text).map((t) => t.text) });
        }
      } else if (v && typeof v === "object") this.#add(v as Record<string, unknown>, `${prefix}${k}.`);
    }
  }

  /**
   * Every concept mentioned, longest phrase first and without overlaps (「以前のまま」 beats 「以前」,
   * "or higher" beats "higher"). `skip` marks spans already explained (resource names), which are not
   * read as words.
   */
  find(text: string, tokens: readonly Token[], skip: ReadonlyArray<{ start: number; end: number }> = []): Hit[] {
    const candidates: Hit[] = [];
    for (const p of this.#phrases) {
      if (!p.japanese) continue;
      let from = 0;
      for (;;) {
        const i = text.indexOf(p.text, from);
        if (i < 0) break;
        candidates.push({ concept: p.concept, start: i, end: i + p.text.length });
        from = i + 1;
      }
    }
    const free = tokens.filter((t) => !skip.some((s) => t.start < s.end && s.start < t.end));
    for (let i = 0; i < free.length; i++) {
      const tok = free[i] as Token;
      for (const p of this.#byFirstWord.get(tok.text) ?? []) {
        if (p.words.every((w, k) => free[i + k]?.text === w)) {
          const last = free[i + p.words.length - 1] as Token;
          candidates.push({ concept: p.concept, start: tok.start, end: last.end });
        }
      }
      if (tok.text.length >= 5 && /^[a-z]+$/.test(tok.text) && !candidates.some((c) => c.start === tok.start)) {
        let best: { p: Phrase; d: number } | null = null;
        for (const p of this.#fuzzy) {
          const d = editDistance(tok.text, p.text, Math.min(typoBudget(tok.text), typoBudget(p.text)));
          if (d <= Math.min(typoBudget(tok.text), typoBudget(p.text)) && (!best || d < best.d)) best = { p, d };
        }
        if (best) candidates.push({ concept: best.p.concept, start: tok.start, end: tok.end });
      }
    }
    candidates.sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
    const taken: Hit[] = [];
    for (const c of candidates) {
      if (skip.some((s) => c.start < s.end && s.start < c.end)) continue;
      if (taken.some((t) => c.start < t.end && t.start < c.end)) continue;
      taken.push(c);
    }
    return taken.sort((a, b) => a.start - b.start);
  }
}
