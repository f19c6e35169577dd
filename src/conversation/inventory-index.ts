import { deadlineBook } from "../catalog/deadline-book.ts";
import { effectiveRetirements } from "../catalog/effective-retirements.ts";
import { daysUntil, findingStatus, STATUS_SEVERITY } from "../domain/finding-status.ts";
import type { Finding, FindingStatus } from "../domain/resource.ts";
import { compareTls, type EffectiveTls, type TlsVersion } from "../domain/tls-version.ts";
import type { RetirementRecord, ScanError, Store, SubscriptionRecord } from "../store/store.ts";
import { dateIn } from "./find-due-window.ts";
import type { Comparison, ResourceFilter } from "./intent.ts";
import type { ResourceRow } from "../render/view-model.ts";
import type { Vocabulary } from "./parse-intent.ts";

/** A finding as of now: status and deadline re-evaluated against the retirements in force today. */
export interface InventoryRow {
  readonly finding: Finding;
  readonly status: FindingStatus;
  readonly deadline: string | null;
  readonly daysLeft: number | null;
  readonly subscriptionName: string;
  /**
   * The retirement whose deadline this is: the one reminders, digests and notice posts name the resource under.
   * Two retirements may list its type; only this one governs it.
   */
  readonly retirementId: string | null;
}

function matchesTls(effective: EffectiveTls, op: Comparison, v: TlsVersion): boolean {
  if (effective === "unknown") return false;
  const c = compareTls(effective, v);
  return op === "lt" ? c < 0 : op === "lte" ? c <= 0 : op === "gt" ? c > 0 : op === "gte" ? c >= 0 : op === "eq" ? c === 0 : c !== 0;
}

/** Findings as of `now`: deadlines in force today (notices move them) and the status they give. */
export function inventoryRows(findings: readonly Finding[], subscriptions: readonly SubscriptionRecord[], retirements: readonly RetirementRecord[], now: Date): InventoryRow[] {
  const book = deadlineBook(retirements);
  const subName = new Map(subscriptions.map((s) => [s.subscriptionId.toLowerCase(), s.displayName]));
  const rows = findings.map((f): InventoryRow => {
    const applies = book(f.type);
    const deadline = applies?.deadline ?? f.deadline;
    return {
      finding: f, deadline, status: findingStatus(f.effectiveTls, deadline, now), daysLeft: deadline ? daysUntil(deadline, now) : null,
      subscriptionName: subName.get(f.subscriptionId.toLowerCase()) ?? f.subscriptionId, retirementId: applies ? applies.id : f.retirementId,
    };
  });
  rows.sort((a, b) => STATUS_SEVERITY[a.status] - STATUS_SEVERITY[b.status] || (a.deadline ?? "9999").localeCompare(b.deadline ?? "9999") || a.finding.name.localeCompare(b.finding.name));
  return rows;
}

/** The platform-free row a view shows for one resource (the retirement that governs it is not shown). */
export function toRow(r: Omit<InventoryRow, "retirementId">): ResourceRow {
  const f = r.finding;
  return {
    id: f.id, name: f.name, kind: f.kind, type: f.type, subscriptionId: f.subscriptionId, subscriptionName: r.subscriptionName, resourceGroup: f.resourceGroup,
    location: f.location, effectiveTls: f.effectiveTls, configuredTls: f.configuredTls, rawTls: f.rawTls, status: r.status, deadline: r.deadline, daysLeft: r.daysLeft, reason: f.reason,
  };
}

/** Retirements by the Tracking IDs their notices carry, and a notice-created one by its id too ("tracking-bbbb-222"). */
function trackingIdsOf(stored: readonly RetirementRecord[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const r of effectiveRetirements(stored)) {
    const ids = r.data["trackingIds"];
    for (const id of Array.isArray(ids) ? ids : []) if (typeof id === "string" && id.trim()) out.set(id.trim().toLowerCase(), r.id);
    if (r.id.startsWith("tracking-")) out.set(r.id.toLowerCase(), r.id);
  }
  return out;
}

/** Filters remembered per index: a match list holds references, not rows (50,000 matches ≈ 400 KB). */
const SEARCH_MEMO = 32;

/**
 * The same filter gives the same key whatever order its fields were set in (nested fields in another
 * order only cost a miss). Undefined fields are left out, as JSON leaves them out.
 */
export function filterKey(f: ResourceFilter): string {
  const fields = f as Readonly<Record<string, unknown>>;
  return Object.keys(fields).filter((k) => fields[k] !== undefined).sort().map((k) => `${k}=${JSON.stringify(fields[k])}`).join("&");
}

/**
 * The inventory held in memory, already in answer order (most urgent first), so a question is a filter
 * over an array — no query, no sort. Rebuilt when a scan completes, a retirement changes, or the date
 * changes (statuses flip at deadlines).
 */
export class InventoryIndex {
  readonly rows: readonly InventoryRow[];
  readonly vocabulary: Vocabulary;
  readonly key: string;
  readonly #byId: Map<string, InventoryRow>;
  /** Display names as written in Azure ("Contoso Production"), by lower-cased id; the vocabulary holds them lower-cased. */
  readonly #subscriptionNames: ReadonlyMap<string, string>;
  /** What the scan this index was built from could not read (the index's key changes with the scan). */
  readonly scanErrors: readonly ScanError[];
  /** Whether any scan has completed: before one, an empty inventory says nothing about the tenant. */
  readonly scanned: boolean;
  /** Rows per kind, in answer order: most questions name a kind and skip the rest. */
  readonly #byKind = new Map<string, InventoryRow[]>();
  /**
   * The matches of recent filters: paging a list of thousands and many people asking the same few
   * questions would otherwise scan the whole inventory for every page. The index never changes (a new
   * snapshot is a new index), so an entry never goes stale; the oldest goes when the memo is full.
   */
  readonly #searches = new Map<string, { matches: InventoryRow[]; unknownTls: number }>();

  constructor(findings: readonly Finding[], subscriptions: readonly SubscriptionRecord[], retirements: readonly RetirementRecord[], now: Date, key: string, scanErrors: readonly ScanError[] = [], scanned = true) {
    this.key = key;
    this.scanErrors = scanErrors;
    this.scanned = scanned;
    this.#subscriptionNames = new Map(subscriptions.map((s) => [s.subscriptionId.toLowerCase(), s.displayName]));
    const rows = inventoryRows(findings, subscriptions, retirements, now);
    this.rows = rows;
    this.#byId = new Map(rows.map((r) => [r.finding.id.toLowerCase(), r]));
    for (const r of rows) {
      const bucket = this.#byKind.get(r.finding.kind);
      if (bucket) bucket.push(r);
      else this.#byKind.set(r.finding.kind, [r]);
    }
    const resources = new Map<string, string[]>();
    for (const r of rows) resources.set(r.finding.name.toLowerCase(), [...(resources.get(r.finding.name.toLowerCase()) ?? []), r.finding.id]);
    const subscriptionsVocab = new Map<string, string>();
    for (const s of subscriptions) {
      subscriptionsVocab.set(s.displayName.toLowerCase(), s.subscriptionId);
      subscriptionsVocab.set(s.subscriptionId.toLowerCase(), s.subscriptionId);
    }
    this.vocabulary = { resources, subscriptions: subscriptionsVocab, resourceGroups: new Set(rows.map((r) => r.finding.resourceGroup.toLowerCase())), retirements: trackingIdsOf(retirements) };
  }

  static async load(store: Store, now: Date, timeZone: string): Promise<InventoryIndex> {
    const [findings, subscriptions, retirements, scan] = await Promise.all([store.currentResources(), store.listSubscriptions(), store.listRetirements(), store.latestCompletedScan()]);
    return new InventoryIndex(findings, subscriptions, retirements, now, await InventoryIndex.keyOf(store, now, timeZone, scan?.id ?? 0, retirements), scan?.errors ?? [], scan !== null);
  }

  /** What the index depends on; cheap to read before every question. */
  static async keyOf(store: Store, now: Date, timeZone: string, scanId?: number, retirements?: readonly RetirementRecord[]): Promise<string> {
    const id: number = scanId ?? (await store.latestCompletedScan())?.id ?? 0;
    const rs: readonly RetirementRecord[] = retirements ?? (await store.listRetirements());
    let newest = "";
    for (const r of rs) if (r.updatedAt > newest) newest = r.updatedAt;
    return `${id}|${rs.length}|${newest}|${dateIn(now, timeZone)}`;
  }

  /** The display name as written in Azure ("Contoso Production"), or the id of a subscription never listed. */
  subscriptionName(id: string): string {
    return this.#subscriptionNames.get(id.toLowerCase()) ?? id;
  }

  get(id: string): InventoryRow | undefined {
    return this.#byId.get(id.toLowerCase());
  }

  query(f: ResourceFilter): InventoryRow[] {
    return this.search(f).matches;
  }

  /**
   * One page of matches without building the whole list (a chat answer shows 20 of maybe thousands):
   * the total, the page, and the rows a version comparison left out for an unknown TLS version.
   */
  page(f: ResourceFilter, offset: number, size: number): { total: number; rows: InventoryRow[]; unknownTls: number; offset: number } {
    const { matches, unknownTls } = this.#memoSearch(f);
    const total = matches.length;
    // Past the end (a stale button): show the last page instead.
    const start = total > 0 && offset >= total ? Math.max(0, Math.floor((total - 1) / size) * size) : Math.max(0, offset);
    return { total, rows: matches.slice(start, start + size), unknownTls, offset: start };
  }

  /**
   * One pass: the matches, and how many would match but for an unknown TLS version (a version comparison
   * leaves those out, and the answer says so). A copy: the caller may keep or change it.
   */
  search(f: ResourceFilter): { matches: InventoryRow[]; unknownTls: number } {
    const { matches, unknownTls } = this.#memoSearch(f);
    return { matches: [...matches], unknownTls };
  }

  #memoSearch(f: ResourceFilter): { matches: InventoryRow[]; unknownTls: number } {
    const key = filterKey(f);
    const hit = this.#searches.get(key);
    if (hit) {
      // Most recently used last, so the first key is the one to drop.
      this.#searches.delete(key);
      this.#searches.set(key, hit);
      return hit;
    }
    const matches: InventoryRow[] = [];
    const { unknownTls } = this.#scan(f, (r) => matches.push(r));
    const result = { matches, unknownTls };
    this.#searches.set(key, result);
    if (this.#searches.size > SEARCH_MEMO) this.#searches.delete(this.#searches.keys().next().value as string);
    return result;
  }

  #scan(f: ResourceFilter, visit: (r: InventoryRow, index: number) => void): { total: number; unknownTls: number } {
    const subs = f.subscriptionIds ? new Set(f.subscriptionIds.map((s) => s.toLowerCase())) : null;
    const groups = f.resourceGroups ? new Set(f.resourceGroups) : null;
    const ids = f.resourceIds ? new Set(f.resourceIds.map((id) => id.toLowerCase())) : null;
    const source = f.kinds ? (f.kinds.length === 1 ? (this.#byKind.get(f.kinds[0] as string) ?? []) : this.rows.filter((r) => f.kinds!.includes(r.finding.kind))) : this.rows;
    let total = 0;
    let unknownTls = 0;
    const due = f.due;
    for (const r of source) {
      if (f.statuses && !f.statuses.includes(r.status)) continue;
      // A window asks what still needs doing by then: compliant resources have nothing due.
      if (due && (r.status === "compliant" || r.deadline === null || (due.from !== null && r.deadline < due.from) || r.deadline > due.to)) continue;
      if (subs && !subs.has(r.finding.subscriptionId.toLowerCase())) continue;
      if (groups && !groups.has(r.finding.resourceGroup.toLowerCase())) continue;
      if (ids && !ids.has(r.finding.id.toLowerCase())) continue;
      if (f.unset && r.finding.configuredTls !== null) continue;
      if (f.tls) {
        if (r.finding.effectiveTls === "unknown") {
          unknownTls++;
          continue;
        }
        if (!matchesTls(r.finding.effectiveTls, f.tls.op, f.tls.version)) continue;
      }
      visit(r, total++);
    }
    return { total, unknownTls };
  }
}
