/** A header line (`Name: value`) or the folded continuation of one. */
const HEADER_LINE = /^(?:[!-9;-~]+:|[ \t])/;

/**
 * Whether these bytes look like a mail cut off before its end: a saved copy still being written, a partial download,
 * a paste that stopped short. Two signs that do not depend on what the mail says: the header block never ends (every
 * line is a header and no blank line follows), or a multipart body lacks the closing delimiter its boundary promises
 * (RFC 2046 §5.1.1). Pasted notice text without headers is never cut off by this measure.
 */
export function looksCutOff(bytes: Uint8Array): boolean {
  // latin1 keeps every byte one character, so offsets and ASCII boundaries survive any charset.
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("latin1");
  const end = /\r?\n\r?\n/.exec(text);
  const head = end ? text.slice(0, end.index) : text.replace(/\r?\n$/, "");
  const lines = head.split(/\r?\n/);
  if (!end) {
    // The last line may stop inside a header's name, before its colon.
    const last = lines.pop() ?? "";
    return lines.length > 0 && lines.every((l) => HEADER_LINE.test(l)) && (HEADER_LINE.test(last) || /^[!-9;-~]*$/.test(last));
  }
  if (!lines.every((l) => HEADER_LINE.test(l))) return false;
  const contentType = /^content-type:((?:.*)(?:\r?\n[ \t].*)*)/im.exec(head)?.[1] ?? "";
  if (!/^\s*multipart\//i.test(contentType)) return false;
  const boundary = /boundary\s*=\s*(?:"([^"]+)"|([^\s;]+))/i.exec(contentType.replace(/\r?\n[ \t]/g, " "));
  const delimiter = boundary?.[1] ?? boundary?.[2];
  return delimiter !== undefined && !text.includes(`--${delimiter}--`, end.index);
}
