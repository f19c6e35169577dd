import type { SimSubscription } from "./sim-state.ts";

// Service Health writes times into ServiceHealthResources as epoch milliseconds (queries wrap them in
// todatetime(tolong(x))), and its property names are PascalCase unlike the rest of ARM.
const epochMs = (iso: string | undefined) => (iso ? String(Date.parse(iso)) : null);

/** The `ServiceHealthResources` rows of one subscription: each event, then its impacted resources. */
export function serviceHealthRows(tenantId: string, sub: SimSubscription): Record<string, unknown>[] {
  return sub.serviceHealthEvents.flatMap((e) => {
    const eventId = `/subscriptions/${sub.subscriptionId}/providers/Microsoft.ResourceHealth/events/${e.trackingId}`;
    const event = {
      id: eventId, name: e.trackingId, type: "microsoft.resourcehealth/events", tenantId, subscriptionId: sub.subscriptionId,
      kind: "", location: "global", resourceGroup: "", properties: {
        EventType: e.eventType, EventSubType: e.eventSubType, TrackingId: e.trackingId, Title: e.title, Summary: e.summary,
        Status: e.status, ImpactStartTime: epochMs(e.impactStartTime), ImpactMitigationTime: epochMs(e.impactMitigationTime),
        LastUpdateTime: epochMs(e.lastUpdateTime), EventLevel: "Informational", Priority: 20,
      },
    };
    const impacted = e.impactedResources.map((rid, i) => ({
      id: `${eventId}/impactedResources/${String(i + 1).padStart(4, "0")}`, name: String(i + 1).padStart(4, "0"),
      type: "microsoft.resourcehealth/events/impactedresources", tenantId, subscriptionId: sub.subscriptionId,
      kind: "", location: "global", resourceGroup: "", properties: {
        targetResourceId: rid, targetResourceType: /\/providers\/([^/]+\/[^/]+)\//i.exec(rid)?.[1] ?? "", targetRegion: "",
        resourceName: rid.split("/").pop() ?? "", resourceGroup: /\/resourceGroups\/([^/]+)/i.exec(rid)?.[1] ?? "",
      },
    }));
    return [event, ...impacted];
  });
}
