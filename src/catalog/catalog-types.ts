export interface DatedSource {
  /** `YYYY-MM-DD` as that source gave it. */
  readonly date: string;
  readonly url: string;
  /** What the source said about this date, in English, for operators reading the catalog. */
  readonly note: string;
}

/**
 * One known TLS 1.0/1.1 retirement. User-visible text (service name, side effects, checklist steps)
 * lives in `locales/{en,ja}/catalog.json` under `services.<id>`; this file holds facts and sources.
 */
export interface CatalogRetirement {
  readonly id: string;
  /** ARM types this retirement applies to, spelled as ARM spells them (compare case-insensitively). */
  readonly resourceTypes: readonly string[];
  /** The ARM property holding the minimum TLS version, when there is one. */
  readonly property: string | null;
  /** The date in force: the newest trusted source. A newer trusted notice overrides it at run time. */
  readonly deadline: string;
  /** Every date the sources gave, oldest first; the last one is `deadline`'s source. */
  readonly history: readonly DatedSource[];
  /** Where sources disagree, what they say (shown to operators as a caveat). */
  readonly conflict: string | null;
  /** Tracking IDs used in "Action Required" mails / Service Health for this retirement. */
  readonly trackingIds: readonly string[];
  /** false: raising the minimum cannot be undone; null: no source says either way. */
  readonly reversible: boolean | null;
  /** Locale keys under `sideEffects.` for what raising the minimum does (e.g. a failover). */
  readonly sideEffects: readonly string[];
  /** Locale keys under `checklist.` for machine-side steps, for services with nothing to scan. */
  readonly checklist: readonly string[];
}
