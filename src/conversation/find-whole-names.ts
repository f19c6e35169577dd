import { normalizeInput } from "./normalize-input.ts";

/** A single token as `tokenize` reads one: such names are matched token by token instead. */
const ONE_TOKEN = /^[a-z0-9][a-z0-9._-]*$/;
const cache = new WeakMap<ReadonlyMap<string, string>, ReadonlyArray<readonly [string, string]>>();

/** The names that are not one token, as a question's text reads them, longest first (computed once per vocabulary). */
function wholeNames(names: ReadonlyMap<string, string>): ReadonlyArray<readonly [string, string]> {
  let out = cache.get(names);
  if (!out) {
    out = [...names].map(([name, id]) => [normalizeInput(name).text, id] as const).filter(([n]) => n.length >= 3 && !ONE_TOKEN.test(n)).sort((a, b) => b[0].length - a[0].length);
    cache.set(names, out);
  }
  return out;
}

/**
 * Subscription display names with blanks, punctuation or Japanese in them ("Contoso Production", "Pay-As-You-Go
 * (JP)", 「本番サブスクリプション」), found whole in the text: the token-by-token reading never sees them. A name must
 * stand as words of its own (no letter or digit glued to either end); the longest wins where two overlap.
 */
export function findWholeNames(text: string, names: ReadonlyMap<string, string>): Array<{ id: string; span: { start: number; end: number } }> {
  const found: Array<{ id: string; span: { start: number; end: number } }> = [];
  for (const [name, id] of wholeNames(names)) {
    for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + 1)) {
      const span = { start: at, end: at + name.length };
      const glued = /[a-z0-9]/.test(text[at - 1] ?? "") || /[a-z0-9]/.test(text[span.end] ?? "");
      if (glued || found.some((f) => f.span.start < span.end && span.start < f.span.end)) continue;
      found.push({ id, span });
    }
  }
  return found;
}
