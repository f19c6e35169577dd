import { describe, expect, it } from "vitest";
import type { Intent } from "../../src/conversation/intent.ts";
import { Lexicon } from "../../src/conversation/lexicon.ts";
import { MAX_INPUT_CHARS } from "../../src/conversation/normalize-input.ts";
import { parseQuestion, type Vocabulary } from "../../src/conversation/parse-intent.ts";
import { EN_CASES, JA_CASES } from "./intent-cases.ts";
import { compactIntent } from "./compact-intent.ts";
import { KIND_DEFINITIONS } from "../../src/azure/kinds/registry.ts";

const SUBS: Record<string, string> = { "prod-jp-east": "11111111-1111-4111-a111-111111111111", "stg-global": "22222222-2222-4222-a222-222222222222", "dev-sandbox": "33333333-3333-4333-a333-333333333333" };
const NAMES = ["redis-cart-prod", "redis-session-prod", "iot-factory-osaka", "iot-fleet-prod"];
const vocab: Vocabulary = {
  resources: new Map(NAMES.map((n) => [n, [`/subscriptions/x/resourceGroups/rg/providers/t/${n}`]])),
  subscriptions: new Map(Object.entries(SUBS)),
  resourceGroups: new Set(["rg-commerce-prod", "rg-payments-prod", "rg-iot-dev"]),
};
const lexicon = new Lexicon();
const NOW = new Date("2026-11-26T03:00:00Z");
const subName = (id: string) => Object.entries(SUBS).find(([, v]) => v === id)?.[0] ?? id;

const compact = (i: Intent): string => compactIntent(i, subName);

describe.each([["en", EN_CASES], ["ja", JA_CASES]] as const)("intents in %s", (lang, cases) => {
  it(`has at least 60 phrasings`, () => expect(cases.length).toBeGreaterThanOrEqual(60));

  it.each(cases)("%s → %s", (question, expected) => {
    const parsed = parseQuestion(question, lexicon, vocab, NOW, lang === "ja" ? "Asia/Tokyo" : "UTC");
    expect(compact(parsed.intent)).toBe(expected);
    // The answer's language follows the question's.
    if (question !== "?" && !NAMES.includes(question)) expect(parsed.textLang).toBe(lang);
  });
});

describe("due windows are computed in the reader's time zone", () => {
  it("「今月」 on 1 December 00:30 in Tokyo is December, though it is still November in UTC", () => {
    const now = new Date("2026-11-30T15:30:00Z");
    const ja = parseQuestion("今月期限のもの", lexicon, vocab, now, "Asia/Tokyo").intent;
    const en = parseQuestion("due this month", lexicon, vocab, now, "UTC").intent;
    expect(ja.type === "list" && ja.filter.due).toEqual({ from: "2026-12-01", to: "2026-12-31", label: "thisMonth" });
    expect(en.type === "list" && en.filter.due).toEqual({ from: "2026-11-30", to: "2026-11-30", label: "thisMonth" });
  });
});

describe("month windows", () => {
  it("'before March' in November is the coming March; 「3月までに」 includes March", () => {
    const before = parseQuestion("what is due before march", lexicon, vocab, NOW, "UTC").intent;
    expect(before.type === "list" && before.filter.due).toEqual({ from: null, to: "2027-02-28", label: "beforeDate", date: "2027-03-01" });
    const by = parseQuestion("3月までに期限が来るもの", lexicon, vocab, NOW, "Asia/Tokyo").intent;
    expect(by.type === "list" && by.filter.due).toEqual({ from: null, to: "2027-03-31", label: "byDate", date: "2027-03-31" });
    const within = parseQuestion("caches due in december", lexicon, vocab, NOW, "UTC").intent;
    expect(within.type === "list" && within.filter.due).toEqual({ from: "2026-12-01", to: "2026-12-31", label: "inMonth", date: "2026-12-01" });
  });
});

describe("bad input", () => {
  const parse = (q: string) => parseQuestion(q, lexicon, vocab, NOW, "UTC");
  it("empty and whitespace-only messages ask for a question", () => {
    for (const q of ["", "   ", "\n\t", "<at>tlsbot</at>", "<@U0123ABC>"]) expect(parse(q).intent).toEqual({ type: "unknown", reason: "empty" });
  });
  it("a 10,000-character message is cut and answered quickly", () => {
    const long = "which caches are below 1.2 ".repeat(400);
    const start = performance.now();
    const r = parse(long);
    expect(performance.now() - start).toBeLessThan(500);
    expect(r.intent.type).toBe("list");
    const junk = "x".repeat(10_000);
    expect(parse(junk).intent).toEqual({ type: "unknown", reason: "tooLong" });
    expect(MAX_INPUT_CHARS).toBeLessThan(10_000);
  });
  it("emoji, markup and mentions from Teams and Slack are ignored", () => {
    expect(compact(parse("🔥 <at>tlsbot</at> caches below 1.2 🙏").intent)).toBe("list kinds=redis tls=lt1.2");
    expect(compact(parse("<@U0123ABC> 1.2未満のキャッシュ").intent)).toBe("list kinds=redis tls=lt1.2");
    expect(compact(parse("<p>caches <b>below</b>&nbsp;1.2</p>").intent)).toBe("list kinds=redis tls=lt1.2");
    expect(parse("🔥🔥🔥").intent.type).toBe("unknown");
  });
  it("mixed languages are understood; the reply is Japanese when any Japanese is written", () => {
    const r = parse("cachesで1.2未満のもの");
    expect(compact(r.intent)).toBe("list kinds=redis tls=lt1.2");
    expect(r.textLang).toBe("ja");
  });
  it("a question with no words either way leaves the language to the user's locale", () => {
    expect(parse("1.2?").textLang).toBeNull();
    expect(parse("redis-cart-prod").textLang).toBeNull();
  });
});

describe.each(KIND_DEFINITIONS.map((d) => [d.id, d] as const))("questions about every registered kind: %s", (id, d) => {
  const ask = (q: string, lang: "en" | "ja") => compact(parseQuestion(q, lexicon, vocab, NOW, lang === "ja" ? "Asia/Tokyo" : "UTC").intent);

  it("in English, by its plural name and each synonym", () => {
    expect(ask(`which ${d.names.en.other} allow TLS 1.0`, "en")).toBe(`list kinds=${id} tls=eq1.0`);
    expect(ask(`${d.names.en.other} below 1.2`, "en")).toBe(`list kinds=${id} tls=lt1.2`);
    for (const s of d.synonyms.en) expect(ask(`${s} below 1.2`, "en"), s).toMatch(new RegExp(`^list kinds=[^ ]*\\b${id}\\b[^ ]* tls=lt1.2$`));
  });

  it("in Japanese, by its name and each synonym", () => {
    expect(ask(`TLS 1.2 未満の${d.names.ja.one}`, "ja")).toBe(`list kinds=${id} tls=lt1.2`);
    expect(ask(`TLS 1.0 を許可している${d.names.ja.one}は？`, "ja")).toBe(`list kinds=${id} tls=eq1.0`);
    for (const s of d.synonyms.ja) expect(ask(`1.2未満の${s}`, "ja"), s).toMatch(new RegExp(`^list kinds=[^ ]*\\b${id}\\b[^ ]* tls=lt1.2$`));
  });
});

describe("subscription display names that are not one word", () => {
  // Real tenants name subscriptions "Contoso Production", "Pay-As-You-Go (JP)", 「本番サブスクリプション」: read whole.
  const names: Record<string, string> = { "contoso production": "aaaaaaaa-0000-4000-8000-000000000001", "pay-as-you-go (jp)": "aaaaaaaa-0000-4000-8000-000000000002", "本番サブスクリプション": "aaaaaaaa-0000-4000-8000-000000000003" };
  const spaced: Vocabulary = { resources: new Map(), subscriptions: new Map(Object.entries(names)), resourceGroups: new Set() };
  const nameOf = (id: string) => Object.entries(names).find(([, v]) => v === id)?.[0] ?? id;
  it.each([
    ["what needs attention in Contoso Production", "list status=at-risk+overdue sub=contoso production"],
    ["caches in contoso production below 1.2", "list kinds=redis tls=lt1.2 sub=contoso production"],
    ["overdue in Pay-As-You-Go (JP)", "list status=overdue sub=pay-as-you-go (jp)"],
    ["本番サブスクリプションのキャッシュ", "list kinds=redis sub=本番サブスクリプション"],
    ["subscribe Contoso Production", "subscribe contoso production"],
    ["how is Contoso Production doing", "overview sub=contoso production"],
    ["本番サブスクリプションの状況は？", "overview sub=本番サブスクリプション"],
    // A name glued to more letters is another word.
    ["caches in contoso productions", "list kinds=redis"],
  ])("%s → %s", (question, expected) => {
    expect(compactIntent(parseQuestion(question, lexicon, spaced, NOW, "UTC").intent, nameOf)).toBe(expected);
  });
});

describe("the language of a message it cannot read", () => {
  it("romaji says nothing of the reader's language: its particles の (no) and と (to) are not English words", () => {
    for (const text of ["kyasshu no ichiran", "sore to kore", "redis-cart-prd no joutai"]) {
      expect(parseQuestion(text, lexicon, vocab, NOW, "UTC").textLang, text).toBeNull();
    }
    // English function words still tell English.
    for (const text of ["why is there a problem", "how to get a list of things", "is it done"]) {
      expect(parseQuestion(text, lexicon, vocab, NOW, "UTC").textLang, text).toBe("en");
    }
  });
});

describe("the status of a word nothing is named", () => {
  // A storage account's name is one plain word: one typo from such a name is a name, whatever stands before it.
  const named: Vocabulary = { ...vocab, resources: new Map([...vocab.resources, ["stpaymentsexport", ["/subscriptions/x/resourceGroups/rg/providers/t/stpaymentsexport"]]]) };
  it.each([
    ["status of stpaymentexport", "overview unknown=stpaymentexport"],
    ["status of the stpaymentexport", "overview unknown=stpaymentexport"],
    ["status of nosuchthing", "overview unknown=nosuchthing"],
    ["status of the nosuchthing", "overview"],
    ["status of the migration", "overview"],
  ])("%s → %s", (question, expected) => {
    expect(compact(parseQuestion(question, lexicon, named, NOW, "UTC").intent)).toBe(expected);
  });
});

describe("resource groups named by part of their name", () => {
  // Real tenants also name groups after a plain word ("payments-prod", "data-platform-jp"): that word alone names none.
  const groups: Vocabulary = { ...vocab, resourceGroups: new Set(["payments-prod", "data-platform-jp", "data-platform-us", "rg-commerce-prod"]) };
  const parse = (q: string) => parseQuestion(q, lexicon, groups, NOW, "UTC").intent;
  it.each([
    ["caches in payments-prod", "list kinds=redis rg=payments-prod"],
    ["caches in rg-commerce", "list kinds=redis rg=rg-commerce-prod"],
    ["data-platform-jp の状況", "overview rg=data-platform-jp"],
    ["subscribe rg-commerce", "subscribe rg-commerce-prod"],
    ["caches in payments", "list kinds=redis"],
    ["data caches", "list kinds=redis"],
    ["at-risk caches", "list kinds=redis status=at-risk+overdue"],
  ])("%s → %s", (question, expected) => {
    expect(compact(parse(question))).toBe(expected);
  });

  it("a prefix several groups share, or a name close to a group's, is said back with those groups, never dropped", () => {
    expect(parse("caches in data-platform")).toEqual({ type: "resourceGroupUnknown", name: "data-platform", prefixOf: ["data-platform-jp", "data-platform-us"], near: [] });
    expect(parse("subscribe payment-prod")).toEqual({ type: "resourceGroupUnknown", name: "payment-prod", prefixOf: [], near: ["payments-prod"] });
    expect(parse("status of rg-nowhere")).toEqual({ type: "resourceGroupUnknown", name: "rg-nowhere", prefixOf: [], near: [] });
    // A mistyped resource name is no group: nothing in these groups' names is close to it.
    expect(parse("status of redis-cart-prd")).toMatchObject({ type: "overview", unknownName: "redis-cart-prd" });
  });
});

describe("retirements named by their Tracking ID", () => {
  const tracked: Vocabulary = { ...vocab, retirements: new Map([["bbbb-222", "tracking-BBBB-222"], ["tracking-bbbb-222", "tracking-BBBB-222"], ["7_8g-d8z", "azure-wide-tls10-11"]]) };
  it.each([
    ["status of BBBB-222", "retirements tracking-BBBB-222"],
    ["status of tracking-BBBB-222", "retirements tracking-BBBB-222"],
    // A "_" is dropped with chat markup, so such an ID is read whole, as several words.
    ["7_8G-D8Z の状況", "retirements azure-wide-tls10-11"],
    ["snooze BBBB-222 for 2 weeks", "snooze 14 tracking-BBBB-222"],
    ["status of BBBB-222 in prod-jp-east", "overview sub=prod-jp-east"],
  ])("%s → %s", (question, expected) => {
    expect(compact(parseQuestion(question, lexicon, tracked, NOW, "UTC").intent)).toBe(expected);
  });
});
