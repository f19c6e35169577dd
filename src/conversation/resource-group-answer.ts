import type { Lang } from "../render/i18n.ts";
import type { View } from "../render/view-model.ts";
import type { Intent } from "./intent.ts";

/** How many group names an answer lists: a prefix shared by dozens of groups is answered with the first few. */
const MAX_LISTED = 5;

/** Names as a sentence lists them ("a and b", "a or b", 「a、b」), the first few only, then "…". */
function listed(names: readonly string[], lang: Lang, type: "conjunction" | "disjunction"): string {
  const shown = names.slice(0, MAX_LISTED);
  const more = names.length > MAX_LISTED ? "…" : "";
  if (lang === "ja") return `${shown.join("、")}${more}`;
  return more ? `${shown.join(", ")}, ${more}` : new Intl.ListFormat("en", { type }).format(shown);
}

/**
 * "caches in rg-iot" when several groups start with it, "caches in rg-paymnts" when none is called that: said back with
 * the groups it could mean, rather than answered about everything.
 */
export function resourceGroupUnknownView(intent: Extract<Intent, { type: "resourceGroupUnknown" }>, lang: Lang): View {
  const { name, prefixOf, near } = intent;
  if (prefixOf.length > 1) return { type: "error", code: "resourceGroupAmbiguous", params: { name, total: prefixOf.length, names: listed(prefixOf, lang, "conjunction") } };
  if (near.length > 0) return { type: "error", code: "resourceGroupUnknownNear", params: { name, names: listed(near, lang, "disjunction") } };
  return { type: "error", code: "resourceGroupUnknown", params: { name } };
}
