import { describe, expect, it } from "vitest";
import { RETIREMENTS } from "../../src/catalog/lookup.ts";
import { CONFIDENCE_THRESHOLD, planRetirement } from "../../src/notices/apply/plan-retirement.ts";
import type { DecodedMail } from "../../src/notices/mime/decode-mail.ts";
import { noticeFromMail } from "../../src/notices/parse-notice.ts";
import { translator } from "../../src/render/i18n.ts";

const NOW = "2026-11-03T00:00:00Z";

/** A notice from a listed Microsoft address with DKIM passing: trusted and authenticated. */
function trusted(subject: string, body: string): ReturnType<typeof noticeFromMail> {
  const headers = new Map([["authentication-results", ["mx.contoso.co.jp; dkim=pass header.d=microsoft.com"]]]);
  const mail: DecodedMail = { headers, messageId: null, subject, from: "azure-noreply@microsoft.com", fromName: null, date: "2026-10-01T00:00:00.000Z", body, pasted: false, warnings: [] };
  return noticeFromMail(mail);
}

describe("per-field confidence and the triage threshold", () => {
  it("a clear notice is sure of every field it read and may move the deadline", () => {
    const n = trusted("Action required: Azure Cache for Redis TLS 1.0/1.1 retirement (Tracking ID: QK3T-9R8)",
      "Azure Cache for Redis will no longer accept TLS 1.0 and 1.1 connections after 31 March 2027. Update your clients to TLS 1.2 by 31 March 2027.");
    expect(n.fieldConfidence.isTls).toBeGreaterThanOrEqual(0.9);
    expect(n.fieldConfidence.deadline).toBeGreaterThanOrEqual(0.9);
    expect(n.fieldConfidence.trackingId).toBeGreaterThanOrEqual(0.9);
    expect(n.fieldConfidence.services).toBeGreaterThanOrEqual(0.9);
    expect(planRetirement(n, "notice:1", [], RETIREMENTS, NOW)).toMatchObject({ status: "applied" });
  });

  it("a Tracking ID only marked as one is less sure than a labelled one", () => {
    const n = trusted("Notice", "# Azure Cache for Redis TLS 1.0/1.1 retirement – QK3T-9R8\nTLS 1.0 and 1.1 retire on 31 March 2027.");
    expect(n.trackingId).toBe("QK3T-9R8");
    expect(n.fieldConfidence.trackingId).toBeLessThan(0.9);
  });

  it("three notices with three dates in one mail from a trusted sender, yet no deadline is moved and the reason says why", () => {
    const n = trusted("TLS notices", [
      "Azure Cache for Redis will retire TLS 1.0 and 1.1 on 1 March 2027.",
      "Azure Cache for Redis will retire TLS 1.0 and 1.1 on 1 April 2027.",
      "Azure Cache for Redis will retire TLS 1.0 and 1.1 on 1 May 2027.",
    ].join("\n\n"));
    expect(n.isTls).toBe(true);
    expect(n.fieldConfidence.deadline).toBeLessThan(CONFIDENCE_THRESHOLD);
    const plan = planRetirement(n, "notice:1", [], RETIREMENTS, NOW);
    expect(plan).toMatchObject({ status: "triage", reason: "ambiguousDeadline", changes: [] });
    for (const lang of ["en", "ja"] as const) expect(translator(lang)(`notices:reason.${plan.reason}`)).not.toContain("reason.");
  });
});
