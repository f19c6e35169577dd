import type { NoticeLanguage } from "../notice.ts";

/** Japanese when kana/kanji make up a real share of the letters (English mails quote Japanese names too). */
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
  return ja * 3 >= latin * 0.5 ? "ja" : "en";
}
