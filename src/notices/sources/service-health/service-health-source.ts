import type { ArmClients } from "../../../azure/arm-clients.ts";
import { listSubscriptions } from "../../../azure/scan/list-subscriptions.ts";
import { queryAllPages } from "../../../azure/scan/scan-graph.ts";
import { TlsbotError } from "../../../domain/errors.ts";
import { ingestMessage, type IngestResult } from "../../ingest/ingest-message.ts";
import type { IngestContext, MailSource, PollResult } from "../mail-source.ts";
import { SERVICE_HEALTH_PREFIX, serviceHealthTime, type Advisory } from "./advisory.ts";


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
  const name = "service-health";
  return {
    name,
    async poll(ctx: IngestContext): Promise<PollResult> {
      const signal = ctx.signal ?? new AbortController().signal;
      let advisories: Advisory[];
      try {
        const subs = (await listSubscriptions(clients, configuredSubscriptions, signal)).map((s) => s.subscriptionId);
        if (subs.length === 0) return { source: name, results: [] };
        const opts = { signal };
        const events = (await queryAllPages(clients, subs, EVENTS_QUERY, opts)) as unknown as Row[];
        const impacted = (await queryAllPages(clients, subs, IMPACTED_QUERY, opts)) as unknown as Row[];
        advisories = advisoriesFromRows(events, impacted);
      } catch (err) {
        throw new TlsbotError("mailSourceFailed", { source: name, reason: (err as Error).message }, { cause: err });
      }
      const results: IngestResult[] = [];
      for (const a of advisories) {
        const bytes = new TextEncoder().encode(JSON.stringify(a));
        results.push(await ingestMessage(ctx.store, {
          bytes, source: `${SERVICE_HEALTH_PREFIX}${a.trackingId}`, messageKey: `sh:${a.trackingId}:${a.lastUpdateTime ?? ""}`,
          receivedAt: a.lastUpdateTime ?? ctx.options.now().toISOString(),
        }, ctx.options));
      }
      return { source: name, results };
    },
  };
}
