import { unwrapSafeLinks } from "../mime/safelinks.ts";

/**
 * One canonical text to search: NFKC (full-width digits and letters become ASCII, 「２０２５年」 → 「2025年」),
 * quoting markers removed, SafeLinks unwrapped, whitespace tidied. Evidence offsets point into this text.
 */
export function normalizeText(raw: string): string {
  return unwrapSafeLinks(raw.normalize("NFKC"))
    .replace(/\r\n?/g, "\n")
    .split("\n")
    .map((line) => line.replace(/^(?:\s*>)+ ?/, "").replace(/[ \t\u3000]+/g, " ").trimEnd())
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}
