import { describe, expect, it } from "vitest";
import { RETIREMENTS } from "../../src/catalog/lookup.ts";
import { planRetirement } from "../../src/notices/apply/plan-retirement.ts";
import { secondOpinion, shipped } from "../../src/notices/extract/tls-second-opinion.ts";
import { featuresOf, HASH_BITS, loadModel, logitOf, storeModel, voteOnWording } from "../../src/notices/extract/tls-wording.ts";
import type { DecodedMail } from "../../src/notices/mime/decode-mail.ts";
import { noticeFromMail } from "../../src/notices/parse-notice.ts";
import { translator } from "../../src/render/i18n.ts";
import { fitLogistic, type Example } from "../../scripts/tls-wording/fit-logistic.ts";

const TLS = [
  "Contoso Cloud will stop negotiating TLS 1.0 and TLS 1.1 on all endpoints.",
  "Connections using TLS 1.0 or TLS 1.1 will be refused from next year.",
  "Clients must use TLS 1.2 or later; TLS 1.0 and 1.1 connections will fail.",
  "2027年3月31日以降、TLS 1.0 および TLS 1.1 による接続はできなくなります。",
];
const LOOK_ALIKES = [
  "The TLS certificate of the endpoint will be rotated to a new root CA.",
  "TLS 1.3 is now available for the endpoint in preview.",
  "The TLS certificate chain changes to DigiCert Global Root G2.",
  "エンドポイントの TLS 証明書が新しいルート証明機関に変わります。",
];
const examples: Example[] = [...TLS.map((t, i) => ({ t, y: true, i })), ...LOOK_ALIKES.map((t, i) => ({ t, y: false, i }))].map(({ t, y, i }) => ({ id: `${y}-${i}`, batch: 1, isTls: y, f: featuresOf(t) }));
const toy = fitLogistic(examples, 1e-4, 300);

function mail(body: string): DecodedMail {
  const headers = new Map([["authentication-results", ["mx.contoso.co.jp; dkim=pass header.d=microsoft.com"]]]);
  return { headers, messageId: null, subject: "", from: "azure-noreply@microsoft.com", fromName: null, date: "2026-10-01T00:00:00.000Z", body, pasted: false, warnings: [] };
}

describe("the TLS wording model", () => {
  it("reads case and spacing alike, but tells the versions apart", () => {
    expect(featuresOf("TLS  1.0 Will   stop").buckets).toEqual(featuresOf("tls 1.0 will stop").buckets);
    expect(featuresOf("TLS 1.0 will stop").buckets).not.toEqual(featuresOf("TLS 1.2 will stop").buckets);
    expect(featuresOf("").buckets).toHaveLength(0);
    for (const b of featuresOf("TLS 1.0 と 1.1 の廃止").buckets) expect(b).toBeLessThan(1 << HASH_BITS);
  });

  it("fits the examples it was given, in both languages", () => {
    for (const e of examples) expect(logitOf(toy, e.f) > 0, e.id).toBe(e.isTls);
  });

  it("quotes as evidence the one sentence that reads most like a TLS retirement", () => {
    const text = "The certificate will be rotated next month.\nContoso Cloud will stop negotiating TLS 1.0 and TLS 1.1 on all endpoints.\nSee the TLS FAQ.";
    const vote = voteOnWording(toy, text);
    const evidence = vote?.evidence();
    expect(evidence?.text).toBe("Contoso Cloud will stop negotiating TLS 1.0 and TLS 1.1 on all endpoints.");
    expect(text.slice(evidence?.start, evidence?.end)).toBe(evidence?.text);
    expect(voteOnWording(toy, "The maintenance window moves to Sunday.")).toBeNull();
  });

  it("keeps its weights through storing (int8) and refuses weights made for other features", () => {
    const stored = storeModel(toy, { name: "toy", trainedOn: "test", lambda: 1e-4, raiseAt: 0.8, doubtAt: 0.2 });
    const back = loadModel(stored);
    for (const e of examples) expect(logitOf(back, e.f)).toBeCloseTo(logitOf(toy, e.f), 1);
    expect(() => loadModel({ ...stored, hashBits: HASH_BITS + 1 })).toThrow(/other features/);
    expect(() => loadModel({ ...stored, weightsInt8Base64: Buffer.alloc(10).toString("base64") })).toThrow(/expected/);
  });

  it("raises a verdict the rules missed and doubts one they reached, only when sure", () => {
    const use = { model: toy, raiseAt: 0.8, doubtAt: 0.2 };
    const tlsLike = "Connections using TLS 1.0 or TLS 1.1 will be refused from next year.";
    const raised = secondOpinion(false, tlsLike, use);
    expect(raised).toMatchObject({ raised: true, agrees: false });
    expect(secondOpinion(true, tlsLike, use)).toMatchObject({ raised: false, agrees: true });
    const certLike = "The TLS certificate of the endpoint will be rotated to a new root CA.";
    expect(secondOpinion(true, certLike, use)).toMatchObject({ raised: false, agrees: false });
    expect(secondOpinion(false, certLike, use)).toMatchObject({ raised: false, agrees: true });
    // Not sure either way: the rules' verdict stands.
    expect(secondOpinion(false, tlsLike, { ...use, raiseAt: 1 })).toMatchObject({ agrees: true });
  });

  it("the shipped model loads and reads a plain TLS retirement as one", () => {
    const { model, raiseAt, doubtAt } = shipped();
    expect(doubtAt).toBeLessThan(raiseAt);
    const p = voteOnWording(model, "Azure Cache for Redis will no longer accept TLS 1.0 and 1.1 connections after 31 March 2027.")?.p ?? 0;
    expect(p).toBeGreaterThan(0.5);
  });
});

describe("a notice the wording model disagrees on goes to a person", () => {
  it("even when trusted, dated and sure of its fields", () => {
    const n = noticeFromMail(mail("Azure Cache for Redis will no longer accept TLS 1.0 and 1.1 connections after 31 March 2027."));
    expect(planRetirement(n, "notice:1", [], RETIREMENTS, "2026-11-03T00:00:00Z").status).toBe("applied");
    const doubted = { ...n, tlsSecondOpinion: { p: 0.1, agrees: false } };
    expect(planRetirement(doubted, "notice:1", [], RETIREMENTS, "2026-11-03T00:00:00Z")).toMatchObject({ status: "triage", reason: "wordingDisagrees", changes: [] });
    for (const lang of ["en", "ja"] as const) expect(translator(lang)("notices:reason.wordingDisagrees")).not.toContain("reason.");
  });

  it("a raised notice is a TLS notice with its evidence, held below the trust threshold", () => {
    // A toy model that has learned a made-up wording the rules cannot know.
    const made = ["The protocol quokka applies to all endpoints.", "Protocol quokka is enforced for every client."].map((t, i) => ({ id: `q${i}`, batch: 1, isTls: true, f: featuresOf(t) }));
    const model = fitLogistic([...made, ...examples.filter((e) => !e.isTls)], 1e-4, 300);
    const body = "Notice for Azure Cache for Redis.\nThe protocol quokka applies to all endpoints from 31 March 2027.";
    const n = noticeFromMail(mail(body), { wordingVote: { model, raiseAt: 0.6, doubtAt: 0.1 } });
    expect(n.tlsSecondOpinion).toMatchObject({ agrees: false });
    expect(n.isTls).toBe(true);
    expect(n.evidence["isTls"]?.text).toBe("The protocol quokka applies to all endpoints from 31 March 2027.");
    expect(n.fieldConfidence.isTls).toBeLessThan(0.5);
    expect(planRetirement(n, "notice:2", [], RETIREMENTS, "2026-11-03T00:00:00Z")).toMatchObject({ status: "triage", reason: "wordingDisagrees" });
    const rulesOnly = noticeFromMail(mail(body), { wordingVote: false });
    expect(rulesOnly.isTls).toBe(false);
    expect(rulesOnly.tlsSecondOpinion).toBeUndefined();
  });
});
