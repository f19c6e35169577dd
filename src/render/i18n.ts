import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import i18next, { type TFunction } from "i18next";
import { KIND_DEFINITIONS } from "../azure/kinds/registry.ts";

export type Lang = "ja" | "en";
export const LANGS: readonly Lang[] = ["ja", "en"];

const LOCALES_DIR = fileURLToPath(new URL("../../locales/", import.meta.url));

type Resources = Record<string, Record<string, Record<string, unknown>>>;

/**
 * Reads locales/{lang}/{namespace}.json (every namespace file exists in both languages; a test checks) and
 * adds the catalog text that kinds' folders carry (`KindDefinition.catalog.text`) to the `catalog` namespace.
 */
export function loadLocaleResources(dir: string = LOCALES_DIR): Resources {
  const out: Resources = {};
  for (const lang of LANGS) {
    out[lang] = {};
    for (const file of readdirSync(`${dir}/${lang}`).filter((f) => f.endsWith(".json"))) {
      out[lang][file.replace(/\.json$/, "")] = JSON.parse(readFileSync(`${dir}/${lang}/${file}`, "utf8")) as Record<string, unknown>;
    }
    const catalog = (out[lang]["catalog"] ??= {});
    for (const d of KIND_DEFINITIONS) {
      const text = d.catalog?.text[lang];
      for (const section of ["services", "sideEffects"] as const) {
        if (text?.[section]) catalog[section] = { ...(catalog[section] as Record<string, unknown> | undefined), ...text[section] };
      }
    }
  }
  return out;
}

let shared: typeof i18next | null = null;

/** One initialised i18next instance per process; `t(lang)` gives a translator fixed to a language. */
export function translator(lang: Lang): TFunction {
  if (!shared) {
    const resources = loadLocaleResources();
    const instance = i18next.createInstance();
    void instance.init({
      initAsync: false,
      resources,
      lng: "en",
      fallbackLng: false,
      ns: Object.keys(resources["en"] ?? {}),
      defaultNS: "common",
      interpolation: { escapeValue: false },
      returnNull: false,
    });
    shared = instance;
  }
  return shared.getFixedT(lang);
}

/** `--lang` / TLSBOT_LANG win; otherwise LC_ALL, LC_MESSAGES, LANG starting with `ja` mean Japanese. */
export function detectLang(explicit: string | undefined, env: Readonly<Record<string, string | undefined>>): Lang {
  if (explicit === "ja" || explicit === "en") return explicit;
  const locale = env["LC_ALL"] || env["LC_MESSAGES"] || env["LANG"] || "";
  return /^ja/i.test(locale) ? "ja" : "en";
}
