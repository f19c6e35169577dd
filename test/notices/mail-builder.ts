/** A minimal RFC 5322 mail for tests that need notices with chosen dates and senders. */
export interface MailSpec {
  readonly from?: string;
  readonly subject: string;
  readonly body: string;
  readonly date?: string;
  readonly messageId?: string;
  readonly auth?: string;
}

export function buildMail(spec: MailSpec): Uint8Array {
  const headers = [
    `From: Microsoft Azure <${spec.from ?? "azure-noreply@microsoft.com"}>`,
    "To: ops@contoso.co.jp",
    `Subject: =?utf-8?B?${Buffer.from(spec.subject, "utf8").toString("base64")}?=`,
    `Date: ${new Date(spec.date ?? "2026-10-01T09:00:00Z").toUTCString()}`,
    `Message-ID: <${spec.messageId ?? `${Math.random().toString(36).slice(2)}@test.invalid`}>`,
    ...(spec.auth ? [`Authentication-Results: mx.contoso.co.jp; ${spec.auth}`] : []),
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
