import type { NoticeLanguage } from "../notice.ts";

// Words nearly every English notice sentence has; a Latin-script text with almost none is another language.
const ENGLISH = new Set(["the", "and", "of", "to", "will", "is", "be", "for", "on", "with", "your", "this", "that", "are", "by", "in", "we", "you", "a", "or", "from", "use"]);
// Function words of other Latin-script languages (German, Spanish, French, Portuguese, Italian, Dutch, the Nordic
// languages, Polish, Czech, Turkish, Indonesian, Finnish, Romanian, Hungarian), none of them an English word: a table
// of retiring features has few English function words, but a notice in another language has many of its own.
const OTHER = new Set([
  "der", "das", "und", "nicht", "ist", "mit", "werden", "wird", "sie", "ein", "eine", "dem", "auf", "von", "bitte", "zu",
  "el", "la", "los", "las", "de", "del", "que", "y", "para", "por", "se", "una", "su", "sus", "con",
  "le", "les", "des", "du", "et", "est", "pour", "vous", "votre", "dans", "sur", "pas", "ne", "au", "aux",
  "os", "da", "dos", "com", "em", "il", "di", "che", "per", "non", "della", "gli", "het", "een", "van", "niet", "voor", "zijn", "wordt",
  "die", "den", "och", "att", "det", "som", "med", "av", "til", "og", "ikke", "inte", "nie", "jest", "od", "dla", "oraz", "aby",
  "lub", "przez", "jako", "pro", "nebo", "bude", "ve", "bir", "bu", "ile", "olarak", "dan", "yang", "untuk", "dengan", "tidak",
  "akan", "ini", "itu", "dari", "ja", "ei", "tai", "kun", "cu", "pentru", "nu", "este", "care", "az", "hogy", "nem", "egy", "na",
]);

function looksEnglish(text: string): boolean {
  // Runs of letters counted in place: a mail's 20,000 characters would otherwise become thousands of strings.
  const lower = text.slice(0, 20_000).toLowerCase();
  let words = 0;
  let english = 0;
  let other = 0;
  let start = -1;
  for (let i = 0; i <= lower.length; i++) {
    const c = i < lower.length ? lower.charCodeAt(i) : 0;
    // Accented Latin letters belong to their word (Turkish "Ağustos" is no English "a" and "ustos").
    if ((c >= 0x61 && c <= 0x7a) || (c >= 0xdf && c <= 0x24f && c !== 0xf7)) {
      if (start < 0) start = i;
      continue;
    }
    if (start < 0) continue;
    words++;
    // Every listed word is short: only short runs are compared.
    if (i - start <= 6) {
      const word = lower.slice(start, i);
      if (ENGLISH.has(word)) english++;
      else if (OTHER.has(word)) other++;
    }
    start = -1;
  }
  if (words < 12) return true;
  // A table or a list of features has few sentences: English unless another language's own words outnumber English.
  return english / words >= 0.06 || other <= english;
}

/**
 * Japanese when kana/kanji make up a real share of the letters (English mails quote Japanese names too);
 * English when a Latin-script text reads as English; `unknown` for other languages (German, Spanish …).
 */
export function detectLanguage(text: string): NoticeLanguage {
  let ja = 0;
  let latin = 0;
  // Code units, not code points: a character outside the BMP is in neither range either way.
  const head = text.slice(0, 20_000);
  for (let i = 0; i < head.length; i++) {
    const c = head.charCodeAt(i);
    if ((c >= 0x3040 && c <= 0x30ff) || (c >= 0x4e00 && c <= 0x9fff)) ja++;
    else if ((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a)) latin++;
  }
  if (ja === 0 && latin === 0) return "unknown";
  // A Japanese character carries about as much as three Latin letters.
  if (ja * 3 >= latin * 0.5) return "ja";
  return looksEnglish(text) ? "en" : "unknown";
}
