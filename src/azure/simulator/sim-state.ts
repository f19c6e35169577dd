import { createHash } from "node:crypto";
import { type Tenant, type TenantAdvisorRecommendation, type TenantResource, type TenantServiceHealthEvent, type TenantSubscription } from "./tenant.ts";

/** A resource as the simulator holds it: the tenant entry plus what writes changed. */
export interface SimResource {
  readonly subscriptionId: string;
  readonly type: string;
  readonly resourceGroup: string;
  readonly name: string;
  readonly location: string;
  readonly createdTime: string | undefined;
  readonly tags: Record<string, string>;
  readonly sku: Record<string, unknown> | undefined;
  properties: Record<string, unknown>;
  etag: string;
  /** Bumped on every accepted write, so etags change and tests can count writes. */
  version: number;
  /** Devices per TLS version in the Connections logs (IoT hubs). */
  readonly deviceTls: Readonly<Record<string, number>> | undefined;
  /** Changes to its Resource Graph row (tests of malformed rows); `null` removes a field. */
  readonly graphRow: Readonly<Record<string, unknown>> | undefined;
}

export interface SimSubscription {
  readonly subscriptionId: string;
  readonly displayName: string;
  readonly state: string;
  readonly access: TenantSubscription["access"];
  readonly resources: SimResource[];
  readonly serviceHealthEvents: TenantServiceHealthEvent[];
  readonly advisorRecommendations: TenantAdvisorRecommendation[];
}

const lower = (s: string) => s.toLowerCase();

function etagOf(r: Pick<SimResource, "subscriptionId" | "name" | "version">): string {
  return `"${createHash("sha256").update(`${r.subscriptionId}/${r.name}/${r.version}`).digest("hex").slice(0, 16)}"`;
}

function toSimResource(subscriptionId: string, r: TenantResource): SimResource {
  const base = {
    subscriptionId, type: r.type, resourceGroup: r.resourceGroup, name: r.name, location: r.location,
    createdTime: r.createdTime, tags: { ...(r.tags ?? {}) }, sku: r.sku ? { ...r.sku } : undefined,
    properties: structuredClone(r.properties), version: 1, deviceTls: r.deviceTls, graphRow: r.graphRow,
  };
  return { ...base, etag: etagOf(base) };
}

/** The simulated tenant's mutable state; lookups are case-insensitive as ARM's are. */
export class SimState {
  readonly tenantId: string;
  readonly subscriptions: SimSubscription[];
  readonly logAnalyticsWorkspaces: readonly string[];

  constructor(tenant: Tenant) {
    this.tenantId = tenant.tenantId;
    this.logAnalyticsWorkspaces = tenant.logAnalyticsWorkspaces;
    this.subscriptions = tenant.subscriptions.map((s) => ({
      subscriptionId: s.subscriptionId, displayName: s.displayName, state: s.state, access: s.access,
      resources: s.resources.map((r) => toSimResource(s.subscriptionId, r)),
      serviceHealthEvents: structuredClone(s.serviceHealthEvents),
      advisorRecommendations: structuredClone(s.advisorRecommendations),
    }));
  }

  subscription(id: string): SimSubscription | undefined {
    return this.subscriptions.find((s) => lower(s.subscriptionId) === lower(id));
  }

  resourcesOfType(sub: SimSubscription, type: string, resourceGroup?: string): SimResource[] {
    return sub.resources.filter((r) => lower(r.type) === lower(type) && (resourceGroup === undefined || lower(r.resourceGroup) === lower(resourceGroup)));
  }

  find(sub: SimSubscription, type: string, resourceGroup: string, name: string): SimResource | undefined {
    return this.resourcesOfType(sub, type, resourceGroup).find((r) => lower(r.name) === lower(name));
  }

  touch(r: SimResource): void {
    r.version += 1;
    r.etag = etagOf(r);
  }
}

export function armId(r: Pick<SimResource, "subscriptionId" | "resourceGroup" | "type" | "name">): string {
  // A child resource (`Microsoft.Web/sites/slots`, name `app/staging`) interleaves types and names.
  const [ns, ...types] = r.type.split("/");
  const names = r.name.split("/");
  if (types.length > 1 && names.length === types.length) {
    return `/subscriptions/${r.subscriptionId}/resourceGroups/${r.resourceGroup}/providers/${ns}/${types.map((t, i) => `${t}/${names[i]}`).join("/")}`;
  }
  return `/subscriptions/${r.subscriptionId}/resourceGroups/${r.resourceGroup}/providers/${r.type}/${r.name}`;
}

/**
 * The generic resources list. ARM is inconsistent about id casing across APIs; the simulator returns
 * `resourcegroups` lower-cased here so that callers must match ids case-insensitively, as they must on Azure.
 */
export function genericJson(r: SimResource, expandCreated: boolean): Record<string, unknown> {
  return {
    id: armId(r).replace("/resourceGroups/", "/resourcegroups/"),
    name: r.name, type: r.type, location: r.location, tags: r.tags,
    ...(r.sku ? { sku: r.sku } : {}),
    ...(expandCreated && r.createdTime ? { createdTime: r.createdTime, changedTime: r.createdTime } : {}),
  };
}

/** A Resource Graph `Resources` row: Graph lower-cases type and resource group. */
export function graphRow(tenantId: string, r: SimResource, kindJson: (r: SimResource) => Record<string, unknown> | null): Record<string, unknown> {
  const json = kindJson(r) ?? genericJson(r, false);
  const row: Record<string, unknown> = {
    id: armId(r), name: r.name, type: lower(r.type), tenantId, kind: typeof json["kind"] === "string" ? json["kind"] : "", location: r.location,
    resourceGroup: lower(r.resourceGroup), subscriptionId: r.subscriptionId, managedBy: "",
    sku: (json["sku"] as unknown) ?? null, plan: null,
    properties: (json["properties"] as unknown) ?? r.properties, tags: r.tags, identity: null, zones: null, extendedLocation: null,
  };
  for (const [k, v] of Object.entries(r.graphRow ?? {})) {
    if (v === null) delete row[k];
    else row[k] = v;
  }
  return row;
}
