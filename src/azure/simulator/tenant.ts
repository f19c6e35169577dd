import { readFile } from "node:fs/promises";
import { z } from "zod";

/** ARM types the simulator serves through their own resource providers (others appear only in generic lists and Resource Graph). */
export const SIM_REDIS_TYPE = "Microsoft.Cache/Redis";
export const SIM_IOTHUB_TYPE = "Microsoft.Devices/IotHubs";

const resourceSchema = z.object({
  type: z.string().regex(/^[A-Za-z0-9.]+(\/[A-Za-z0-9]+)+$/, "expected an ARM type such as Microsoft.Cache/Redis"),
  resourceGroup: z.string().min(1),
  name: z.string().min(1),
  location: z.string().min(1),
  /** ISO time; absent means ARM does not report one (old resources), which the scanner must treat as unknown. */
  createdTime: z.iso.datetime({ offset: true }).optional(),
  tags: z.record(z.string(), z.string()).optional(),
  sku: z.record(z.string(), z.unknown()).optional(),
  properties: z.record(z.string(), z.unknown()).default({}),
  /**
   * IoT hubs: devices per TLS version in the hub's Connections logs over the last 7 days, as the
   * simulated Log Analytics workspace answers for it (`{"1.0": 3, "1.2": 120}`).
   */
  deviceTls: z.record(z.string(), z.number().int().min(0)).optional(),
  /**
   * Resource Graph's row for this resource, changed (for tests of malformed rows): each field given replaces
   * the row's, `null` removes it (`{"id": null}`, `{"type": 42}`, `{"properties": "oops"}`).
   */
  graphRow: z.record(z.string(), z.unknown()).optional(),
});

/** A Service Health event as Resource Graph's ServiceHealthResources shows it (one row, plus one row per impacted resource). */
const serviceHealthEventSchema = z.object({
  trackingId: z.string().min(1),
  eventType: z.string().default("HealthAdvisory"),
  eventSubType: z.string().default("Retirement"),
  title: z.string().min(1),
  /** HTML, as Service Health writes it. */
  summary: z.string().default(""),
  impactStartTime: z.iso.datetime({ offset: true }),
  impactMitigationTime: z.iso.datetime({ offset: true }).optional(),
  lastUpdateTime: z.iso.datetime({ offset: true }),
  status: z.enum(["Active", "Resolved"]).default("Active"),
  /** ARM ids of the subscription's resources the event names. */
  impactedResources: z.array(z.string()).default([]),
});

/**
 * An Azure Advisor service-retirement recommendation for one resource, as Advisor reports it (category
 * HighAvailability, subcategory ServiceUpgradeAndRetirement): the simulator serves it both through
 * Resource Graph's `advisorresources` table and through `Microsoft.Advisor/recommendations`.
 */
const advisorRecommendationSchema = z.object({
  /** The recommendation's GUID name. */
  name: z.string().regex(/^[0-9a-f-]{36}$/i, "expected a GUID"),
  recommendationTypeId: z.string().regex(/^[0-9a-f-]{36}$/i, "expected a GUID"),
  /** ARM id of the impacted resource. */
  resourceId: z.string().regex(/^\/subscriptions\//i, "expected an ARM id"),
  category: z.string().default("HighAvailability"),
  subCategory: z.string().default("ServiceUpgradeAndRetirement"),
  impact: z.enum(["High", "Medium", "Low"]).default("High"),
  retirementFeatureName: z.string().default(""),
  /** `YYYY-MM-DD`, as Advisor writes it in extendedProperties. */
  retirementDate: z.string().default(""),
  /** Service Health Tracking IDs of the retirement, where the recommendation names them. */
  trackingIds: z.array(z.string()).default([]),
  problem: z.string().default(""),
  solution: z.string().default(""),
  lastUpdated: z.iso.datetime({ offset: true }),
});

const subscriptionSchema = z.object({
  subscriptionId: z.string().regex(/^[0-9a-f-]{36}$/i, "expected a GUID"),
  displayName: z.string().min(1),
  state: z.enum(["Enabled", "Disabled", "Warned", "PastDue", "Deleted"]).default("Enabled"),
  /** How the simulated identity fares on this subscription's resources: `forbidden` = 403, `not-found` = 404. */
  access: z.enum(["ok", "forbidden", "not-found"]).default("ok"),
  resources: z.array(resourceSchema).default([]),
  serviceHealthEvents: z.array(serviceHealthEventSchema).default([]),
  advisorRecommendations: z.array(advisorRecommendationSchema).default([]),
});

export const tenantSchema = z.object({
  tenantId: z.string().min(1),
  /** Log Analytics workspace ids the simulator answers queries for (the hubs' diagnostic logs go there). */
  logAnalyticsWorkspaces: z.array(z.string().min(1)).default([]),
  subscriptions: z.array(subscriptionSchema),
});

export type TenantInput = z.input<typeof tenantSchema>;
export type Tenant = z.output<typeof tenantSchema>;
export type TenantSubscription = Tenant["subscriptions"][number];
export type TenantResource = TenantSubscription["resources"][number];
export type TenantServiceHealthEvent = TenantSubscription["serviceHealthEvents"][number];
export type TenantAdvisorRecommendation = TenantSubscription["advisorRecommendations"][number];

export function parseTenant(input: unknown, origin = "tenant"): Tenant {
  const parsed = tenantSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${origin}: invalid tenant at ${issue?.path.join(".") ?? "?"}: ${issue?.message ?? "invalid"}`);
  }
  return parsed.data;
}

export async function loadTenantFile(path: string): Promise<Tenant> {
  return parseTenant(JSON.parse(await readFile(path, "utf8")), path);
}
