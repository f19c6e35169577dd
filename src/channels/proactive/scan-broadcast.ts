import { daysUntil } from "../../domain/finding-status.ts";
import type { Finding } from "../../domain/resource.ts";
import type { ResourceRow, View } from "../../render/view-model.ts";
import type { ConversationRecord, ResourceChange } from "../../store/store.ts";
import { inScopes } from "./poster.ts";

const ROWS = 20;
const needsAction = (f: Finding | null) => f !== null && (f.status === "at-risk" || f.status === "overdue");

function row(f: Finding, subscriptionName: string, now: Date): ResourceRow {
  return {
    id: f.id, name: f.name, kind: f.kind, type: f.type, subscriptionName, resourceGroup: f.resourceGroup, location: f.location,
    effectiveTls: f.effectiveTls, configuredTls: f.configuredTls, status: f.status, deadline: f.deadline, daysLeft: f.deadline ? daysUntil(f.deadline, now) : null, reason: f.reason,
  };
}

/**
 * What one scan changed, for one conversation: resources that newly need action (new, or changed to
 * accept TLS 1.0/1.1) and resources fixed (from needing action to compliant), within its scopes. Built
 * from the stored history, so a scan run by the CLI or another replica is posted the same way.
 */
export function scanBroadcast(changes: readonly ResourceChange[], subscriptionNames: ReadonlyMap<string, string>, now: Date): (c: ConversationRecord) => View | null {
  const added = changes.filter((c) => c.after && needsAction(c.after) && !needsAction(c.before)).map((c) => c.after as Finding);
  const fixed = changes.filter((c) => c.after?.status === "compliant" && needsAction(c.before)).map((c) => c.after as Finding);
  const toRow = (f: Finding) => row(f, subscriptionNames.get(f.subscriptionId.toLowerCase()) ?? f.subscriptionId, now);
  return (c) => {
    const mineAdded = added.filter((f) => inScopes(c.scopes, f));
    const mineFixed = fixed.filter((f) => inScopes(c.scopes, f));
    if (mineAdded.length === 0 && mineFixed.length === 0) return null;
    return { type: "findingsBroadcast", added: mineAdded.slice(0, ROWS).map(toRow), fixed: mineFixed.slice(0, ROWS).map(toRow), addedTotal: mineAdded.length, fixedTotal: mineFixed.length };
  };
}
