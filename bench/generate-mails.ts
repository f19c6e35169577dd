/**
 * Deterministic "Action Required"-style HTML mails of about `size` bytes each: Microsoft's layout (nested
 * tables, inline styles, a tracking pixel, a script a hostile sender might add), the notice text in the
 * middle, and filler paragraphs. Half English, half Japanese; half base64, half quoted-printable.
 */
const SERVICES = [
  ["Azure Cache for Redis", "Azure Cache for Redis"],
  ["Azure IoT Hub", "Azure IoT Hub"],
  ["Azure Storage", "Azure Storage"],
  ["Azure App Service", "Azure App Service"],
  ["Azure SQL Database", "Azure SQL Database"],
] as const;
const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

function qp(text: string): string {
  const bytes = Buffer.from(text, "utf8");
  let out = "";
  let line = 0;
  for (const b of bytes) {
    const ch = b >= 33 && b <= 126 && b !== 61 ? String.fromCharCode(b) : b === 32 ? " " : b === 10 ? "\r\n" : `=${b.toString(16).toUpperCase().padStart(2, "0")}`;
    if (ch === "\r\n") { out += ch; line = 0; continue; }
    if (line + ch.length > 75) { out += "=\r\n"; line = 0; }
    out += ch;
    line += ch.length;
  }
  return out;
}

export function generateMail(i: number, size = 30 * 1024): Uint8Array {
  const ja = i % 2 === 1;
  const [service] = SERVICES[i % SERVICES.length]!;
  const day = (i % 28) + 1;
  const month = i % 12;
  const year = 2025 + (i % 3);
  const tls = i % 5 !== 0;
  const notice = ja
    ? tls
      ? `<p>${service} では、${year}年${month + 1}月${day}日に TLS 1.0 および TLS 1.1 のサポートを終了します。</p><p><b>必要な対応</b>: ${year}年${month + 1}月${day}日までに、最小 TLS バージョンを 1.2 に設定してください。</p>`
      : `<p>${service} のクラシック版は ${year}年${month + 1}月${day}日に廃止されます。移行をご検討ください。</p>`
    : tls
      ? `<p>On ${day} ${MONTHS[month]} ${year}, ${service} will retire support for TLS 1.0 and TLS 1.1.</p><p><b>Required action</b>: set the minimum TLS version to 1.2 before ${MONTHS[month]} ${day}, ${year}.</p>`
      : `<p>${service} classic will be retired on ${day} ${MONTHS[month]} ${year}. Plan your migration.</p>`;
  const filler = ja
    ? "<tr><td style=\"padding:8px;font-family:'Segoe UI',Meiryo,sans-serif;color:#333\">このメールは、Azure サブスクリプションの管理者に送信されています。詳細は Azure portal の Service Health をご確認ください。</td></tr>"
    : "<tr><td style=\"padding:8px;font-family:'Segoe UI',sans-serif;color:#333\">You're receiving this email because you're an administrator of an Azure subscription. See Service Health in the Azure portal for details.</td></tr>";
  const head = `<html><head><style>td{font-size:14px}</style><script>document.write('x')</script></head><body><table width="100%"><tr><td><img src="https://mail.example/pixel/${i}.gif" width="1" height="1"></td></tr><tr><td>${notice}</td></tr>`;
  let html = head;
  while (Buffer.byteLength(html, "utf8") < size - 400) html += filler;
  html += `<tr><td><a href="https://learn.microsoft.com/azure/notice-${i}">Learn more</a></td></tr></table></body></html>`;
  const subject = tls
    ? ja ? `【要対応】${service} の TLS 1.0/1.1 サポート終了` : `Action required: ${service} TLS 1.0 and 1.1 retirement`
    : ja ? `${service} (クラシック) の廃止について` : `${service} classic retirement`;
  const base64 = i % 4 < 2;
  const body = base64 ? Buffer.from(html, "utf8").toString("base64").replace(/.{76}/g, "$&\r\n") : qp(html);
  const headers = [
    "From: Microsoft Azure <azure-noreply@microsoft.com>",
    "To: ops@contoso.co.jp",
    `Subject: =?utf-8?B?${Buffer.from(subject).toString("base64")}?=`,
    `Date: ${new Date(Date.UTC(2024, 8, 1) + i * 60_000).toUTCString()}`,
    `Message-ID: <bench-${i}@notify.microsoft.com>`,
    "Authentication-Results: mx.contoso.co.jp; dkim=pass header.d=microsoft.com; spf=pass; dmarc=pass",
    "MIME-Version: 1.0",
    "Content-Type: text/html; charset=utf-8",
    `Content-Transfer-Encoding: ${base64 ? "base64" : "quoted-printable"}`,
  ];
  return new TextEncoder().encode(`${headers.join("\r\n")}\r\n\r\n${body}\r\n`);
}
