import { describe, expect, it } from "vitest";
import { loadLocaleResources, translator } from "../../src/render/i18n.ts";
import { RETIREMENTS } from "../../src/catalog/lookup.ts";
import type { ErrorCode } from "../../src/domain/errors.ts";
import { KIND_DEFINITIONS } from "../../src/azure/kinds/registry.ts";
import { kindsPhrase } from "../../src/render/kind-names.ts";

function flatten(obj: Record<string, unknown>, prefix = ""): string[] {
  return Object.entries(obj).flatMap(([k, v]) =>
    v && typeof v === "object" ? flatten(v as Record<string, unknown>, `${prefix}${k}.`) : [`${prefix}${k}`],
  );
}

const resources = loadLocaleResources();

describe("locales", () => {
  it("have the same namespaces and keys in en and ja", () => {
    const keys = (lang: string) =>
      Object.entries(resources[lang] ?? {}).flatMap(([ns, tree]) => flatten(tree).map((k) => `${ns}:${k}`)).sort();
    expect(keys("ja")).toEqual(keys("en"));
    expect(keys("en").length).toBeGreaterThan(50);
  });

  it("have no empty strings and keep every {{placeholder}} in both languages", () => {
    for (const [ns, tree] of Object.entries(resources["en"] ?? {})) {
      for (const key of flatten(tree)) {
        const get = (lang: string) => key.split(".").reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], resources[lang]?.[ns]) as string;
        const placeholders = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
        expect(get("en").trim(), `${ns}:${key}`).not.toBe("");
        expect(get("ja").trim(), `${ns}:${key}`).not.toBe("");
        expect(placeholders(get("ja")), `${ns}:${key}`).toEqual(placeholders(get("en")));
      }
    }
  });

  // Kind names live in their definitions, not in locales/: the same parity holds for them.
  it("name every registered kind in en and ja, singular and plural, with question words in both", () => {
    for (const d of KIND_DEFINITIONS) {
      for (const lang of ["en", "ja"] as const) {
        expect(Object.keys(d.names[lang]).sort(), `${d.id} ${lang}`).toEqual(["one", "other"]);
        expect(d.names[lang].one.trim(), `${d.id} ${lang}`).not.toBe("");
        expect(d.names[lang].other.trim(), `${d.id} ${lang}`).not.toBe("");
        expect(d.synonyms[lang].length, `${d.id} ${lang} synonyms`).toBeGreaterThan(0);
      }
      expect(d.names.ja.one, d.id).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
      for (const s of d.synonyms.ja) expect(s, `${d.id} ja synonym`).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
    }
    expect(KIND_DEFINITIONS.map((d) => d.names.en.one)).toEqual([...new Set(KIND_DEFINITIONS.map((d) => d.names.en.one))]);
  });

  it("join several kinds as each language lists things", () => {
    const [a, b] = KIND_DEFINITIONS;
    expect(kindsPhrase([b!.id, a!.id], "en")).toBe(`${a!.names.en.other} and ${b!.names.en.other}`);
    expect(kindsPhrase([a!.id, b!.id], "ja")).toBe(`${a!.names.ja.other}、${b!.names.ja.other}`);
  });

  it("write Japanese in Japanese", () => {
    const ja = flatten(resources["ja"]?.["scan"] ?? {}).filter((k) => k.startsWith("status.") || k.startsWith("errorCode."));
    const t = translator("ja");
    for (const key of ja) expect(t(`scan:${key}`)).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
  });

  it("cover every catalog entry and every coded error", () => {
    const en = translator("en");
    const ja = translator("ja");
    for (const r of RETIREMENTS) {
      for (const t of [en, ja]) {
        expect(t(`catalog:services.${r.id}`)).not.toBe(`services.${r.id}`);
        for (const s of r.sideEffects) expect(t(`catalog:sideEffects.${s}`)).not.toBe(`sideEffects.${s}`);
        for (const s of r.checklist) expect(t(`catalog:checklist.${s}`)).not.toBe(`checklist.${s}`);
      }
    }
    const codes: ErrorCode[] = ["configInvalid", "configFileUnreadable", "storeLocked", "storeUnavailable", "armUnreachable", "armAuthFailed",
      "armForbidden", "armNotFound", "armThrottled", "armTimeout", "armServerError", "armMalformedResponse", "graphUnavailable",
      "nothingScanned", "staticTokenNotLoopback", "unknownCommand", "invalidArgument"];
    for (const code of codes) for (const t of [en, ja]) expect(t(`errors:${code}`)).not.toBe(code);
  });

  it("pluralise in English and read naturally in Japanese", () => {
    expect(translator("en")("scan:daysLeft", { count: 1 })).toBe("1 day left");
    expect(translator("en")("scan:daysLeft", { count: 3 })).toBe("3 days left");
    expect(translator("ja")("scan:daysLeft", { count: 3 })).toBe("残り 3 日");
  });
});
