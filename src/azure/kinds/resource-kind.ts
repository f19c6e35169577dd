import type { ArmClients } from "../arm-clients.ts";
import type { ObservedResource, ResourceKindId } from "../../domain/resource.ts";

/** A row of Azure Resource Graph's `Resources` table, as tlsbot projects it. */
export interface GraphRow {
  readonly id?: unknown;
  readonly name?: unknown;
  readonly type?: unknown;
  readonly location?: unknown;
  readonly resourceGroup?: unknown;
  readonly subscriptionId?: unknown;
  readonly properties?: unknown;
  readonly tags?: unknown;
  readonly sku?: unknown;
  readonly systemData?: unknown;
}

/**
 * One scannable Azure resource kind. Adding a kind = a folder under src/azure/kinds/, this interface
 * implemented there, one line in registry.ts, and a rule in src/domain/effective-tls.ts.
 */
export interface ResourceKind {
  readonly id: ResourceKindId;
  /** ARM type as the catalog spells it. */
  readonly armType: string;
  /** Lists every resource of this kind in one subscription through the kind's SDK (all pages). */
  listInSubscription(clients: ArmClients, subscriptionId: string, signal: AbortSignal): Promise<ObservedResource[]>;
  /** Maps a Resource Graph row; null when the row is not usable (then it is reported, not guessed). */
  fromGraphRow(row: GraphRow): ObservedResource | null;
  /** Whether the effective TLS needs the creation time (fetched through `$expand=createdTime`). */
  needsCreatedTime(resource: ObservedResource): boolean;
}
