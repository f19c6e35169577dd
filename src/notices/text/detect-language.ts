import type { NoticeLanguage } from "../notice.ts";

// Words nearly every English notice sentence has; a Latin-script text with almost none is another language.
const ENGLISH = new Set(["the", "and", "of", "to", "will", "is", "be", "for", "on", "with", "your", "this", "that", "are", "by", "in", "we", "you", "a", "or", "from", "use"]);

function looksEnglish(text: string): boolean {
  const words = text.slice(0, 20_000).toLowerCase().match(/[a-z]+/g) ?? [];
  if (words.length < 12) return true;
  return words.filter((w) => ENGLISH.has(w)).length / words.length >= 0.06;
}

/**
 * Japanese when kana/kanji make up a real share of the letters (English mails quote Japanese names too);
 * English when a Latin-script text reads as English; `unknown` for other languages (German, Spanish …).
 */
export function detectLanguage(text: string): NoticeLanguage {
  let ja = 0;
  let latin = 0;
  for (const ch of text.slice(0, 20_000)) {
    const c = ch.codePointAt(0) ?? 0;
    if ((c >= 0x3040 && c <= 0x30ff) || (c >= 0x4e00 && c <= 0x9fff)) ja++;
    else if ((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a)) latin++;
  }
  if (ja === 0 && latin === 0) return "unknown";
  // A Japanese character carries about as much as three Latin letters.
  if (ja * 3 >= latin * 0.5) return "ja";
  return looksEnglish(text) ? "en" : "unknown";
}
