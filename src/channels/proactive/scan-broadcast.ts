import type { ScanOutcome } from "../../azure/scan/run-scan.ts";
import { daysUntil } from "../../domain/finding-status.ts";
import type { Finding } from "../../domain/resource.ts";
import type { ResourceRow, View } from "../../render/view-model.ts";
import type { ConversationRecord } from "../../store/store.ts";
import { inScopes } from "./poster.ts";

const ROWS = 20;

function row(f: Finding, subscriptionName: string, now: Date): ResourceRow {
  return {
    id: f.id, name: f.name, kind: f.kind, type: f.type, subscriptionName, resourceGroup: f.resourceGroup, location: f.location,
    effectiveTls: f.effectiveTls, configuredTls: f.configuredTls, status: f.status, deadline: f.deadline, daysLeft: f.deadline ? daysUntil(f.deadline, now) : null, reason: f.reason,
  };
}

/**
 * What a scan changed, for one conversation: resources that newly need action (found, or changed to
 * accept TLS 1.0/1.1) and resources fixed, within its scopes. Null when nothing changed there.
 */
export function scanBroadcast(outcome: ScanOutcome, now: Date): (c: ConversationRecord) => View | null {
  const changed = new Set([...(outcome.diff?.added ?? []), ...(outcome.diff?.changed ?? [])].map((id) => id.toLowerCase()));
  const names = new Map(outcome.subscriptions.map((s) => [s.subscriptionId.toLowerCase(), s.displayName]));
  const touched = outcome.resources.filter((f) => changed.has(f.id.toLowerCase()));
  return (c) => {
    const mine = touched.filter((f) => inScopes(c.scopes, f));
    const added = mine.filter((f) => f.status === "at-risk" || f.status === "overdue");
    const fixed = mine.filter((f) => f.status === "compliant" && (outcome.diff?.changed ?? []).some((id) => id.toLowerCase() === f.id.toLowerCase()));
    if (added.length === 0 && fixed.length === 0) return null;
    const toRow = (f: Finding) => row(f, names.get(f.subscriptionId.toLowerCase()) ?? f.subscriptionId, now);
    return { type: "findingsBroadcast", added: added.slice(0, ROWS).map(toRow), fixed: fixed.slice(0, ROWS).map(toRow), addedTotal: added.length, fixedTotal: fixed.length };
  };
}
