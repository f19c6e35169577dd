import { describe, expect, it } from "vitest";
import { RETIREMENTS } from "../../src/catalog/lookup.ts";
import { planRetirement } from "../../src/notices/apply/plan-retirement.ts";
import type { DecodedMail } from "../../src/notices/mime/decode-mail.ts";
import { noticeFromMail, parseNotice } from "../../src/notices/parse-notice.ts";
import { translator } from "../../src/render/i18n.ts";

const NOW = "2026-11-03T00:00:00Z";
const plan = (n: ReturnType<typeof noticeFromMail>) => planRetirement(n, "notice:1", [], RETIREMENTS, NOW);

/** From a listed Microsoft address with DKIM passing: whatever goes wrong below is not about trust. */
function trusted(subject: string, body: string): ReturnType<typeof noticeFromMail> {
  const headers = new Map([["authentication-results", ["mx.contoso.co.jp; dkim=pass header.d=microsoft.com"]]]);
  const mail: DecodedMail = { headers, messageId: null, subject, from: "azure-noreply@microsoft.com", fromName: null, date: "2026-10-01T00:00:00.000Z", body, pasted: false, warnings: [] };
  return noticeFromMail(mail);
}

const explained = (reason: string) => {
  for (const lang of ["en", "ja"] as const) expect(translator(lang)(`notices:reason.${reason}`)).not.toContain("reason.");
};

describe("bad notices: no crash, no wrong trusted deadline, a clear triage reason", () => {
  it("a notice in another language goes to triage as unreadable, not ignored or applied", () => {
    for (const [subject, body] of [
      ["Maßnahme erforderlich", "Ab dem 31. August 2025 werden TLS 1.0 und TLS 1.1 für Azure Cache for Redis nicht mehr unterstützt. Bitte stellen Sie Ihre Anwendungen rechtzeitig auf TLS 1.2 um, damit die Verbindung nicht unterbrochen wird."],
      ["Acción necesaria", "A partir del 31 de agosto de 2025, Azure Cache for Redis dejará de admitir las versiones 1.0 y 1.1 de TLS. Actualice sus aplicaciones para que usen TLS 1.2 antes de esa fecha para evitar interrupciones del servicio."],
    ] as const) {
      const n = trusted(subject, body);
      expect(n.language).toBe("unknown");
      const p = plan(n);
      expect(p).toMatchObject({ status: "triage", reason: "unsupportedLanguage", changes: [] });
      explained(p.reason);
    }
  });

  it("notices in other languages, in Latin letters or other scripts, are unreadable too, but an English table of retiring features is English, links and commands included", () => {
    for (const body of [
      "Från och med den 31 augusti 2025 stöder Azure Cache for Redis inte längre TLS 1.0 och 1.1. Uppdatera era program så att de använder TLS 1.2 före det datumet.",
      "Od 31 sierpnia 2025 r. Azure Cache for Redis nie będzie obsługiwać TLS 1.0 i 1.1. Zaktualizuj aplikacje, aby używały TLS 1.2 przed tą datą, i sprawdź biblioteki klienckie.",
      "Mulai 31 Agustus 2025, Azure Cache for Redis tidak akan lagi mendukung TLS 1.0 dan 1.1. Perbarui aplikasi Anda untuk menggunakan TLS 1.2 sebelum tanggal tersebut.",
      "31 Ağustos 2025 tarihinden itibaren Azure Cache for Redis artık TLS 1.0 ve 1.1 sürümlerini desteklemeyecek. Bu tarihten önce uygulamalarınızı TLS 1.2 ile çalışacak şekilde güncelleyin.",
      // Languages no word list names, in Latin letters and in other scripts.
      "Từ ngày 31 tháng 8 năm 2025, Azure Cache for Redis sẽ không còn hỗ trợ TLS 1.0 và 1.1. Vui lòng cập nhật ứng dụng của bạn để sử dụng TLS 1.2 trước ngày này.",
      "Nuo 2025 m. rugpjūčio 31 d. Azure Cache for Redis nebepalaikys TLS 1.0 ir 1.1 versijų. Atnaujinkite programas, kad iki šios datos jos naudotų TLS 1.2.",
      "Od 31. kolovoza 2025. Azure Cache for Redis više neće podržavati TLS 1.0 i 1.1. Ažurirajte svoje aplikacije da prije tog datuma koriste TLS 1.2.",
      "2025년 8월 31일부터 Azure Cache for Redis는 TLS 1.0 및 1.1을 더 이상 지원하지 않습니다. 해당 날짜 전에 애플리케이션이 TLS 1.2를 사용하도록 업데이트하세요.",
      "С 31 августа 2025 года Azure Cache for Redis больше не будет поддерживать TLS 1.0 и 1.1. Обновите свои приложения, чтобы до этой даты они использовали TLS 1.2.",
      "À partir du 31 août 2025, Azure Cache for Redis ne prendra plus en charge les versions 1.0 et 1.1 de TLS. Mettez à jour vos applications pour qu'elles utilisent TLS 1.2 avant cette date.",
      "A partir de 31 de agosto de 2025, o Azure Cache for Redis não oferecerá mais suporte às versões 1.0 e 1.1 do TLS. Atualize os seus aplicativos para usar o TLS 1.2 antes dessa data, com urgência.",
      "Dal 31 agosto 2025 Azure Cache for Redis non supporterà più le versioni 1.0 e 1.1 di TLS. Aggiorna le applicazioni per usare TLS 1.2 prima della data indicata, per evitare interruzioni del servizio.",
      "Vanaf 31 augustus 2025 wordt TLS 1.0 en 1.1 niet meer ondersteund voor Azure Cache for Redis. Werk uw toepassingen bij zodat ze TLS 1.2 gebruiken voor deze datum, om onderbrekingen van de dienst te voorkomen.",
    ]) expect(trusted("Action", body).language, body).toBe("unknown");
    // A retirement table's cells carry few of English's function words (2 of 60 here), and none of another language's.
    const table = [
      "Azure Advisor | Retiring features | Microsoft Azure",
      "Retiring feature | Service | Retirement date | Recommended action | Impacted resources",
      "TLS 1.0 and 1.1 | Azure Cache for Redis | March 31, 2027 | Upgrade clients, set minimum TLS 1.2 | redis-cart-prod, redis-cart-dev",
      "Classic pools | Azure Batch | April 30, 2027 | Migrate pools, recreate accounts | batch-eu-1",
      "Legacy SDK | Event Hubs | June 1, 2027 | Move clients, update packages | eh-orders, eh-billing",
      "Basic SKU public IP | Networking | September 30, 2027 | Upgrade SKU | pip-gateway",
    ].join("\n");
    const n = trusted("Azure Advisor: retiring features", table);
    expect(n.language).toBe("en");
    expect(plan(n).reason).not.toBe("unsupportedLanguage");
    // A link on every row, or the commands that fix it, put no other language's words into English text.
    const linked = table.split("\n").map((row, i) => (i < 2 ? row : `${row} | https://learn.microsoft.com/azure/azure-cache-for-redis/cache-remove-tls-10-11#com-${i}`)).join("\n");
    expect(trusted("Azure Advisor: retiring features", linked).language).toBe("en");
    const commands = [
      "TLS 1.0 and 1.1 retire for Azure Storage on 1 November 2027. Set the minimum:",
      "az storage account update --name contoso --resource-group rg-des-van --min-tls-version TLS1_2",
      "az storage account show --name contoso --query minimumTlsVersion -o tsv",
      "az account set --subscription os-pro-care-non-per",
    ].join("\n");
    expect(trusted("Action required", commands).language).toBe("en");
  });

  it("a pure HTML marketing mail is read as text and changes nothing", async () => {
    const html = `From: Azure <azure-noreply@microsoft.com>\r\nSubject: Save 40% on reserved instances\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<html><head><style>p{color:red}</style><script>alert(1)</script></head><body><table><tr><td><h1>Do more with Azure</h1><p>Save up to 40% with reserved instances until 31 December 2026. Secure by default with TLS 1.3 everywhere.</p><img src="https://t.example/p.gif"></td></tr></table></body></html>`;
    const n = await parseNotice(new TextEncoder().encode(html));
    expect(n.text).not.toContain("alert(1)");
    expect(n.isTls).toBe(false);
    expect(plan(n)).toMatchObject({ status: "ignored", changes: [] });
  });

  it("a mail mixing Japanese and English reads the TLS retirement and its date once", () => {
    const n = trusted("【アクションが必要です】Action required: Azure Cache for Redis",
      "Azure Cache for Redis では 2027 年 3 月 31 日に TLS 1.0 と 1.1 を廃止します。\nAzure Cache for Redis will retire TLS 1.0 and 1.1 on 31 March 2027.");
    expect({ isTls: n.isTls, deadline: n.deadline, services: n.services }).toEqual({ isTls: true, deadline: "2027-03-31", services: ["redis-tls10-11"] });
    expect(plan(n)).toMatchObject({ status: "applied" });
  });

  it("a forwarded chain of three notices with three dates never moves a deadline and says why", async () => {
    const chain = ["2027-03-01", "2027-04-01", "2027-05-01"].map((d, i) =>
      `${"> ".repeat(i)}---------- Forwarded message ---------\n${"> ".repeat(i)}From: Microsoft Azure <azure-noreply@microsoft.com>\n${"> ".repeat(i)}Subject: Action required: TLS 1.0 and 1.1 retire\n\n${"> ".repeat(i)}Azure Cache for Redis will retire TLS 1.0 and 1.1 on ${d}.\n`).join("\n");
    const mail = `From: Ops <ops@contoso.co.jp>\r\nSubject: Fwd: Fwd: Fwd: Action required\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n${chain}`;
    const n = await parseNotice(new TextEncoder().encode(mail));
    // Three days with the same evidence: none is guessed, all three are kept for the person who triages.
    expect(n.deadline).toBeNull();
    expect(n.deadlineCandidates).toEqual(["2027-03-01", "2027-04-01", "2027-05-01"]);
    const p = plan(n);
    expect(p.status).toBe("triage");
    expect(p.changes).toEqual([]);
    explained(p.reason);
    // The same three notices in one trusted, authenticated mail: still no deadline moves, and the reason says why.
    const same = trusted("Action required: TLS 1.0 and 1.1 retire", ["2027-03-01", "2027-04-01", "2027-05-01"].map((d) => `Azure Cache for Redis will retire TLS 1.0 and 1.1 on ${d}.`).join("\n\n"));
    expect(plan(same)).toMatchObject({ status: "triage", reason: "ambiguousDeadline", changes: [] });
  });

  it("lines padded with hundreds of thousands of blanks of other kinds (form feeds, BOMs) are read once, not once per blank, and the notice keeps its date", async () => {
    // A table's separator row and a row without pipes, each followed by blanks the normaliser keeps: a reader that tries
    // every way of sharing them between two patterns would not finish within the test's time.
    for (const pad of ["\f", "\uFEFF", "\v"]) {
      const text = `Retiring feature | Retirement date\n-|-${pad.repeat(300_000)}x\n${pad.repeat(300_000)}x\nAzure Cache for Redis will retire TLS 1.0 and 1.1 on 31 March 2027.`;
      const n = await parseNotice(new TextEncoder().encode(text));
      expect({ isTls: n.isTls, deadline: n.deadline }, JSON.stringify(pad)).toEqual({ isTls: true, deadline: "2027-03-31" });
    }
  });

  it("a 10 MB mail — a notice followed by a statement repeating its own dates thousands of times — is read whole, with the notice's date", async () => {
    const line = "Your invoice for the period 1 May 2026 to 31 May 2026 is available. Usage summary follows for each service.\n";
    const head = "From: Microsoft Azure <azure-noreply@microsoft.com>\r\nSubject: Action required\r\nAuthentication-Results: mx.contoso.co.jp; dkim=pass header.d=microsoft.com\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
      + "Azure Cache for Redis will retire TLS 1.0 and 1.1 on 31 March 2027.\n";
    const mail = head + line.repeat(Math.ceil((10_000_000 - head.length) / line.length));
    const bytes = new TextEncoder().encode(mail);
    expect(bytes.byteLength).toBeGreaterThanOrEqual(10_000_000);
    expect(bytes.byteLength).toBeLessThan(10 * 1024 * 1024);
    const n = await parseNotice(bytes);
    expect({ isTls: n.isTls, deadline: n.deadline, services: n.services }).toEqual({ isTls: true, deadline: "2027-03-31", services: ["redis-tls10-11"] });
    expect(plan(n)).toMatchObject({ status: "applied" });
  }, 120_000);
});
