/**
 * The demo's sample of a notice held for a person: an "Action required" mail about Azure Cache for Redis that a
 * colleague forwarded, so its original sender cannot be verified. The demo's operator can review it in the web chat
 * ("notices to review") and accept or dismiss it. Demo data, never read outside `tlsbot demo`.
 */
export function demoForwardedNotice(): { bytes: Uint8Array; messageKey: string } {
  const lines = [
    "From: Ops Lead <ops-lead@contoso.example>",
    "To: cloud-team@contoso.example",
    "Subject: Fwd: Action required: Update your Azure Cache for Redis instances to use TLS 1.2",
    "Date: Mon, 16 Nov 2026 01:15:00 +0000",
    "Message-ID: <demo-forwarded-redis@contoso.example>",
    "MIME-Version: 1.0",
    "Content-Type: text/plain; charset=utf-8",
    "",
    "FYI, please check our caches.",
    "",
    "---------- Forwarded message ---------",
    "From: Microsoft Azure <azure-noreply@microsoft.com>",
    "Subject: Action required: Update your Azure Cache for Redis instances to use TLS 1.2",
    "",
    "Azure Cache for Redis will retire support for TLS 1.0 and 1.1 on 1 March 2025.",
    "",
    "Required action",
    "Set the minimum TLS version of your caches to 1.2 before 1 March 2025.",
    "",
  ];
  return { bytes: new TextEncoder().encode(lines.join("\r\n")), messageKey: "mid:demo-forwarded-redis@contoso.example" };
}
