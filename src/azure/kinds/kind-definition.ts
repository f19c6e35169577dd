import type { CatalogRetirement } from "../../catalog/catalog-types.ts";
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
  /**
   * The catalog retirement whose deadline, reversibility and side effects apply: an entry of
   * src/catalog/retirements.ts or the kind's own `catalog.retirement`. `null` when Microsoft has announced
   * no TLS 1.0/1.1 retirement for the service: the kind is still scanned and upgradeable, a minimum below
   * 1.2 is at risk with no deadline, and `catalog.upgrade` says what raising it does.
   */
  readonly retirementId: string | null;
  /** Catalog facts and their text that the kind's folder carries itself, so adding a kind touches nothing else. */
  readonly catalog?: KindCatalog;
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
  /**
   * The highest minimum the service lets one set (FACTS.md), which can be lower than the highest it reports (Storage
   * reads `TLS1_3` but refuses it as a minimum). A command to raise the kind beyond it is refused by name.
   */
  readonly highestMinimum: TlsVersion;
  /** Whether the unset rule needs the creation time (fetched through `$expand=createdTime`). */
  needsCreatedTime(resource: ObservedResource): boolean;
}

/** What raising the setting does: reversibility and side effects (keys under `catalog:sideEffects.`). */
export interface UpgradeFacts {
  /** false: raising the minimum cannot be undone; null: no source says either way. */
  readonly reversible: boolean | null;
  readonly sideEffects: readonly string[];
  /**
   * Of `sideEffects`, the one saying Microsoft announced no retirement (a kind whose `retirementId` is null): untrue, and
   * left out, for a resource a trusted notice has since given a retirement.
   */
  readonly noRetirement?: string;
}

/**
 * A kind's own part of the catalog. `retirement` joins the catalog's list (`RETIREMENTS`) as if it were in
 * src/catalog/retirements.ts; `upgrade` stands in for it when the kind has no retirement; `text` is merged
 * into the `catalog` locale namespace (`services.<retirement id>`, `sideEffects.<key>`) in both languages.
 */
export interface KindCatalog {
  readonly retirement?: CatalogRetirement;
  readonly upgrade?: UpgradeFacts;
  readonly text: Readonly<Record<KindLang, KindCatalogText>>;
}

export interface KindCatalogText {
  readonly services?: Readonly<Record<string, string>>;
  readonly sideEffects?: Readonly<Record<string, string>>;
}

/** The definition's display name in one language. */
export function kindName(def: Pick<KindDefinition, "names">, lang: KindLang, plural: boolean): string {
  return plural ? def.names[lang].other : def.names[lang].one;
}
