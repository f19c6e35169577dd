import { setMaxListeners } from "node:events";
import type { ArmClients } from "../arm-clients.ts";
import type { ObservedResource } from "../../domain/resource.ts";
import type { SubscriptionRecord } from "../../store/store.ts";
import type { GraphRow, ResourceKind } from "../kinds/resource-kind.ts";
import { PagingLoopError } from "../paging-loop-guard.ts";
import { mapBounded } from "./bounded-map.ts";
import { scanError } from "./classify-arm-error.ts";
import { readGraphRows } from "./graph-rows.ts";
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
  return `Resources | where type in~ (${types}) | project id, name, type, location, resourceGroup, subscriptionId, sku, properties, tags | order by id asc`;
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
export async function queryAllPages(clients: ArmClients, subscriptions: string[], query: string, opts: Pick<GraphScanOptions, "signal" | "sleep" | "onPage"> & { timeoutMs?: number }): Promise<GraphRow[]> {
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
    rows.push(...data);
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
 */
export async function scanGraph(clients: ArmClients, subscriptions: readonly SubscriptionRecord[], allKinds: readonly ResourceKind[], opts: GraphScanOptions): Promise<PartialScan> {
  const ids = subscriptions.map((s) => s.subscriptionId);
  // Kinds whose setting needs a second call per resource (App Service's config/web) are not in
  // Resource Graph's rows: they are read per subscription through ARM on this path too.
  const kinds = allKinds.filter((k) => k.definition.reading === "list");
  const detailKinds = allKinds.filter((k) => k.definition.reading !== "list");
  const armOptions = { concurrency: opts.concurrency, timeoutMs: opts.timeoutMs, ...(opts.signal ? { signal: opts.signal } : {}) };
  // The detail kinds' per-subscription ARM pass does not depend on the Graph rows: it runs alongside the
  // queries instead of after them (it is most of this path's requests). If Graph fails, the caller
  // rescans everything through ARM, so this pass is stopped.
  const stopDetail = new AbortController();
  const detailSignal = opts.signal ? AbortSignal.any([opts.signal, stopDetail.signal]) : stopDetail.signal;
  // One listener per subscription in flight (the concurrency), not a leak.
  setMaxListeners(0, detailSignal);
  const detailRun = detailKinds.length > 0 ? scanArm(clients, subscriptions, detailKinds, { ...armOptions, signal: detailSignal }) : Promise.resolve(null);
  const rows: GraphRow[] = [];
  try {
    if (kinds.length > 0) {
      const query = graphQuery(kinds);
      for (let i = 0; i < ids.length; i += SUBSCRIPTIONS_PER_QUERY) {
        rows.push(...(await queryAllPages(clients, ids.slice(i, i + SUBSCRIPTIONS_PER_QUERY), query, opts)));
      }
    }
  } catch (err) {
    stopDetail.abort();
    await detailRun.catch(() => null);
    throw err;
  }
  // Malformed rows are kept as unknown or reported, never dropped silently (graph-rows.ts).
  const read = readGraphRows(rows, kinds);
  const bySubscription = new Map<string, ObservedResource[]>();
  for (const observed of read.observed) {
    const key = observed.subscriptionId.toLowerCase();
    const list = bySubscription.get(key);
    if (list) list.push(observed);
    else bySubscription.set(key, [observed]);
  }
  rows.length = 0;
  const warnings: PartialScan["warnings"] = [...read.problems];
  const observed: ObservedResource[] = [];
  await mapBounded([...bySubscription.entries()], opts.concurrency, async ([sub, found]) => {
    try {
      observed.push(...(await withTimeout(opts.timeoutMs, opts.signal, (signal) => completeCreatedTimes(clients, sub, kinds, found, signal))));
    } catch (err) {
      // The listing itself succeeded: keep the resources (their unknown age shows as `unknown`) and say why.
      observed.push(...found);
      warnings.push(scanError(found[0]?.subscriptionId ?? sub, err, err instanceof TimeoutError));
    }
  });
  const silent = kinds.length > 0 ? subscriptions.filter((s) => !bySubscription.has(s.subscriptionId.toLowerCase())) : [];
  const checked = await scanArm(clients, silent, kinds, armOptions);
  const detailed = await detailRun;
  observed.push(...checked.observed, ...(detailed?.observed ?? []));
  // One entry per subscription, whichever of the two ARM passes found it failing.
  const errors = [...checked.errors];
  for (const e of detailed?.errors ?? []) if (!errors.some((x) => x.subscriptionId.toLowerCase() === e.subscriptionId.toLowerCase())) errors.push(e);
  const failed = new Set(errors.map((e) => e.subscriptionId.toLowerCase()));
  return { observed, errors, warnings, scannedSubscriptions: ids.filter((id) => !failed.has(id.toLowerCase())) };
}
