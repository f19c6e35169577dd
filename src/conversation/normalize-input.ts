/** Longer messages are cut here: nothing a person asks the bot needs more, and parsing stays bounded. */
export const MAX_INPUT_CHARS = 1000;

/**
 * Chat text as the parser reads it: platform markup removed (Teams `<at>bot</at>` mentions and HTML,
 * Slack `<@U123>`, `<#C1|name>`, `<url|label>`), NFKC (full-width 「ＴＬＳ１．０」 → "TLS1.0", half-width
 * kana → full-width), lower case, arrows as "to", one space between words.
 */
export function normalizeInput(raw: string): { text: string; truncated: boolean } {
  let s = raw.length > MAX_INPUT_CHARS * 4 ? raw.slice(0, MAX_INPUT_CHARS * 4) : raw;
  s = s
    .replace(/<at(?:\s[^>]*)?>[\s\S]*?<\/at>/gi, " ")
    .replace(/<@[A-Z0-9]+(?:\|[^>]*)?>/gi, " ")
    .replace(/<#[A-Z0-9]+\|([^>]*)>/gi, " $1 ")
    .replace(/<(https?:\/\/[^|>]+)\|([^>]*)>/gi, " $2 ")
    .replace(/<!(?:here|channel|everyone)>/gi, " ")
    .replace(/<\/?[a-z][^>]*>/gi, " ")
    .replace(/&nbsp;/gi, " ")
    .replace(/&amp;/gi, "&")
    .replace(/&lt;/gi, "<")
    .replace(/&gt;/gi, ">");
  s = s.normalize("NFKC").toLowerCase();
  // "1.0 -> 1.2", 「1.0→1.2 に」: an arrow says "to"; its ">" read alone made "upgrade caches 1.0 -> 1.2" list those above 1.0.
  s = s.replace(/\s*(?:->|=>|→|⇒|⟶|➔|➡)\s*/g, " to ");
  // Japanese punctuation and quotes carry no meaning for intents.
  s = s.replace(/[「」『』【】（）()、。，！!？?…・"'`*_~]/g, (c) => (c === "?" || c === "？" ? " ? " : " "));
  s = s.replace(/\s+/g, " ").trim();
  const truncated = s.length > MAX_INPUT_CHARS;
  return { text: truncated ? s.slice(0, MAX_INPUT_CHARS) : s, truncated };
}

/** Kana, kanji or CJK punctuation: the text is (at least partly) Japanese. */
export const JAPANESE = /[\u3040-\u30ff\u3400-\u9fff\uff66-\uff9f]/;
