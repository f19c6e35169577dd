import { parseArmId, type ObservedResource } from "../../domain/resource.ts";
import type { ArmClients } from "../arm-clients.ts";
import type { KindDefinition } from "./kind-definition.ts";
import { isoOrNull, rawTlsOf, scopeFromId, str, tagsOf } from "./observed-fields.ts";
import type { EvidenceContext, EvidenceItem, GraphDetail, GraphRow, ResourceKind, UpgradeCapability } from "./resource-kind.ts";

/** What a kind reads from one payload, whichever source (SDK object or Resource Graph row) gave it. */
export interface Reading {
  readonly rawTls: unknown;
  readonly extra?: Record<string, unknown>;
  readonly createdAt?: unknown;
}

export interface ArmKindParts<Sdk> {
  /** Every resource of the kind in one subscription; the SDK's pager follows nextLink (GET only). */
  list(clients: ArmClients, subscriptionId: string, signal: AbortSignal): AsyncIterable<Sdk>;
  /** The TLS value and extras from an SDK object (SDKs flatten `properties`). */
  readSdk(resource: Sdk): Reading;
  /** The same from a Resource Graph row's `properties` (as ARM's REST payload nests them). */
  readGraph(properties: Record<string, unknown>, row: GraphRow): Reading;
  upgrade(fromSdk: (resource: Sdk) => ObservedResource | null): UpgradeCapability;
  evidence?(resourceId: string, ctx: EvidenceContext): Promise<readonly EvidenceItem[]>;
  graphDetail?: GraphDetail;
}

interface SdkResource {
  readonly id?: string | undefined;
  readonly name?: string | undefined;
  readonly location?: string | undefined;
  readonly tags?: Record<string, string> | undefined;
}

/**
 * One observed resource. Subscription and resource group come from the id, not Resource Graph's columns:
 * Graph lower-cases resourceGroup, and a finding must not change when only the scan source does.
 */
export function observe(def: KindDefinition, id: string, name: string, location: string, tags: unknown, reading: Reading): ObservedResource | null {
  const scope = scopeFromId(id);
  if (!scope) return null;
  // A kind may cover several types (SQL servers and managed instances): report the one Azure gave.
  const parsedType = parseArmId(id)?.type.toLowerCase();
  const type = def.armTypes.find((t) => t.toLowerCase() === parsedType) ?? def.armTypes[0];
  return {
    id, kind: def.id, type, name, ...scope, location,
    rawTls: rawTlsOf(reading.rawTls), createdAt: isoOrNull(reading.createdAt), tags: tagsOf(tags), extra: reading.extra ?? {},
  };
}

/** A ResourceKind from its definition and the few parts that differ between services. */
export function armKind<Sdk extends SdkResource>(def: KindDefinition, parts: ArmKindParts<Sdk>): ResourceKind & { fromSdk(r: Sdk): ObservedResource | null } {
  const fromSdk = (r: Sdk): ObservedResource | null => (r.id ? observe(def, r.id, r.name ?? r.id, r.location ?? "", r.tags, parts.readSdk(r)) : null);
  return {
    id: def.id,
    definition: def,
    fromSdk,
    async listInSubscription(clients, subscriptionId, signal) {
      const out: ObservedResource[] = [];
      for await (const r of parts.list(clients, subscriptionId, signal)) {
        const observed = fromSdk(r);
        if (observed) out.push(observed);
      }
      return out;
    },
    fromGraphRow(row) {
      const id = str(row.id);
      if (!id) return null;
      const props = row.properties && typeof row.properties === "object" ? (row.properties as Record<string, unknown>) : {};
      return observe(def, id, str(row.name) ?? id.split("/").pop() ?? id, str(row.location) ?? "", row.tags, parts.readGraph(props, row));
    },
    upgrade: parts.upgrade(fromSdk),
    evidence: parts.evidence ?? (async () => []),
    ...(parts.graphDetail ? { graphDetail: parts.graphDetail } : {}),
  };
}
