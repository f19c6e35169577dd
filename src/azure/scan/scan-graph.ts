import { setMaxListeners } from "node:events";
import type { ArmClients } from "../arm-clients.ts";
import type { ObservedResource } from "../../domain/resource.ts";
import type { ScanError, SubscriptionRecord } from "../../store/store.ts";
import type { GraphRow, ResourceKind } from "../kinds/resource-kind.ts";
import { PagingLoopError } from "../paging-loop-guard.ts";
import { taskPool } from "./bounded-map.ts";
import { scanError } from "./classify-arm-error.ts";
import { MALFORMED_ROW, readGraphRows } from "./graph-rows.ts";
import { completeCreatedTimes, scanArm, type PartialScan } from "./scan-arm.ts";
import { TimeoutError, withTimeout } from "./with-timeout.ts";
import { telemetry } from "../../observability/telemetry.ts";

/** Resource Graph serves at most 1000 rows a page. */
const PAGE_SIZE = 1000;
/** Subscriptions per query: Resource Graph accepts long lists, but keep request bodies modest. */
const SUBSCRIPTIONS_PER_QUERY = 1000;

export interface GraphScanOptions {
  readonly concurrency: number;
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly onPage?: (rows: number) => void;
}

export function graphQuery(kinds: readonly ResourceKind[]): string {
  const types = kinds.flatMap((k) => k.definition.armTypes).map((t) => `'${t.toLowerCase()}'`).join(", ");
  // Projecting `id` and ordering by it keeps $skipToken paging stable.
  return `Resources | where type in~ (${types}) | project id, name, type, kind, location, resourceGroup, subscriptionId, sku, properties, tags | order by id asc`;
}

/** `hh:mm:ss` from x-ms-user-quota-resets-after → milliseconds. */
export function parseResetsAfter(value: string | undefined): number {
  const m = value ? /^(\d+):(\d{2}):(\d{2})(?:\.\d+)?$/.exec(value) : null;
  return m ? ((Number(m[1]) * 60 + Number(m[2])) * 60 + Number(m[3])) * 1000 : 0;
}

/**
 * The SDK's mapper declares `data` a Dictionary, so an objectArray result arrives as `{"0": row, "1": row}`
 * rather than an array; accept both, in order.
 */
export function graphRowsOf(data: unknown): GraphRow[] {
  if (Array.isArray(data)) return data as GraphRow[];
  if (!data || typeof data !== "object") return [];
  return Object.entries(data as Record<string, GraphRow>)
    .filter(([k]) => /^\d+$/.test(k))
    .sort(([a], [b]) => Number(a) - Number(b))
    .map(([, row]) => row);
}

const defaultSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** All rows of one query, following $skipToken and waiting out the per-user quota before it runs dry. */
export async function queryAllPages(clients: ArmClients, subscriptions: string[], query: string, opts: Pick<GraphScanOptions, "signal" | "sleep" | "onPage"> & { timeoutMs?: number; onRows?: (rows: GraphRow[]) => void }): Promise<GraphRow[]> {
  const rows: GraphRow[] = [];
  let skipToken: string | undefined;
  let quota = { remaining: Number.POSITIVE_INFINITY, resetMs: 0 };
  const tokens = new Set<string>();
  do {
    if (quota.remaining <= 0) {
      telemetry().graphQuotaWait(quota.resetMs);
      await (opts.sleep ?? defaultSleep)(quota.resetMs);
    }
    const token = skipToken;
    // Each page has the per-subscription time limit: a hung query must end so that the ARM path can take over.
    const page = await withTimeout(opts.timeoutMs ?? 120_000, opts.signal, (abortSignal) => clients.resourceGraph().resources(
      { subscriptions, query, options: { top: PAGE_SIZE, resultFormat: "objectArray", ...(token ? { skipToken: token } : {}) } },
      {
        abortSignal,
        onResponse: (raw) => {
          const remaining = raw.headers.get("x-ms-user-quota-remaining");
          if (remaining !== undefined) quota = { remaining: Number(remaining), resetMs: parseResetsAfter(raw.headers.get("x-ms-user-quota-resets-after")) };
        },
      },
    ));
    const data = graphRowsOf(page.data);
    // With `onRows` each page is handed on as it arrives (and not kept): the caller works while the next
    // page waits for its turn in the quota.
    if (opts.onRows) opts.onRows(data);
    else rows.push(...data);
    opts.onPage?.(data.length);
    skipToken = page.skipToken;
    // A $skipToken seen before would page forever: stop with a clear error (the ARM path takes over).
    if (skipToken && tokens.has(skipToken)) throw new PagingLoopError("Resource Graph $skipToken");
    if (skipToken) tokens.add(skipToken);
  } while (skipToken);
  return rows;
}

/**
 * One Resource Graph query across all subscriptions, then creation times for the few resources whose
 * rule needs them. Resource Graph silently leaves out subscriptions the identity cannot read (and lags
 * behind ARM for new ones), so a subscription with no rows is checked on the per-subscription ARM path:
 * an empty one costs a few GETs, a forbidden one becomes an entry in `errors` instead of looking clean.
 * A `list-then-detail` kind with `graphDetail` is listed from the same rows and completed per resource
 * (from another table's rows where they carry the setting, else one ARM read each); one without it is
 * read per subscription through ARM alongside the queries.
 */
export async function scanGraph(clients: ArmClients, subscriptions: readonly SubscriptionRecord[], allKinds: readonly ResourceKind[], opts: GraphScanOptions): Promise<PartialScan> {
  const ids = subscriptions.map((s) => s.subscriptionId);
  const kinds = allKinds.filter((k) => k.definition.reading === "list" || k.graphDetail);
  const detailKinds = allKinds.filter((k) => !kinds.includes(k));
  const armOptions = { concurrency: opts.concurrency, timeoutMs: opts.timeoutMs, ...(opts.signal ? { signal: opts.signal } : {}) };
  // The per-subscription work (ARM-only kinds, completing rows) does not wait for the last Graph page: it
  // runs while the queries wait for their quota. If Graph fails, the caller rescans everything through
  // ARM, so that work is stopped.
  const stopDetail = new AbortController();
  const detailSignal = opts.signal ? AbortSignal.any([opts.signal, stopDetail.signal]) : stopDetail.signal;
  // One listener per subscription in flight (the concurrency), not a leak.
  setMaxListeners(0, detailSignal);
  const detailRun = detailKinds.length > 0 ? scanArm(clients, subscriptions, detailKinds, { ...armOptions, signal: detailSignal }) : Promise.resolve(null);
  const warnings: PartialScan["warnings"] = [];
  const observed: ObservedResource[] = [];
  const errors: ScanError[] = [];
  const seen = new Set<string>();
  const byKind = new Map(kinds.map((k) => [k.id, k]));
  const side = new Map<string, GraphRow>();
  const pool = taskPool(opts.concurrency);
  const completeSubscription = async (subscriptionId: string, found: ObservedResource[]): Promise<void> => {
    let completed: ObservedResource[];
    try {
      completed = await withTimeout(opts.timeoutMs, detailSignal, (signal) => completeDetails(clients, subscriptionId, byKind, found, side, signal));
    } catch (err) {
      // A setting that could not be read: the subscription failed as on the ARM path (previous inventory kept).
      errors.push(scanError(subscriptionId, err, err instanceof TimeoutError));
      return;
    }
    try {
      observed.push(...(await withTimeout(opts.timeoutMs, detailSignal, (signal) => completeCreatedTimes(clients, subscriptionId, kinds, completed, signal))));
    } catch (err) {
      // The listing itself succeeded: keep the resources (their unknown age shows as `unknown`) and say why.
      observed.push(...completed);
      warnings.push(scanError(subscriptionId, err, err instanceof TimeoutError));
    }
  };
  let rowNumber = 0;
  const take = (batch: readonly GraphRow[]) => {
    // Malformed rows are kept as unknown or reported, never dropped silently (graph-rows.ts).
    const read = readGraphRows(batch, kinds, rowNumber);
    rowNumber += batch.length;
    warnings.push(...read.problems);
    const bySubscription = new Map<string, ObservedResource[]>();
    for (const o of read.observed) {
      const key = o.subscriptionId.toLowerCase();
      const list = bySubscription.get(key);
      if (list) list.push(o);
      else bySubscription.set(key, [o]);
    }
    for (const [key, found] of bySubscription) {
      seen.add(key);
      pool.run(() => completeSubscription(found[0]!.subscriptionId, found));
    }
  };
  try {
    if (kinds.length > 0) {
      const query = graphQuery(kinds);
      const sideQueries = [...new Set(kinds.map((k) => k.graphDetail?.query).filter((q): q is string => !!q))];
      for (let i = 0; i < ids.length; i += SUBSCRIPTIONS_PER_QUERY) {
        const chunk = ids.slice(i, i + SUBSCRIPTIONS_PER_QUERY);
        // The tables that complete rows first (a few pages), so each page of the main query can be
        // completed as soon as it arrives.
        for (const q of sideQueries) {
          await queryAllPages(clients, chunk, q, { ...opts, onRows: (rows) => {
            for (const row of rows) if (typeof row?.id === "string") side.set(row.id.toLowerCase(), row);
          } });
        }
        let carry: GraphRow[] = [];
        await queryAllPages(clients, chunk, query, { ...opts, onRows: (page) => {
          // Rows come ordered by id, so one subscription's rows are contiguous: every subscription on the
          // page but the last is complete; the last one's rows wait for the next page.
          const rows = carry.length ? [...carry, ...page] : page;
          const last = subscriptionKey(rows[rows.length - 1]);
          let cut = rows.length;
          while (cut > 0 && subscriptionKey(rows[cut - 1]) === last) cut--;
          take(rows.slice(0, cut));
          carry = rows.slice(cut);
        } });
        take(carry);
      }
    }
  } catch (err) {
    stopDetail.abort();
    await pool.done();
    await detailRun.catch(() => null);
    throw err;
  }
  await pool.done();
  side.clear();
  const silent = kinds.length > 0 ? subscriptions.filter((s) => !seen.has(s.subscriptionId.toLowerCase())) : [];
  const checked = await scanArm(clients, silent, kinds, armOptions);
  const detailed = await detailRun;
  // One entry per subscription, whichever pass found it failing (a subscription whose rows straddled a
  // page may have failed twice); a failed subscription contributes nothing.
  const byFailed = new Map<string, ScanError>();
  for (const e of [...errors, ...checked.errors, ...(detailed?.errors ?? [])]) if (!byFailed.has(e.subscriptionId.toLowerCase())) byFailed.set(e.subscriptionId.toLowerCase(), e);
  const kept = [...observed, ...checked.observed, ...(detailed?.observed ?? [])].filter((o) => !byFailed.has(o.subscriptionId.toLowerCase()));
  return { observed: kept, errors: [...byFailed.values()], warnings, scannedSubscriptions: ids.filter((id) => !byFailed.has(id.toLowerCase())) };
}

/** The subscription a row's id names (lower case), or "" for a row without a usable id. */
function subscriptionKey(row: GraphRow | undefined): string {
  const id = row && typeof row === "object" && typeof row.id === "string" ? row.id : "";
  return /^\/subscriptions\/([^/]+)/i.exec(id)?.[1]?.toLowerCase() ?? "";
}


/** The `graphDetail` kinds' resources of one subscription completed; the others as their rows gave them. */
async function completeDetails(clients: ArmClients, subscriptionId: string, byKind: ReadonlyMap<string, ResourceKind>, found: readonly ObservedResource[], side: ReadonlyMap<string, GraphRow>, signal: AbortSignal): Promise<ObservedResource[]> {
  const out: ObservedResource[] = [];
  const pending = new Map<ResourceKind, ObservedResource[]>();
  for (const r of found) {
    const kind = byKind.get(r.kind);
    // A malformed row (TLS already unreadable) is reported as it is, not "completed" into a reading.
    if (kind?.graphDetail && !r.rawTls?.startsWith(MALFORMED_ROW)) {
      const list = pending.get(kind);
      if (list) list.push(r);
      else pending.set(kind, [r]);
    } else out.push(r);
  }
  for (const [kind, list] of pending) out.push(...(await kind.graphDetail!.complete(clients, subscriptionId, list, side, signal)));
  return out;
}
