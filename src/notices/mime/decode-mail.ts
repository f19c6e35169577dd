import PostalMime from "postal-mime";
import { TlsbotError } from "../../domain/errors.ts";
import { htmlToText } from "./html-to-text.ts";

export const DEFAULT_MAX_MAIL_BYTES = 10 * 1024 * 1024;

export interface DecodedMail {
  readonly headers: ReadonlyMap<string, readonly string[]>;
  readonly messageId: string | null;
  readonly subject: string;
  readonly from: string | null;
  readonly fromName: string | null;
  readonly date: string | null;
  /** Readable body: the plain-text part, or the HTML part turned into text when that says more. */
  readonly body: string;
  /** Whether the input was a bare pasted text rather than a MIME message. */
  readonly pasted: boolean;
  readonly warnings: readonly string[];
}

/** A pasted notice starts with prose; a mail starts with `Name: value` header lines. */
function looksLikeMime(head: string): boolean {
  const firstLines = head.split(/\r?\n/, 3).filter((l) => l.length > 0);
  return firstLines.length > 0 && firstLines.every((l) => /^[!-9;-~]+:[ \t]?/.test(l) || /^[ \t]/.test(l)) && /^[A-Za-z][\w-]*:/.test(firstLines[0] ?? "");
}

function normaliseId(id: string | undefined): string | null {
  const trimmed = id?.trim().replace(/^<|>$/g, "");
  return trimmed ? trimmed : null;
}

/**
 * MIME bytes to headers and readable text (postal-mime: multipart, base64/quoted-printable, RFC 2047,
 * ISO-2022-JP/Shift_JIS/UTF-8 through the platform's TextDecoder). Never throws on malformed input: what
 * cannot be decoded is kept as text and reported in `warnings`. Only the size cap is an error.
 */
export async function decodeMail(bytes: Uint8Array, opts: { maxBytes?: number } = {}): Promise<DecodedMail> {
  const max = opts.maxBytes ?? DEFAULT_MAX_MAIL_BYTES;
  if (bytes.byteLength > max) throw new TlsbotError("noticeTooLarge", { size: bytes.byteLength, max });
  const warnings: string[] = [];
  const head = new TextDecoder("utf-8", { fatal: false }).decode(bytes.subarray(0, 2048));
  if (!looksLikeMime(head)) {
    const text = new TextDecoder("utf-8", { fatal: false }).decode(bytes);
    return { headers: new Map(), messageId: null, subject: "", from: null, fromName: null, date: null, body: text.includes("<") && /<\/?(p|div|br|html|body|table)\b/i.test(text) ? htmlToText(text) : text, pasted: true, warnings };
  }
  let email: Awaited<ReturnType<typeof PostalMime.parse>>;
  try {
    email = await PostalMime.parse(bytes, { attachmentEncoding: "arraybuffer", maxNestingDepth: 50 });
  } catch (err) {
    warnings.push(`mime: ${(err as Error).message}`);
    const text = new TextDecoder("utf-8", { fatal: false }).decode(bytes);
    return { headers: new Map(), messageId: null, subject: "", from: null, fromName: null, date: null, body: text, pasted: false, warnings };
  }
  const headers = new Map<string, string[]>();
  for (const h of email.headers) headers.set(h.key, [...(headers.get(h.key) ?? []), h.value]);
  const fromBox = email.from && "address" in email.from && email.from.address ? email.from : null;
  const plain = (email.text ?? "").trim();
  const fromHtml = email.html ? htmlToText(email.html) : "";
  // Microsoft's notices often carry a thin text part beside the real HTML one.
  const body = fromHtml.length > plain.length * 1.3 ? fromHtml : plain || fromHtml;
  if (email.attachments.length > 0) warnings.push(`attachments ignored: ${email.attachments.length}`);
  return {
    headers,
    messageId: normaliseId(email.messageId),
    subject: (email.subject ?? "").trim(),
    from: fromBox?.address?.toLowerCase() ?? null,
    fromName: fromBox?.name || null,
    date: email.date ? safeIso(email.date) : null,
    body,
    pasted: false,
    warnings,
  };
}

function safeIso(date: string): string | null {
  const t = Date.parse(date);
  return Number.isNaN(t) ? null : new Date(t).toISOString();
}
