import { setMaxListeners } from "node:events";
import type { ArmClients } from "../arm-clients.ts";
import { deadlineBook } from "../../catalog/deadline-book.ts";
import { evaluateFinding } from "../../domain/evaluate-finding.ts";
import type { Finding, ResourceKindId } from "../../domain/resource.ts";
import type { ScanError, ScanSource, SnapshotDiff, Store, SubscriptionRecord } from "../../store/store.ts";
import { loadResourceKinds } from "../kinds/load-kinds.ts";
import { classifyArmError } from "./classify-arm-error.ts";
import { listSubscriptions } from "./list-subscriptions.ts";
import { scanArm, type PartialScan } from "./scan-arm.ts";
import { scanGraph } from "./scan-graph.ts";

export interface ScanRequest {
  readonly source: ScanSource;
  readonly subscriptionIds?: readonly string[] | undefined;
  readonly kinds?: readonly ResourceKindId[] | undefined;
  readonly concurrency: number;
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
  readonly onProgress?: (event: ScanProgress) => void;
}

export type ScanProgress =
  | { readonly phase: "subscriptions"; readonly total: number }
  | { readonly phase: "subscription-done"; readonly done: number; readonly total: number }
  | { readonly phase: "graph-page"; readonly rows: number };

export interface ScanOutcome {
  readonly scanId: number | null;
  readonly scannedAt: string;
  /** The source that produced the inventory (graph falls back to arm). */
  readonly source: ScanSource;
  readonly fallbackReason: string | null;
  readonly subscriptions: readonly SubscriptionRecord[];
  readonly resources: readonly Finding[];
  readonly errors: readonly ScanError[];
  readonly warnings: readonly ScanError[];
  readonly diff: SnapshotDiff | null;
  /** True when not one subscription could be read: the CLI exits non-zero only then. */
  readonly nothingScanned: boolean;
}

export interface ScanDeps {
  readonly clients: ArmClients;
  readonly store: Store;
  readonly now: () => Date;
}

/** Discovers subscriptions, scans them, applies the rules and stores the snapshot. Never writes to Azure. */
export async function runScan(deps: ScanDeps, req: ScanRequest): Promise<ScanOutcome> {
  const kinds = [...(await loadResourceKinds(req.kinds)).values()];
  const ruleOf = new Map(kinds.map((k) => [k.id, k.definition.tls]));
  const startedAt = deps.now().toISOString();
  const scanId = await deps.store.beginScan(req.source, startedAt);
  const signal = req.signal ?? new AbortController().signal;
  // One listener per subscription in flight hangs on this signal; more than 10 is expected, not a leak.
  setMaxListeners(0, signal);
  let subscriptions: SubscriptionRecord[];
  try {
    subscriptions = await listSubscriptions(deps.clients, req.subscriptionIds, signal);
  } catch (err) {
    const { code, detail } = classifyArmError(err, false);
    const errors = [{ subscriptionId: "*", code, message: detail }];
    await deps.store.failScan(scanId, errors, deps.now().toISOString());
    return empty(scanId, startedAt, req.source, errors);
  }
  await deps.store.upsertSubscriptions(subscriptions, startedAt);
  req.onProgress?.({ phase: "subscriptions", total: subscriptions.length });

  let done = 0;
  const armOptions = {
    concurrency: req.concurrency, timeoutMs: req.timeoutMs, signal,
    onSubscriptionDone: () => req.onProgress?.({ phase: "subscription-done", done: ++done, total: subscriptions.length }),
  };
  let partial: PartialScan;
  let source = req.source;
  let fallbackReason: string | null = null;
  if (req.source === "graph" && subscriptions.length > 0) {
    try {
      partial = await scanGraph(deps.clients, subscriptions, kinds, { ...armOptions, onPage: (rows) => req.onProgress?.({ phase: "graph-page", rows }) });
    } catch (err) {
      // Resource Graph unavailable (not registered, blocked, throttled past retries): the ARM path still works.
      const { code, detail } = classifyArmError(err, false);
      fallbackReason = `${code}: ${detail}`;
      source = "arm";
      partial = await scanArm(deps.clients, subscriptions, kinds, armOptions);
    }
  } else {
    partial = await scanArm(deps.clients, subscriptions, kinds, armOptions);
  }

  const book = deadlineBook(await deps.store.listRetirements());
  const now = deps.now();
  const resources = partial.observed.map((o) => evaluateFinding(o, book(o.type), now, ruleOf.get(o.kind)!));
  const finishedAt = deps.now().toISOString();
  const nothingScanned = subscriptions.length === 0 || partial.errors.length >= subscriptions.length;
  if (nothingScanned) {
    await deps.store.failScan(scanId, partial.errors, finishedAt);
    return { ...empty(scanId, startedAt, source, partial.errors), fallbackReason, subscriptions, warnings: partial.warnings };
  }
  // Asked for everything it can see, a subscription the inventory has resources in but the list no longer has (deleted,
  // moved to another tenant, or the identity's access removed) is reported like one that could not be read: its resources
  // stay as last seen, and reminders would go on naming them, so whoever runs tlsbot is told why.
  const errors = req.subscriptionIds?.length ? partial.errors : [...partial.errors, ...(await notVisibleAnyMore(deps.store, subscriptions))];
  const diff = await deps.store.completeScan(scanId, resources, errors,
    { subscriptionIds: subscriptions.map((s) => s.subscriptionId), types: kinds.flatMap((k) => k.definition.armTypes) }, finishedAt);
  return { scanId, scannedAt: startedAt, source, fallbackReason, subscriptions, resources, errors, warnings: partial.warnings, diff, nothingScanned };
}

async function notVisibleAnyMore(store: Store, listed: readonly SubscriptionRecord[]): Promise<ScanError[]> {
  const seen = new Set(listed.map((s) => s.subscriptionId.toLowerCase()));
  return (await store.inventorySubscriptions())
    .filter((s) => !seen.has(s.subscriptionId.toLowerCase()))
    .map((s) => ({ subscriptionId: s.subscriptionId, code: "not-visible", message: "not in the list of subscriptions (GET /subscriptions)" }));
}

function empty(scanId: number, scannedAt: string, source: ScanSource, errors: ScanError[]): ScanOutcome {
  return { scanId, scannedAt, source, fallbackReason: null, subscriptions: [], resources: [], errors, warnings: [], diff: null, nothingScanned: true };
}
