/** How much of a file is looked at to tell text from binary data. */
const SAMPLE_BYTES = 8192;
/** Control bytes text can hold: tab, line feed, vertical tab, form feed, carriage return, and ESC (ISO-2022-JP). */
const TEXT_CONTROLS = new Set([0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x1b]);
const WHITESPACE = new Set([0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x20]);

/**
 * Why these bytes cannot be a mail, or null when they may be one. A mail, MIME or pasted text, is text in
 * some charset (UTF-8, Shift_JIS, ISO-2022-JP…): a file with nothing but whitespace is `empty`, one with a NUL
 * byte or more than 1 in 20 other control bytes near its start (an image, a PDF, an archive) is `binary`.
 * Headers are not required: pasted notice text has none.
 */
export function whyNotAMail(bytes: Uint8Array): "empty" | "binary" | null {
  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  let content = false;
  for (let i = start; i < bytes.length && !content; i++) content = !WHITESPACE.has(bytes[i]!);
  if (!content) return "empty";
  const sample = bytes.subarray(start, start + SAMPLE_BYTES);
  let controls = 0;
  for (const b of sample) {
    if (b === 0) return "binary";
    if ((b < 0x20 && !TEXT_CONTROLS.has(b)) || b === 0x7f) controls++;
  }
  return controls * 20 > sample.length ? "binary" : null;
}
