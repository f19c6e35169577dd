import { kindName } from "../azure/kinds/kind-definition.ts";
import { KIND_IDS, kindDefinition } from "../azure/kinds/registry.ts";
import type { ResourceKindId } from "../domain/resource.ts";
import { compareTls, type TlsVersion } from "../domain/tls-version.ts";
import type { Lang } from "../render/i18n.ts";
import type { View } from "../render/view-model.ts";

/** Of `kinds`, those the service will not set to `target` (its highest minimum is lower), in registry order. */
export function kindsThatCannotTake(kinds: readonly ResourceKindId[], target: TlsVersion): ResourceKindId[] {
  return KIND_IDS.filter((id) => kinds.includes(id) && compareTls(kindDefinition(id)!.tls.highestMinimum, target) < 0);
}

/**
 * "Redis caches can be set to a minimum of TLS 1.2 at most": the answer to a command to raise them beyond it. Should the
 * kinds' highest minimums differ, it names the highest of them, which none of them exceeds.
 */
export function targetAboveKindsView(kinds: readonly ResourceKindId[], target: TlsVersion, lang: Lang): View {
  const defs = KIND_IDS.filter((id) => kinds.includes(id)).map((id) => kindDefinition(id)!);
  const highest = defs.map((d) => d.tls.highestMinimum).sort(compareTls).at(-1)!;
  const names = new Intl.ListFormat(lang, { type: "conjunction" }).format(defs.map((d) => kindName(d, lang, true)));
  // The definitions spell common nouns as they read mid-sentence ("storage accounts"); this one opens a sentence.
  return { type: "error", code: "upgradeTargetAboveKind", params: { kinds: names.charAt(0).toLocaleUpperCase(lang) + names.slice(1), version: target, highest } };
}
