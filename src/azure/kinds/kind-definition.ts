import type { TlsRule } from "../../domain/effective-tls.ts";
import type { ObservedResource } from "../../domain/resource.ts";
import type { TlsVersion } from "../../domain/tls-version.ts";
import type { ResourceKind } from "./resource-kind.ts";
import type { SimKind } from "../simulator/sim-kind.ts";

export type KindLang = "ja" | "en";

export interface KindNames {
  /** "storage account" / 「ストレージ アカウント」 */
  readonly one: string;
  /** "storage accounts"; Japanese has no plural and repeats `one`. */
  readonly other: string;
}

/**
 * Everything tlsbot knows about one resource kind that needs no Azure SDK: the conversation and render
 * layers read it (eslint lets them import definitions, never the SDK code). The SDK part (listing,
 * Resource Graph mapping, upgrade) and the simulator's routes are loaded through `implementation` and
 * `simulator`, so importing the registry loads no Azure SDK.
 */
export interface KindDefinition {
  /** The folder name under src/azure/kinds/. */
  readonly id: string;
  /** ARM types, the first as the catalog spells it (compare case-insensitively). */
  readonly armTypes: readonly [string, ...string[]];
  readonly names: Readonly<Record<KindLang, KindNames>>;
  /** Words people use for it in questions, lower case or as written (Japanese matches as a substring). */
  readonly synonyms: Readonly<Record<KindLang, readonly string[]>>;
  readonly tls: KindTls;
  /** The catalog retirement (src/catalog/retirements.ts) whose deadline, reversibility and side effects apply. */
  readonly retirementId: string;
  /** Whether reading its setting needs a second call per resource (the scanner batches those). */
  readonly reading: "list" | "list-then-detail";
  readonly implementation: () => Promise<ResourceKind>;
  readonly simulator: () => Promise<SimKind>;
}

export interface KindTls extends TlsRule {
  /** The setting(s) as the service names them, shown on the detail card. */
  readonly settings: readonly string[];
  /** Every value the service accepts, as it spells them, with what each means. */
  readonly spellings: Readonly<Record<string, TlsVersion | "no-minimum">>;
  /** The value an upgrade to TLS 1.2 writes, as the service spells it. */
  readonly upgradeValue: string;
  /** Whether the unset rule needs the creation time (fetched through `$expand=createdTime`). */
  needsCreatedTime(resource: ObservedResource): boolean;
}

/** The definition's display name in one language. */
export function kindName(def: Pick<KindDefinition, "names">, lang: KindLang, plural: boolean): string {
  return plural ? def.names[lang].other : def.names[lang].one;
}
