/** A minimal RFC 5322 mail for tests that need notices with chosen dates and senders. */
export interface MailSpec {
  readonly from?: string;
  readonly subject: string;
  readonly body: string;
  readonly date?: string;
  readonly messageId?: string;
  /**
   * The receiving server's `Authentication-Results` (after the authserv-id). By default DKIM, SPF and DMARC
   * pass for the sender's own domain, as for a genuine mail; `null` leaves the header out (no evidence).
   */
  readonly auth?: string | null;
  /** Extra header lines, e.g. a `Received:` trace. */
  readonly headers?: readonly string[];
}

export function buildMail(spec: MailSpec): Uint8Array {
  const from = spec.from ?? "azure-noreply@microsoft.com";
  const domain = from.slice(from.lastIndexOf("@") + 1);
  const auth = spec.auth === undefined ? `dkim=pass header.d=${domain} header.s=s1024; spf=pass smtp.mailfrom=${domain}; dmarc=pass header.from=${domain}` : spec.auth;
  const headers = [
    ...(spec.headers ?? []),
    `From: Microsoft Azure <${from}>`,
    "To: ops@contoso.co.jp",
    `Subject: =?utf-8?B?${Buffer.from(spec.subject, "utf8").toString("base64")}?=`,
    `Date: ${new Date(spec.date ?? "2026-10-01T09:00:00Z").toUTCString()}`,
    `Message-ID: <${spec.messageId ?? `${Math.random().toString(36).slice(2)}@test.invalid`}>`,
    ...(auth !== null ? [`Authentication-Results: mx.contoso.co.jp; ${auth}`] : []),
    "MIME-Version: 1.0",
    "Content-Type: text/plain; charset=utf-8",
    "Content-Transfer-Encoding: base64",
  ];
  const body = Buffer.from(spec.body, "utf8").toString("base64").replace(/.{76}/g, "$&\r\n");
  return new TextEncoder().encode(`${headers.join("\r\n")}\r\n\r\n${body}\r\n`);
}

export const redisNotice = (deadline: string, opts: Partial<MailSpec> = {}): Uint8Array =>
  buildMail({
    subject: `Action required: Update your Azure Cache for Redis instances to use TLS 1.2 by ${deadline}`,
    body: `Azure Cache for Redis will retire support for TLS 1.0 and 1.1 on ${deadline}.\n\nRequired action\nSet the minimum TLS version of your caches to 1.2 before ${deadline}.\n`,
    ...opts,
  });

/**
 * The hostile tester's mail: From Microsoft's Azure address, relayed from an outside host, no
 * `Authentication-Results` — "postponing" the Redis TLS 1.0/1.1 retirement to 1 December 2030. With `auth`,
 * the receiving server's results are added on top, as it would record them for a genuine mail.
 */
export function forgedRedisPostponement(opts: { auth?: string; messageId?: string } = {}): Uint8Array {
  const lines = [
    ...(opts.auth ? [`Authentication-Results: mx.contoso.co.jp; ${opts.auth}`] : []),
    "Received: from mail.azure-notify.example (unknown [203.0.113.66])",
    "\tby mx.contoso.co.jp (Postfix) with ESMTP id 4F1A2B3C4D",
    "\tfor <ops@contoso.co.jp>; Mon, 02 Nov 2026 08:12:44 +0000 (UTC)",
    "From: Microsoft Azure <azure-noreply@microsoft.com>",
    "To: ops@contoso.co.jp",
    "Subject: Update: TLS 1.0 and 1.1 retirement for Azure Cache for Redis postponed to 1 December 2030",
    "Date: Mon, 02 Nov 2026 08:12:40 +0000",
    `Message-ID: <${opts.messageId ?? "forged-redis-2030@notify.microsoft.com"}>`,
    "MIME-Version: 1.0",
    "Content-Type: text/plain; charset=utf-8",
    "",
    "Action required: Azure Cache for Redis TLS 1.0 and 1.1 retirement postponed",
    "",
    "We have postponed the retirement of TLS 1.0 and 1.1 for Azure Cache for Redis.",
    "Azure Cache for Redis will retire support for TLS 1.0 and 1.1 on 1 December 2030.",
    "",
    "Required action",
    "Set the minimum TLS version of your caches to 1.2 before 1 December 2030.",
    "",
  ];
  return new TextEncoder().encode(lines.join("\r\n"));
}

/** Authentication-Results of a genuine Microsoft mail: DKIM aligned with microsoft.com, SPF and DMARC pass. */
export const MICROSOFT_AUTH_PASS = "dkim=pass header.d=microsoft.com header.s=s1024; spf=pass smtp.mailfrom=microsoft.com; dmarc=pass action=none header.from=microsoft.com";

/**
 * The Redis notice as Microsoft sends it: multipart/alternative, a text part then an HTML part, closed by the final
 * boundary. Cut anywhere before that boundary, it is a copy `looksCutOff` recognises.
 */
export function redisMultipartNotice(deadline: string, opts: { messageId: string; date?: string }): Uint8Array {
  const sentence = `Azure Cache for Redis will retire support for TLS 1.0 and 1.1 on ${deadline}.`;
  const action = `Set the minimum TLS version of your caches to 1.2 before ${deadline}.`;
  const lines = [
    "From: Microsoft Azure <azure-noreply@microsoft.com>",
    "To: ops@contoso.co.jp",
    `Subject: Action required: Update your Azure Cache for Redis instances to use TLS 1.2 by ${deadline}`,
    `Date: ${new Date(opts.date ?? "2026-10-01T09:00:00Z").toUTCString()}`,
    `Message-ID: <${opts.messageId}>`,
    `Authentication-Results: mx.contoso.co.jp; ${MICROSOFT_AUTH_PASS}`,
    "MIME-Version: 1.0",
    'Content-Type: multipart/alternative; boundary="=_redis_tls"',
    "",
    "--=_redis_tls",
    "Content-Type: text/plain; charset=utf-8",
    "",
    sentence,
    "",
    "Required action",
    action,
    "",
    "--=_redis_tls",
    "Content-Type: text/html; charset=utf-8",
    "",
    `<html><body><p>${sentence}</p><h2>Required action</h2><p>${action}</p>`,
    "<p>If you have questions, contact Azure support.</p></body></html>",
    "--=_redis_tls--",
    "",
  ];
  return new TextEncoder().encode(lines.join("\r\n"));
}
