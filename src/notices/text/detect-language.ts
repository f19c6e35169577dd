import type { NoticeLanguage } from "../notice.ts";

// Words nearly every English notice sentence has; a Latin-script text with almost none is another language.
const ENGLISH_FUNCTION_WORDS = new Set(["the", "and", "of", "to", "will", "is", "be", "for", "on", "with", "your", "this", "that", "are", "by", "in", "we", "you", "a", "or", "from", "use"]);
// Words of retirement notices that no other language the lists below cover writes the same way: a table of retiring
// features ("Retiring feature | Recommended action | Impacted resources") has few function words but these.
const ENGLISH_NOTICE_WORDS = new Set([
  "retire", "retires", "retired", "retiring", "retirement", "supported", "feature", "features", "required", "resources",
  "impacted", "affected", "recommended", "upgrade", "migrate", "please", "older", "newer", "connections", "security",
  "learn", "more", "about", "should", "must", "after", "before", "starting", "longer", "ensure", "need", "needs",
]);
// Function words of other Latin-script languages (German, Spanish, French, Portuguese, Italian, Catalan, Dutch, the Nordic
// languages, Polish, Czech, Croatian, Slovenian, Lithuanian, Latvian, Turkish, Indonesian, Tagalog, Swahili, Vietnamese,
// Finnish, Romanian, Hungarian), none of them a word English notices write ("com", "os", "az", "pro", "van" … are left
// out: a link's host, a CLI command or a name puts them in English text).
const NON_ENGLISH_FUNCTION_WORDS = new Set([
  "der", "das", "und", "nicht", "ist", "mit", "werden", "wird", "sie", "ein", "eine", "dem", "auf", "von", "bitte", "zu",
  "el", "la", "los", "las", "de", "del", "que", "y", "para", "por", "se", "una", "su", "sus", "con", "amb", "els", "serà",
  "le", "les", "du", "et", "est", "pour", "vous", "votre", "dans", "sur", "pas", "ne", "au", "aux",
  "da", "dos", "em", "il", "di", "che", "della", "gli", "het", "een", "niet", "voor", "zijn", "wordt",
  "och", "att", "det", "som", "med", "av", "til", "og", "ikke", "inte", "nie", "jest", "od", "dla", "oraz", "aby",
  "lub", "przez", "jako", "nebo", "bude", "je", "za", "biti", "bo", "ir", "kad", "yra", "nuo", "iki", "un", "tiks",
  "bir", "bu", "ile", "olarak", "dan", "yang", "untuk", "dengan", "tidak", "akan", "ini", "itu", "dari", "ang", "ng", "mga",
  "sa", "ay", "hindi", "ya", "wa", "kwa", "ni", "katika", "của", "và", "các", "cho", "không", "được", "này", "là",
  "với", "để", "sẽ", "trong", "ja", "ei", "tai", "kun", "cu", "pentru", "nu", "este", "hogy", "nem", "egy", "és", "na",
]);

/** Letters of a word: ASCII, Latin-1, Latin Extended A and B, and Vietnamese's precomposed letters (U+1E00–U+1EFF). */
const isWordLetter = (c: number): boolean => (c >= 0x61 && c <= 0x7a) || (c >= 0xdf && c <= 0x24f && c !== 0xf7) || (c >= 0x1e00 && c <= 0x1eff);

/** What is not words of the notice's language: links, host names and e-mail addresses. */
// Each alternative starts only where a token starts, so a 20,000-character run without spaces is read once, not once per character.
const NOT_PROSE = /\bhttps?:\/\/\S+|(?<![\w.-])[\w-]+(?:\.[\w-]+)+(?:\/\S*)?|(?<!\S)[^\s@]+@\S+/gi;

function looksEnglish(text: string): boolean {
  // Runs of letters counted in place: a mail's 20,000 characters would otherwise become thousands of strings.
  const lower = text.slice(0, 20_000).toLowerCase().replace(NOT_PROSE, " ");
  let words = 0;
  let english = 0;
  let englishFunction = 0;
  let other = 0;
  let start = -1;
  for (let i = 0; i <= lower.length; i++) {
    const c = i < lower.length ? lower.charCodeAt(i) : 0;
    // Accented Latin letters belong to their word (Turkish "Ağustos" is no English "a" and "ustos").
    if (isWordLetter(c)) {
      if (start < 0) start = i;
      continue;
    }
    if (start < 0) continue;
    words++;
    // Every listed word is short: only short runs are compared.
    if (i - start <= 12) {
      const word = lower.slice(start, i);
      if (ENGLISH_FUNCTION_WORDS.has(word)) englishFunction++;
      else if (ENGLISH_NOTICE_WORDS.has(word)) english++;
      else if (NON_ENGLISH_FUNCTION_WORDS.has(word)) other++;
    }
    start = -1;
  }
  if (words < 12) return true;
  english += englishFunction;
  // Prose: English function words are a real share. A table or a list of features has few sentences: English only on
  // positive evidence (several English words, well ahead of another language's own), never for want of any.
  return englishFunction / words >= 0.06 || (english >= 3 && english > 2 * other);
}

/**
 * Japanese when kana/kanji make up a real share of the letters (English mails quote Japanese names too);
 * English when a Latin-script text reads as English; `unknown` for other languages (German, Korean, Russian …).
 */
export function detectLanguage(text: string): NoticeLanguage {
  let ja = 0;
  let latin = 0;
  let otherScript = 0;
  // Code units, not code points: a character outside the BMP is in neither range either way.
  const head = text.slice(0, 20_000);
  for (let i = 0; i < head.length; i++) {
    const c = head.charCodeAt(i);
    if ((c >= 0x3040 && c <= 0x30ff) || (c >= 0x4e00 && c <= 0x9fff)) ja++;
    else if ((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a)) latin++;
    // Greek, Cyrillic, Hebrew, Arabic, Thai, Hangul: a notice in one of them names Azure's products in Latin letters.
    else if ((c >= 0x370 && c <= 0x6ff) || (c >= 0xe00 && c <= 0xe7f) || (c >= 0x1100 && c <= 0x11ff) || (c >= 0xac00 && c <= 0xd7af)) otherScript++;
  }
  if (ja === 0 && latin === 0) return "unknown";
  // A Japanese character carries about as much as three Latin letters.
  if (ja * 3 >= latin * 0.5) return "ja";
  if (otherScript * 3 >= latin * 0.5) return "unknown";
  return looksEnglish(text) ? "en" : "unknown";
}
