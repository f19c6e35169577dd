import type { ArmClients } from "../../../azure/arm-clients.ts";
import { queryAllPages } from "../../../azure/scan/scan-graph.ts";
import { azureFeedSource } from "../azure-feed-source.ts";
import type { MailSource } from "../mail-source.ts";
import { serviceHealthTime, type Advisory } from "./advisory.ts";
import { SERVICE_HEALTH_PREFIX } from "../source-kinds.ts";

const EVENTS_QUERY = "ServiceHealthResources | where type =~ 'microsoft.resourcehealth/events' | where properties.EventSubType =~ 'Retirement' | project id, name, subscriptionId, properties | order by id asc";
const IMPACTED_QUERY = "ServiceHealthResources | where type =~ 'microsoft.resourcehealth/events/impactedresources' | project id, subscriptionId, properties | order by id asc";

type Row = Record<string, unknown>;
const str = (v: unknown) => (typeof v === "string" ? v : typeof v === "number" ? String(v) : "");

/** Events come once per subscription that received them: merge by Tracking ID, impacted resources included. */
export function advisoriesFromRows(events: readonly Row[], impacted: readonly Row[]): Advisory[] {
  const byEventId = new Map<string, string[]>();
  for (const r of impacted) {
    const eventId = str(r["id"]).toLowerCase().split("/impactedresources/")[0] ?? "";
    const target = str((r["properties"] as Row | undefined)?.["targetResourceId"]);
    if (eventId && target) byEventId.set(eventId, [...(byEventId.get(eventId) ?? []), target]);
  }
  const byTracking = new Map<string, Advisory>();
  for (const r of events) {
    const p = (r["properties"] ?? {}) as Row;
    const trackingId = str(p["TrackingId"]) || str(r["name"]);
    if (!trackingId) continue;
    const prev = byTracking.get(trackingId);
    const lastUpdateTime = serviceHealthTime(p["LastUpdateTime"]);
    const resourceIds = byEventId.get(str(r["id"]).toLowerCase()) ?? [];
    byTracking.set(trackingId, {
      trackingId,
      eventType: str(p["EventType"]), eventSubType: str(p["EventSubType"]),
      title: str(p["Title"]), summary: str(p["Summary"]),
      impactStartTime: serviceHealthTime(p["ImpactStartTime"]),
      impactMitigationTime: serviceHealthTime(p["ImpactMitigationTime"]),
      lastUpdateTime: [prev?.lastUpdateTime ?? null, lastUpdateTime].filter((x): x is string => x !== null).sort().at(-1) ?? null,
      subscriptionIds: [...new Set([...(prev?.subscriptionIds ?? []), str(r["subscriptionId"])].filter(Boolean))],
      resourceIds: [...new Set([...(prev?.resourceIds ?? []), ...resourceIds])],
    });
  }
  return [...byTracking.values()].sort((a, b) => a.trackingId.localeCompare(b.trackingId));
}

/**
 * Azure Service Health retirement advisories through Resource Graph, for every subscription the identity
 * can list. An advisory is one notice per (Tracking ID, last update): an updated advisory is a new notice,
 * the same one polled again is a duplicate.
 */
export function serviceHealthSource(clients: ArmClients, configuredSubscriptions?: readonly string[]): MailSource {
  return azureFeedSource<Advisory>({
    name: "service-health",
    async read(c, subs, signal) {
      const events = (await queryAllPages(c, subs, EVENTS_QUERY, { signal })) as unknown as Row[];
      const impacted = (await queryAllPages(c, subs, IMPACTED_QUERY, { signal })) as unknown as Row[];
      return advisoriesFromRows(events, impacted);
    },
    message: (a) => ({ source: `${SERVICE_HEALTH_PREFIX}${a.trackingId}`, messageKey: `sh:${a.trackingId}:${a.lastUpdateTime ?? ""}`, receivedAt: a.lastUpdateTime }),
  }, clients, configuredSubscriptions);
}
