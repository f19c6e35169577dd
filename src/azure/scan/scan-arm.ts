import type { ArmClients } from "../arm-clients.ts";
import type { ObservedResource } from "../../domain/resource.ts";
import type { ScanError, SubscriptionRecord } from "../../store/store.ts";
import type { ResourceKind } from "../kinds/resource-kind.ts";
import { mapBounded } from "./bounded-map.ts";
import { scanError } from "./classify-arm-error.ts";
import { fetchCreatedTimes, withCreatedTimes } from "./created-times.ts";
import { TimeoutError, withTimeout } from "./with-timeout.ts";

export interface PartialScan {
  readonly observed: ObservedResource[];
  /** Subscriptions that could not be listed: their previous inventory is kept. */
  readonly errors: ScanError[];
  /** Listed, but some detail (e.g. creation times) is missing: resources kept, shown as unknown. */
  readonly warnings: ScanError[];
  /** Subscriptions whose every requested kind was listed completely. */
  readonly scannedSubscriptions: string[];
}

export interface ArmScanOptions {
  readonly concurrency: number;
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
  readonly onSubscriptionDone?: (subscriptionId: string) => void;
}

/** One subscription: every kind through its SDK, then creation times where a rule needs them. */
export async function scanSubscriptionArm(clients: ArmClients, subscriptionId: string, kinds: readonly ResourceKind[], signal: AbortSignal): Promise<ObservedResource[]> {
  const lists = await Promise.all(kinds.map((k) => k.listInSubscription(clients, subscriptionId, signal)));
  return completeCreatedTimes(clients, subscriptionId, kinds, lists.flat(), signal);
}

export async function completeCreatedTimes(clients: ArmClients, subscriptionId: string, kinds: readonly ResourceKind[], observed: ObservedResource[], signal: AbortSignal): Promise<ObservedResource[]> {
  const byId = new Map(kinds.map((k) => [k.id, k]));
  const needing = observed.filter((r) => byId.get(r.kind)?.definition.tls.needsCreatedTime(r));
  if (needing.length === 0) return observed;
  const types = [...new Set(needing.map((r) => r.type))];
  return withCreatedTimes(observed, await fetchCreatedTimes(clients, subscriptionId, types, signal));
}

/**
 * The per-subscription path: bounded concurrency, a time limit per subscription, and one failing
 * subscription recorded in `errors` while the others go on. Only GET requests are sent.
 */
export async function scanArm(clients: ArmClients, subscriptions: readonly SubscriptionRecord[], kinds: readonly ResourceKind[], opts: ArmScanOptions): Promise<PartialScan> {
  const observed: ObservedResource[] = [];
  const errors: ScanError[] = [];
  const scannedSubscriptions: string[] = [];
  await mapBounded(subscriptions, opts.concurrency, async (sub) => {
    try {
      const found = await withTimeout(opts.timeoutMs, opts.signal, (signal) => scanSubscriptionArm(clients, sub.subscriptionId, kinds, signal));
      observed.push(...found);
      scannedSubscriptions.push(sub.subscriptionId);
    } catch (err) {
      errors.push(scanError(sub.subscriptionId, err, err instanceof TimeoutError));
    } finally {
      opts.onSubscriptionDone?.(sub.subscriptionId);
    }
  });
  return { observed, errors, warnings: [], scannedSubscriptions };
}
