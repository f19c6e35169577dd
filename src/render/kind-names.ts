import { KIND_IDS, kindDefinition } from "../azure/kinds/registry.ts";
import type { Lang } from "./i18n.ts";

/** A kind's display name from its definition (src/azure/kinds/<kind>/), not from a locale key. */
export function kindName(id: string, lang: Lang, plural = false): string {
  const d = kindDefinition(id);
  if (!d) return id;
  return plural ? d.names[lang].other : d.names[lang].one;
}

/**
 * A kind's name standing alone, in a table cell or a fact: capitalised as a sentence starts. The definitions spell common
 * nouns as they read mid-sentence ("storage account"), beside proper names ("Redis cache").
 */
export function kindLabel(id: string, lang: Lang): string {
  const name = kindName(id, lang);
  return name.charAt(0).toLocaleUpperCase(lang) + name.slice(1);
}

/** The names of a kind's TLS setting(s) as the service spells them (App Service has two). */
export function kindSettings(id: string): readonly string[] {
  return kindDefinition(id)?.tls.settings ?? [];
}

/** What an upgrade of the kind writes, as the service spells it: `sslPolicy` = `AppGwSslPolicy20220101`. */
export function kindUpgradeWrite(id: string): { setting: string; value: string } | null {
  const d = kindDefinition(id);
  return d ? { setting: d.tls.settings.join(", "), value: d.tls.upgradeValue } : null;
}

/**
 * Several kinds as one phrase, "storage accounts and SQL servers" / 「ストレージ アカウント、SQL サーバー」,
 * in registry order so the same filter always reads the same.
 */
export function kindsPhrase(ids: readonly string[], lang: Lang): string {
  const ordered = [...new Set(ids)].sort((a, b) => KIND_IDS.indexOf(a) - KIND_IDS.indexOf(b));
  return new Intl.ListFormat(lang, { type: "conjunction" }).format(ordered.map((id) => kindName(id, lang, true)));
}
