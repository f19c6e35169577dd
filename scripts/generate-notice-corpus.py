# Regenerates test/notices/corpus/*.eml and expected.json (python3, standard library only).
# The mails are written from the public facts in FACTS.md and the wording of the reference documents.
import json, base64, quopri
from email.message import EmailMessage
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from email.header import Header
from email.utils import formataddr
from email import policy

OUT = "test/notices/corpus"  # run from the repository root
expected = {}
AR_PASS = "mx.contoso.com; dkim=pass header.d=microsoft.com header.s=s1024; spf=pass smtp.mailfrom=microsoft.com; dmarc=pass action=none header.from=microsoft.com"
AR_FAIL = "mx.contoso.com; dkim=fail (signature did not verify) header.d=microsoft.com; spf=fail smtp.mailfrom=bulk-mailer.example; dmarc=fail action=quarantine header.from=microsoft.com"
MS = ("Microsoft Azure", "azure-noreply@microsoft.com")

def save(name, raw, **exp):
    with open(f"{OUT}/{name}", "wb") as f:
        f.write(raw if isinstance(raw, bytes) else raw.encode("utf-8"))
    expected[name] = exp

def headers(msg, subject, sender, date, mid, ar=None, charset="utf-8"):
    msg["From"] = formataddr((str(Header(sender[0], charset)) if charset != "utf-8" else sender[0], sender[1]), charset=charset) if charset == "utf-8" else f"{Header(sender[0], charset).encode()} <{sender[1]}>"
    msg["To"] = "ops@contoso.co.jp"
    msg["Subject"] = Header(subject, charset).encode() if charset != "utf-8" else Header(subject, "utf-8").encode()
    msg["Date"] = date
    msg["Message-ID"] = f"<{mid}@notify.microsoft.com>"
    if ar: msg["Authentication-Results"] = ar

def alt(subject, sender, date, mid, text, html, ar=AR_PASS, charset="utf-8", text_cte=None, html_cte=None):
    m = MIMEMultipart("alternative")
    headers(m, subject, sender, date, mid, ar, charset)
    t = MIMEText(text, "plain", charset); h = MIMEText(html, "html", charset)
    for part, cte in ((t, text_cte), (h, html_cte)):
        if cte == "quoted-printable":
            payload = part.get_payload(decode=True)
            del part["Content-Transfer-Encoding"]
            part["Content-Transfer-Encoding"] = "quoted-printable"
            part.set_payload(quopri.encodestring(payload).decode("ascii"))
    m.attach(t); m.attach(h)
    return m.as_bytes()

def single(subject, sender, date, mid, body, subtype="plain", ar=AR_PASS, charset="utf-8", cte="base64"):
    m = MIMEText(body, subtype, charset)
    if cte == "quoted-printable":
        payload = body.encode(charset)
        del m["Content-Transfer-Encoding"]
        m["Content-Transfer-Encoding"] = "quoted-printable"
        m.set_payload(quopri.encodestring(payload).decode("ascii"))
    elif cte == "base64" and charset not in ("iso-2022-jp",):
        payload = body.encode(charset)
        del m["Content-Transfer-Encoding"]
        m["Content-Transfer-Encoding"] = "base64"
        m.set_payload(base64.encodebytes(payload).decode("ascii"))
    if cte in ("base64", "quoted-printable"):
        m.replace_header("Content-Type", f'text/{subtype}; charset="{charset}"')
    headers(m, subject, sender, date, mid, ar, charset)
    return m.as_bytes()

def safelink(url):
    from urllib.parse import quote
    return f"https://nam06.safelinks.protection.outlook.com/?url={quote(url, safe='')}&data=05%7C02%7Cops%40contoso.com%7C0f&sdata=abc%3D&reserved=0"

# 1 en Redis, multipart, several dates
save("en-redis-action-required.eml", alt(
 "Action required: Update your Azure Cache for Redis instances to use TLS 1.2 by 1 March 2025", MS, "Mon, 16 Sep 2024 17:02:11 +0000", "redis-1",
 """You're receiving this email because you use Azure Cache for Redis.

As announced on 15 September 2023, Azure Cache for Redis is moving to require TLS 1.2.
Starting 1 November 2024, you can no longer set the minimum TLS version to 1.0 or 1.1 in the Azure portal.

On 1 March 2025, we'll retire support for TLS 1.0 and 1.1 for Azure Cache for Redis. After this date, clients that use TLS 1.0 or 1.1 will no longer be able to connect.

Required action
To avoid disruption, update your clients to use TLS 1.2 and set the minimum TLS version of your caches to 1.2 by 1 March 2025.
Learn more: https://learn.microsoft.com/azure/azure-cache-for-redis/cache-remove-tls-10-11
""",
 """<html><body><p>You're receiving this email because you use <b>Azure Cache for Redis</b>.</p>
<p>As announced on 15 September 2023, Azure Cache for Redis is moving to require TLS 1.2.</p>
<p>Starting 1 November 2024, you can no longer set the minimum TLS version to 1.0 or 1.1 in the Azure portal.</p>
<p>On <b>1 March 2025</b>, we'll retire support for TLS 1.0 and 1.1 for Azure Cache for Redis. After this date, clients that use TLS 1.0 or 1.1 will no longer be able to connect.</p>
<h2>Required action</h2><p>To avoid disruption, update your clients to use TLS 1.2 and set the minimum TLS version of your caches to 1.2 by 1 March 2025.</p>
<p><a href="https://learn.microsoft.com/azure/azure-cache-for-redis/cache-remove-tls-10-11">Learn more</a></p></body></html>"""),
 isTls=True, isRetirement=True, actionRequired=True, deadline="2025-03-01", trackingId=None, resourceTypes=["Microsoft.Cache/redis"], trusted=True, language="en")

# 2 en IoT Hub HTML only, base64, SafeLinks
save("en-iothub-html-only.eml", single(
 "Azure IoT Hub: TLS 1.0 and 1.1 support ends 31 August 2025", MS, "Tue, 03 Dec 2024 09:00:00 +0000", "iot-1",
 f"""<!DOCTYPE html><html><head><style>p{{color:#333}}</style><script>alert('x')</script></head><body>
<table><tr><td><img src="https://img.example/azure.png" alt="Microsoft Azure"></td></tr>
<tr><td><h1>Transition to TLS 1.2 by 31 August 2025</h1>
<p>You&rsquo;re receiving this email because you use Azure IoT Hub.</p>
<p>To align with the retirement of TLS 1.0 and 1.1 across Azure services, IoT Hub will end support for TLS 1.0 and 1.1 on 31&nbsp;August&nbsp;2025. Weak cipher suites will no longer be supported either.</p>
<p><strong>Required action:</strong> make sure that all devices and services connect with TLS 1.2 and enable minimum TLS enforcement.</p>
<p><a href="{safelink('https://learn.microsoft.com/azure/iot-hub/iot-hub-tls-deprecating-1-0-and-1-1')}">Learn more about the TLS 1.0 and 1.1 retirement</a></p>
</td></tr></table></body></html>""", subtype="html"),
 isTls=True, isRetirement=True, actionRequired=True, deadline="2025-08-31", trackingId=None, resourceTypes=["Microsoft.Devices/IotHubs"], trusted=True, language="en",
 link="https://learn.microsoft.com/azure/iot-hub/iot-hub-tls-deprecating-1-0-and-1-1")

# 3 en Storage QP, original date
save("en-storage-qp.eml", alt(
 "Action required: Use TLS 1.2 with Azure Storage by 1 November 2025", MS, "Thu, 01 Aug 2024 16:00:00 +0000", "st-1",
 """Azure Storage will stop supporting versions 1.0 and 1.1 of Transport Layer Security (TLS) on 1 November 2025. TLS 1.2 will become the new minimum TLS version.
Required action: configure your storage accounts and clients to use TLS 1.2 before 1 November 2025 to avoid service disruption. Storage accounts with a minimum TLS version of 1.0 or 1.1 will be updated to TLS 1.2 automatically.
""",
 "<p>Azure Storage will stop supporting versions 1.0 and 1.1 of Transport Layer Security (TLS) on 1 November 2025. TLS 1.2 will become the new minimum TLS version.</p><p><b>Required action:</b> configure your storage accounts and clients to use TLS 1.2 before 1 November 2025 to avoid service disruption. Storage accounts with a minimum TLS version of 1.0 or 1.1 will be updated to TLS 1.2 automatically.</p>",
 text_cte="quoted-printable", html_cte="quoted-printable"),
 isTls=True, isRetirement=True, actionRequired=True, deadline="2025-11-01", trackingId=None, resourceTypes=["Microsoft.Storage/storageAccounts"], trusted=True, language="en")

# 4 en Storage postponement
save("en-storage-postponed.eml", alt(
 "Update: TLS 1.0 and 1.1 retirement for Azure Storage extended to 3 February 2026", MS, "Wed, 24 Sep 2025 10:00:00 +0000", "st-2",
 """We previously announced that Azure Storage would stop supporting TLS 1.0 and 1.1 on 1 November 2025.
To give you more time, we're extending this date. Azure Storage will now retire support for TLS 1.0 and 1.1 on 3 February 2026.
Required action: migrate your clients and storage accounts to TLS 1.2 by 3 February 2026.""",
 "<p>We previously announced that Azure Storage would stop supporting TLS 1.0 and 1.1 on 1 November 2025.</p><p>To give you more time, we're extending this date. Azure Storage will now retire support for TLS 1.0 and 1.1 on <b>3 February 2026</b>.</p><p>Required action: migrate your clients and storage accounts to TLS 1.2 by 3 February 2026.</p>"),
 isTls=True, isRetirement=True, actionRequired=True, deadline="2026-02-03", trackingId=None, resourceTypes=["Microsoft.Storage/storageAccounts"], trusted=True, language="en")

# 5 en App Insights with tracking id
save("en-appinsights-tracking.eml", single(
 "Action required: Transition to TLS 1.2 for Application Insights ingestion", MS, "Fri, 01 Nov 2024 12:00:00 +0000", "ai-1",
 """Azure Service Health advisory
Tracking ID: TT8T-TR0
Type: Health advisory

Starting 1 May 2025, the Application Insights global ingestion endpoints will only accept TLS 1.2 or later. Requests that use TLS 1.0 or TLS 1.1 will be rejected.
Required action: update your SDKs and agents, and use connection strings with regional endpoints.""", cte="7bit"),
 isTls=True, isRetirement=True, actionRequired=True, deadline="2025-05-01", trackingId="TT8T-TR0", resourceTypes=[], trusted=True, language="en")

# 6 en azure-wide
save("en-azure-wide.eml", single(
 "Action required: Ensure your resources that interact with Azure services are using TLS 1.2 by 31 October 2024", MS, "Mon, 13 Nov 2023 08:00:00 +0000", "aw-1",
 """You're receiving this notice because you use Azure services.
Tracking ID: 7_8G-D8Z

To enhance security and provide best-in-class encryption for your data, we'll require interactions with Azure services to be secured using Transport Layer Security (TLS) 1.2 or later beginning 31 October 2024, when support for TLS 1.0 and 1.1 will end.
Required action: ensure that your resources that interact with Azure services are using TLS 1.2 or later.""", cte="base64"),
 isTls=True, isRetirement=True, actionRequired=True, deadline="2024-10-31", trackingId="7_8G-D8Z", resourceTypes=[], trusted=True, language="en")

# 7 en AAD connect (seed wording)
save("en-aad-connect.eml", single(
 "Update your machines to use TLS 1.2 for Azure AD Connect Agents", ("Microsoft Azure", "azure-noreply@microsoft.com"), "Tue, 10 Sep 2019 20:00:00 +0000", "aad-1",
 """You're receiving this email because you use Azure Active Directory.
We're continually updating our services to ensure enhanced security and the best-in-class encryption. As a result, starting on October 31, 2019, Azure Active Directory (Azure AD) Connect agents such as the Pass-through Authentication agent and Provisioning agent will only accept TLS 1.2, and we will retire support for TLS 1.0 and 1.1 on this date.
Our records indicate that your organization has installed one of these agents and has servers connecting to Azure AD services using pre-TLS 1.2 protocols. To prepare for this change, make sure that all servers are updated to use TLS 1.2 to maintain connection to the Azure AD service.
Required action
For servers with Azure AD agents installed, use the following steps to ensure TLS 1.2 is enabled by October 31, 2019:
Set these registry keys to enable TLS 1.2 on your Windows Server 2012 R2 or later.
See TLS 1.2 in Office 365 https://support.microsoft.com/help/4057306/preparing-for-tls-1-2-in-office-365""", cte="quoted-printable"),
 isTls=True, isRetirement=True, actionRequired=True, deadline="2019-10-31", trackingId=None, resourceTypes=[], trusted=True, language="en")

# 8 en Backup MARS
save("en-backup-mars.eml", single(
 "Action required: Azure Backup will require TLS 1.2 from September 1, 2021", MS, "Tue, 01 Jun 2021 00:00:00 +0000", "bk-1",
 """Beginning September 1, 2021, Azure Backup will remove support for TLS 1.0 and 1.1 and will only accept TLS 1.2 or later.
If your Microsoft Azure Recovery Services (MARS) agent runs on Windows Server 2008 R2 or Windows Server 2012, enable TLS 1.2 in the registry and in the .NET Framework before this date.""", cte="7bit"),
 isTls=True, isRetirement=True, actionRequired=True, deadline="2021-09-01", trackingId=None, resourceTypes=[], trusted=True, language="en")

# 9 en forwarded Outlook
save("en-forwarded-outlook.eml", single(
 "FW: Action required: Transition to TLS 1.2 for Azure IoT Hub", ("Taro Yamada", "taro.yamada@contoso.co.jp"), "Wed, 18 Sep 2024 01:12:00 +0000", "fw-1",
 """Team, please check our hubs. See below.

From: Microsoft Azure <azure-noreply@microsoft.com>
Sent: Monday, September 16, 2024 5:02 PM
To: Taro Yamada <taro.yamada@contoso.co.jp>
Subject: Action required: Transition to TLS 1.2 for Azure IoT Hub

IoT Hub will end support for TLS 1.0 and 1.1 on 31 August 2025.
Required action: update your devices to use TLS 1.2 before 31 August 2025.""", ar="mx.contoso.com; dkim=pass header.d=contoso.co.jp; spf=pass smtp.mailfrom=contoso.co.jp", cte="7bit"),
 isTls=True, isRetirement=True, actionRequired=True, deadline="2025-08-31", trackingId=None, resourceTypes=["Microsoft.Devices/IotHubs"], trusted=False, language="en", forwarded=True)

# 10 en Gmail forward, Cosmos DB
save("en-gmail-forward.eml", single(
 "Fwd: Azure Cosmos DB TLS 1.0/1.1 retirement", ("Ops Lead", "ops.lead@contoso.com"), "Thu, 10 Oct 2024 03:00:00 +0000", "fw-2",
 """FYI

---------- Forwarded message ---------
From: Microsoft Azure <azure-noreply@microsoft.com>
Date: Wed, Oct 9, 2024 at 6:00 PM
Subject: Azure Cosmos DB TLS 1.0/1.1 retirement
To: <ops.lead@contoso.com>

> Azure Cosmos DB will retire TLS 1.0 and TLS 1.1 on August 31, 2025.
> After this date, connections that use TLS 1.0 or 1.1 will be rejected.
> Action required: make sure your applications use TLS 1.2.""", ar=None, cte="7bit"),
 isTls=True, isRetirement=True, actionRequired=True, deadline="2025-08-31", trackingId=None, resourceTypes=["Microsoft.DocumentDB/databaseAccounts"], trusted=False, language="en", forwarded=True)

# 11 en spoofed domain
save("en-spoofed-domain.eml", alt(
 "Action required: Azure Cache for Redis TLS 1.0 retirement moved to 1 January 2030", ("Microsoft Azure", "azure-noreply@microsoft.com.security-alerts.example"), "Mon, 02 Jun 2025 00:00:00 +0000", "spoof-1",
 "Azure Cache for Redis will retire TLS 1.0 and 1.1 on 1 January 2030. No action is needed until then.",
 "<p>Azure Cache for Redis will retire TLS 1.0 and 1.1 on 1 January 2030. No action is needed until then.</p>", ar=None),
 isTls=True, isRetirement=True, actionRequired=True, deadline="2030-01-01", trackingId=None, resourceTypes=["Microsoft.Cache/redis"], trusted=False, language="en")

# 12 en DKIM fail
save("en-spoofed-dkim-fail.eml", single(
 "Action required: IoT Hub TLS 1.0 retirement postponed to 31 December 2027", MS, "Mon, 02 Jun 2025 00:00:00 +0000", "spoof-2",
 "IoT Hub will now retire TLS 1.0 and 1.1 on 31 December 2027. You can keep TLS 1.0 enabled until then.", ar=AR_FAIL, cte="7bit"),
 isTls=True, isRetirement=True, actionRequired=True, deadline="2027-12-31", trackingId=None, resourceTypes=["Microsoft.Devices/IotHubs"], trusted=False, language="en")

# 13 non-TLS retirement
save("en-nontls-retirement.eml", single(
 "Retirement notice: Azure Cloud Services (classic) will be retired on 31 August 2024", MS, "Tue, 01 Feb 2022 00:00:00 +0000", "ret-1",
 """Azure Cloud Services (classic) will be retired on 31 August 2024. Migrate your services to Azure Cloud Services (extended support) before that date.
Required action: start planning your migration now.""", cte="7bit"),
 isTls=False, isRetirement=True, actionRequired=True, deadline="2024-08-31", trackingId=None, resourceTypes=[], trusted=True, language="en")

# 14 SNI / domain fronting near miss
save("en-domain-fronting.eml", single(
 "Action required: Azure Front Door will block domain fronting from 8 November 2022", MS, "Mon, 01 Aug 2022 00:00:00 +0000", "df-1",
 """Starting 8 November 2022, Azure Front Door and Azure CDN Standard from Microsoft (classic) will block domain fronting: requests whose TLS SNI extension and HTTP Host header differ will be rejected.
Required action: make sure the SNI and Host header of your requests match.""", cte="7bit"),
 isTls=False, isRetirement=False, actionRequired=True, deadline="2022-11-08", trackingId=None, resourceTypes=[], trusted=True, language="en")

# 15 cert change near miss
save("en-certificate-change.eml", single(
 "Action required: Azure Storage TLS certificate changes", MS, "Mon, 01 Jan 2024 00:00:00 +0000", "cert-1",
 """Azure Storage is updating its TLS certificates to a new intermediate certificate authority that chains up to DigiCert Global Root G2. The change starts on 30 June 2024.
Required action: if your clients pin certificates, add the new root CA before 30 June 2024. No changes to TLS versions are involved.""", cte="7bit"),
 isTls=False, isRetirement=False, actionRequired=True, deadline="2024-06-30", trackingId=None, resourceTypes=["Microsoft.Storage/storageAccounts"], trusted=True, language="en")

# 16 TLS 1.3 feature
save("en-tls13-available.eml", single(
 "Application Gateway now supports TLS 1.3", MS, "Mon, 04 Mar 2024 00:00:00 +0000", "feat-1",
 "You can now enable TLS 1.3 on Azure Application Gateway with the new predefined TLS policies. This is an optional update.", cte="7bit"),
 isTls=False, isRetirement=False, actionRequired=False, deadline=None, trackingId=None, resourceTypes=["Microsoft.Network/applicationGateways"], trusted=True, language="en")

# 17 billing
save("en-billing.eml", single(
 "Your Azure invoice is ready", ("Microsoft Azure", "azure-noreply@microsoft.com"), "Sat, 01 Mar 2025 00:00:00 +0000", "bill-1",
 "Your invoice for the billing period February 1, 2025 to February 28, 2025 is now available in the Azure portal.", cte="7bit"),
 isTls=False, isRetirement=False, actionRequired=False, deadline=None, trackingId=None, resourceTypes=[], trusted=True, language="en")

# 18 Service Health mail with tracking id VSKS-DSG
save("en-servicehealth-traffic-manager.eml", single(
 "Azure Service Health: Traffic Manager HTTPS health probes will require TLS 1.2 (Tracking ID VSKS-DSG)", ("Microsoft Azure Alerts", "azure-noreply@microsoft.com"), "Mon, 01 Apr 2024 00:00:00 +0000", "sh-1",
 """Activity log alert: ServiceHealthAdvisory
Tracking ID: VSKS-DSG
Impacted services: Traffic Manager
Summary: After 30 June 2024, Traffic Manager HTTPS health probes will no longer support TLS 1.0 and 1.1. Endpoints that only accept TLS 1.0/1.1 will be marked degraded.""", ar=AR_PASS, cte="7bit"),
 isTls=True, isRetirement=True, actionRequired=False, deadline="2024-06-30", trackingId="VSKS-DSG", resourceTypes=[], trusted=True, language="en")

# 19 pasted
save("en-pasted.txt", """Azure Event Hubs will end support for TLS 1.0 and 1.1 on 20 October 2025.
Action required: update your producers and consumers to TLS 1.2 before that date.
""", isTls=True, isRetirement=True, actionRequired=True, deadline="2025-10-20", trackingId=None, resourceTypes=["Microsoft.EventHub/namespaces"], trusted=False, language="en")

# 20 resources + US date
save("en-impacted-resources.eml", single(
 "Action required: TLS 1.0/1.1 retirement for your Azure Cache for Redis resources", MS, "Fri, 10 Jan 2025 00:00:00 +0000", "res-1",
 """The following resources in subscription 11111111-1111-4111-a111-111111111111 still allow TLS 1.0 or 1.1:
/subscriptions/11111111-1111-4111-a111-111111111111/resourceGroups/rg-commerce-prod/providers/Microsoft.Cache/Redis/redis-cart-prod
/subscriptions/11111111-1111-4111-a111-111111111111/resourceGroups/rg-payments-prod/providers/Microsoft.Cache/Redis/redis-payments-prod
Support for TLS 1.0 and 1.1 ends on 03/01/2025. Update these caches to TLS 1.2.""", cte="7bit"),
 isTls=True, isRetirement=True, actionRequired=True, deadline="2025-03-01", trackingId=None, resourceTypes=["Microsoft.Cache/redis"], trusted=True, language="en",
 subscriptionIds=["11111111-1111-4111-a111-111111111111"], resourceIds=2)

# 21 multiple dates, Service Bus
save("en-multiple-dates.eml", single(
 "Azure Service Bus: TLS 1.2 will be required", MS, "Mon, 01 Jul 2024 00:00:00 +0000", "sb-1",
 """This notice was published on July 1, 2024. Last updated: 2024-09-10.
On 28 February 2025, Azure Service Bus will require TLS 1.2 for all connections and will stop accepting TLS 1.0 and 1.1.
Required action: update your clients.""", cte="7bit"),
 isTls=True, isRetirement=True, actionRequired=True, deadline="2025-02-28", trackingId=None, resourceTypes=["Microsoft.ServiceBus/namespaces"], trusted=True, language="en")

# ---- Japanese
MSJ = ("Microsoft Azure", "azure-noreply@microsoft.com")
save("ja-redis-iso2022jp.eml", single(
 "【要対応】Azure Cache for Redis での TLS 1.0/1.1 のサポート終了について", MSJ, "Mon, 16 Sep 2024 08:00:00 +0900", "ja-redis-1",
 """Azure Cache for Redis をご利用のお客様へ

業界全体での TLS 1.2 以降への移行に合わせて、Azure Cache for Redis は TLS 1.2 の使用を求める方向に進んでいます。
2024 年 3 月 1 日以降は、既存のキャッシュで最小 TLS バージョンを 1.0 または 1.1 に変更することができなくなりました。

2025 年 3 月 1 日以降、Azure Cache for Redis の最小 TLS バージョンは 1.2 となり、TLS 1.0 と 1.1 を使用した通信は接続できなくなります。

必要なアクション
クライアント アプリケーションが TLS 1.2 を使用するよう更新し、キャッシュの最小 TLS バージョンを 1.2 に変更してください。""", charset="iso-2022-jp", cte="7bit"),
 isTls=True, isRetirement=True, actionRequired=True, deadline="2025-03-01", trackingId=None, resourceTypes=["Microsoft.Cache/redis"], trusted=True, language="ja")

save("ja-iothub-sjis.eml", single(
 "Azure IoT Hub の TLS 1.0 および 1.1 のサポート終了 (2025年8月31日)", MSJ, "Tue, 03 Dec 2024 09:00:00 +0900", "ja-iot-1",
 """Azure サービス全体での TLS 1.0 および 1.1 の廃止に関する発表に合わせて、Azure IoT Hub では、2025年8月31日をもって TLS 1.0 および 1.1 のサポートを終了します。
さらに、IoT Hub では、2025 年 8 月 31 日の時点で脆弱な暗号スイートはサポートされなくなります。
ご対応ください: すべての IoT デバイスおよびサービスが TLS 1.2 と互換性があることをテストしてください。""", charset="shift_jis", cte="base64"),
 isTls=True, isRetirement=True, actionRequired=True, deadline="2025-08-31", trackingId=None, resourceTypes=["Microsoft.Devices/IotHubs"], trusted=True, language="ja")

save("ja-storage-html.eml", single(
 "【アクションが必要です】Azure Storage の TLS 1.0/1.1 廃止日の延期", MSJ, "Wed, 24 Sep 2025 10:00:00 +0900", "ja-st-1",
 """<html><body><div style="font-family:Meiryo">
<p>当初 2025年11月1日 と発表していた Azure Storage での TLS 1.0 および 1.1 のサポート終了日を延期します。</p>
<p>Azure Storage は <b>2026年2月3日</b> に TLS 1.0 および 1.1 のサポートを終了します。</p>
<p>必要なアクション: 2026年2月3日までに、ストレージ アカウントとクライアントを TLS 1.2 に移行してください。</p>
<p><a href="https://learn.microsoft.com/ja-jp/azure/storage/common/transport-layer-security-configure-minimum-version">詳細</a></p>
</div></body></html>""", subtype="html", cte="base64"),
 isTls=True, isRetirement=True, actionRequired=True, deadline="2026-02-03", trackingId=None, resourceTypes=["Microsoft.Storage/storageAccounts"], trusted=True, language="ja")

save("ja-appservice-qp.eml", single(
 "App Service の TLS 1.0/1.1 サポート終了のお知らせ", MSJ, "Mon, 02 Jun 2025 09:00:00 +0900", "ja-as-1",
 """App Service (Web アプリ、Azure Functions を含む) では、2027年5月31日 以降 TLS 1.0 および TLS 1.1 を受け付けなくなります。
最小 TLS バージョンが 1.0 または 1.1 のアプリは、期限までに 1.2 以上に変更してください。""", cte="quoted-printable"),
 isTls=True, isRetirement=True, actionRequired=True, deadline="2027-05-31", trackingId=None, resourceTypes=["Microsoft.Web/sites", "Microsoft.Web/sites/slots"], trusted=True, language="ja")

save("ja-forwarded-outlook.eml", single(
 "転送: 【要対応】Azure SQL Database の TLS 1.0/1.1 廃止", ("鈴木 花子", "hanako.suzuki@contoso.co.jp"), "Thu, 19 Sep 2024 10:00:00 +0900", "ja-fw-1",
 """皆さま

下記のとおり通知が来ています。対象の DB を確認してください。

差出人: Microsoft Azure <azure-noreply@microsoft.com>
送信日時: 2024年9月18日 17:00
宛先: 鈴木 花子
件名: 【要対応】Azure SQL Database の TLS 1.0/1.1 廃止

Azure SQL Database および Azure SQL Managed Instance は、2025年8月31日 に TLS 1.0 と 1.1 のサポートを終了します。
最小 TLS バージョンを 1.2 に設定してください。""", ar=None, cte="base64"),
 isTls=True, isRetirement=True, actionRequired=True, deadline="2025-08-31", trackingId=None, resourceTypes=["Microsoft.Sql/servers", "Microsoft.Sql/managedInstances"], trusted=False, language="ja", forwarded=True)

save("ja-backup.eml", single(
 "Azure Backup での TLS 1.2 必須化について", MSJ, "Tue, 15 Jun 2021 05:00:00 +0900", "ja-bk-1",
 """Microsoft は 2021年9月1日 (米国時間) 以降、Azure Backup サービスで TLS 1.0/1.1 のサポートを削除し、TLS 1.2 以上の使用を必須にします。
バックアップ対象のサーバーで稼働する MARS エージェントが TLS 1.2 を使用して通信していることを確認してください。""", cte="base64"),
 isTls=True, isRetirement=True, actionRequired=False, deadline="2021-09-01", trackingId=None, resourceTypes=[], trusted=True, language="ja")

save("ja-fullwidth.eml", single(
 "Ｅｖｅｎｔ Ｈｕｂｓ：ＴＬＳ １．０／１．１ のサポート終了", MSJ, "Fri, 01 Nov 2024 09:00:00 +0900", "ja-fw-2",
 """Ａｚｕｒｅ Ｅｖｅｎｔ Ｈｕｂｓ は ２０２５年１０月２０日 をもって ＴＬＳ １．０ および １．１ のサポートを終了します。
期限までにクライアントを ＴＬＳ １．２ に更新してください。""", cte="base64"),
 isTls=True, isRetirement=True, actionRequired=True, deadline="2025-10-20", trackingId=None, resourceTypes=["Microsoft.EventHub/namespaces"], trusted=True, language="ja")

save("ja-nontls-retirement.eml", single(
 "Azure Cloud Services (クラシック) は 2024年8月31日 に廃止されます", MSJ, "Tue, 01 Feb 2022 09:00:00 +0900", "ja-ret-1",
 """Azure Cloud Services (クラシック) は 2024年8月31日 に廃止されます。それまでに Cloud Services (延長サポート) に移行してください。""", cte="base64"),
 isTls=False, isRetirement=True, actionRequired=True, deadline="2024-08-31", trackingId=None, resourceTypes=[], trusted=True, language="ja")

save("ja-domain-fronting.eml", single(
 "【要対応】Azure Front Door でのドメイン フロンティングのブロック", MSJ, "Mon, 01 Aug 2022 09:00:00 +0900", "ja-df-1",
 """2022年11月8日 以降、Azure Front Door では TLS の SNI 拡張と HTTP の Host ヘッダーが一致しない要求 (ドメイン フロンティング) をブロックします。
要求の SNI と Host ヘッダーが一致していることを確認してください。""", cte="base64"),
 isTls=False, isRetirement=False, actionRequired=True, deadline="2022-11-08", trackingId=None, resourceTypes=[], trusted=True, language="ja")

save("ja-spoofed.eml", single(
 "【重要】Azure Cache for Redis の TLS 1.0 廃止は 2030年1月1日 に延期されました", ("Microsoft Azure サポート", "support@azure-microsoft-notice.example"), "Mon, 02 Jun 2025 09:00:00 +0900", "ja-spoof-1",
 """Azure Cache for Redis の TLS 1.0 および 1.1 のサポート終了は 2030年1月1日 に延期されました。それまでは設定を変更しないでください。""", ar=None, cte="base64"),
 isTls=True, isRetirement=True, actionRequired=False, deadline="2030-01-01", trackingId=None, resourceTypes=["Microsoft.Cache/redis"], trusted=False, language="ja")

save("ja-tracking.eml", single(
 "Azure Service Health: Application Insights の TLS 1.2 への移行", MSJ, "Fri, 01 Nov 2024 09:00:00 +0900", "ja-ai-1",
 """正常性に関する勧告
追跡 ID: TT8T-TR0
2025年5月1日 以降、Application Insights のグローバル インジェスト エンドポイントは TLS 1.2 以降のみを受け付けます。TLS 1.0 または 1.1 を使用する要求は拒否されます。
必要なアクション: SDK とエージェントを更新してください。""", cte="base64"),
 isTls=True, isRetirement=True, actionRequired=True, deadline="2025-05-01", trackingId="TT8T-TR0", resourceTypes=[], trusted=True, language="ja")

save("ja-pasted.txt", """Azure Cosmos DB では 2025年8月31日 までに TLS 1.2 への移行が必要です。TLS 1.0 と 1.1 は廃止されます。
ご対応をお願いいたします。
""", isTls=True, isRetirement=True, actionRequired=True, deadline="2025-08-31", trackingId=None, resourceTypes=["Microsoft.DocumentDB/databaseAccounts"], trusted=False, language="ja")

save("ja-app-gateway-until.eml", single(
 "Application Gateway: TLS 1.0/1.1 ポリシーの廃止", MSJ, "Wed, 05 Jun 2024 09:00:00 +0900", "ja-agw-1",
 """2024年6月5日 に公開したお知らせのとおり、Application Gateway では TLS 1.0 および 1.1 を許可する TLS ポリシーを廃止します。
2025年8月31日までに、TLS 1.2 以上を最小バージョンとするポリシーに変更してください。""", cte="base64"),
 isTls=True, isRetirement=True, actionRequired=True, deadline="2025-08-31", trackingId=None, resourceTypes=["Microsoft.Network/applicationGateways"], trusted=True, language="ja")

json.dump(expected, open(f"{OUT}/expected.json", "w"), indent=1, ensure_ascii=False)
print(len(expected))
