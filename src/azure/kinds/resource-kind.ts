import type { ArmClients } from "../arm-clients.ts";
import type { DeviceTlsReader } from "../logs/device-tls-reader.ts";
import { parseArmId, type ObservedResource } from "../../domain/resource.ts";
import type { TlsVersion } from "../../domain/tls-version.ts";
import type { KindDefinition } from "./kind-definition.ts";

/** A row of Azure Resource Graph's `Resources` table, as tlsbot projects it. */
export interface GraphRow {
  readonly id?: unknown;
  readonly name?: unknown;
  readonly type?: unknown;
  readonly kind?: unknown;
  readonly location?: unknown;
  readonly resourceGroup?: unknown;
  readonly subscriptionId?: unknown;
  readonly properties?: unknown;
  readonly tags?: unknown;
  readonly sku?: unknown;
  readonly systemData?: unknown;
}

/**
 * How a `list-then-detail` kind is read on the Resource Graph path without listing it again through ARM:
 * its resources come from the `Resources` rows (as `list` kinds do), and `complete` fills in the setting
 * those rows lack — from the rows of `query` (another Resource Graph table) where they carry it, otherwise
 * with the per-resource ARM read, so a missing or incomplete row never reads as compliant.
 */
export interface GraphDetail {
  /** A Resource Graph query whose rows carry the setting (ids of the detail, e.g. `<site>/config/web`). */
  readonly query?: string;
  /**
   * One subscription's resources of this kind as the `Resources` rows gave them, completed. `side` holds
   * `query`'s rows by lower-cased id.
   */
  complete(clients: ArmClients, subscriptionId: string, found: readonly ObservedResource[], side: ReadonlyMap<string, GraphRow>, signal: AbortSignal): Promise<ObservedResource[]>;
}

/** Locale keys under `approvals:evidence.` with their parameters. */
export interface EvidenceItem {
  readonly key: string;
  readonly params?: Readonly<Record<string, string | number>>;
}

export interface EvidenceContext {
  /** Device TLS versions from Log Analytics, when a workspace is configured. */
  readonly deviceTls?: DeviceTlsReader;
  readonly onError?: (err: unknown) => void;
}

/**
 * The SDK half of one resource kind, loaded on demand from its definition (`definition.implementation`).
 * Build it with `armKind()` in `arm-kind.ts`, which supplies the shared listing and row mapping.
 */
export interface ResourceKind {
  readonly id: string;
  readonly definition: KindDefinition;
  /** Lists every resource of this kind in one subscription through the kind's SDK (all pages, GET only). */
  listInSubscription(clients: ArmClients, subscriptionId: string, signal: AbortSignal): Promise<ObservedResource[]>;
  /** Maps a Resource Graph row; null when the row is not usable (then it is reported, not guessed). */
  fromGraphRow(row: GraphRow): ObservedResource | null;
  /** Set when a `list-then-detail` kind can be listed from Resource Graph and completed per resource. */
  readonly graphDetail?: GraphDetail;
  /** Raising the minimum TLS version, for the approval workflow. */
  readonly upgrade: UpgradeCapability;
  /** What an approver can check before deciding (device TLS versions for a hub, guidance elsewhere). */
  evidence(resourceId: string, ctx: EvidenceContext): Promise<readonly EvidenceItem[]>;
}

export interface UpgradeCapability {
  /** Reads one resource now (the re-check before a write); null when it no longer exists. */
  read(clients: ArmClients, resourceId: string): Promise<ObservedResource | null>;
  /**
   * Starts the write and waits for it to finish. `onStarted` receives the long-running operation's
   * serialised poller as soon as Azure accepted the request, so a restarted process can `resume` it.
   * `signal` stops the waiting (a shutdown), never the write itself: the operation goes on in Azure.
   */
  apply(clients: ArmClients, resource: ObservedResource, target: TlsVersion, onStarted: (operation: string) => Promise<void>, signal?: AbortSignal): Promise<void>;
  /** Finishes an operation a previous process started. */
  resume(clients: ArmClients, resourceId: string, operation: string, signal?: AbortSignal): Promise<void>;
}

/** Resource group and name from an ARM id (the SDKs take them apart). */
export function groupAndName(resourceId: string): { subscriptionId: string; resourceGroup: string; name: string } {
  const parsed = parseArmId(resourceId);
  if (!parsed) throw new Error(`not an ARM resource id: ${resourceId.slice(0, 200)}`);
  return { subscriptionId: parsed.subscriptionId, resourceGroup: parsed.resourceGroup, name: parsed.name };
}

/** A 404 on read means the resource is gone, not that the read failed. */
export function isNotFound(err: unknown): boolean {
  return (err as { statusCode?: number }).statusCode === 404;
}

export const pollOptions = (clients: ArmClients) => (clients.connection.pollIntervalMs ? { updateIntervalInMs: clients.connection.pollIntervalMs } : {});
