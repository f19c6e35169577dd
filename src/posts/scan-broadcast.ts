import { daysUntil } from "../domain/finding-status.ts";
import type { Finding } from "../domain/resource.ts";
import { toRow } from "../conversation/inventory-index.ts";
import type { View } from "../render/view-model.ts";
import type { ConversationRecord, ResourceChange } from "../store/store.ts";
import { inScopes } from "./poster.ts";

const ROWS = 20;
const needsAction = (f: Finding | null) => f !== null && (f.status === "at-risk" || f.status === "overdue");

/**
 * What one scan changed, for one conversation: resources that newly need action (new, or changed to
 * accept TLS 1.0/1.1) and resources fixed (from needing action to compliant), within its scopes. Built
 * from the stored history, so a scan run by the CLI or another replica is posted the same way; rows show
 * the status the scan recorded.
 */
export function scanBroadcast(changes: readonly ResourceChange[], subscriptionNames: ReadonlyMap<string, string>, now: Date): (c: ConversationRecord) => View | null {
  const added = changes.filter((c) => c.after && needsAction(c.after) && !needsAction(c.before)).map((c) => c.after as Finding);
  const fixed = changes.filter((c) => c.after?.status === "compliant" && needsAction(c.before)).map((c) => c.after as Finding);
  const row = (f: Finding) => toRow({
    finding: f, status: f.status, deadline: f.deadline, daysLeft: f.deadline ? daysUntil(f.deadline, now) : null,
    subscriptionName: subscriptionNames.get(f.subscriptionId.toLowerCase()) ?? f.subscriptionId,
  });
  return (c) => {
    const mineAdded = added.filter((f) => inScopes(c.scopes, f));
    const mineFixed = fixed.filter((f) => inScopes(c.scopes, f));
    if (mineAdded.length === 0 && mineFixed.length === 0) return null;
    return { type: "findingsBroadcast", added: mineAdded.slice(0, ROWS).map(row), fixed: mineFixed.slice(0, ROWS).map(row), addedTotal: mineAdded.length, fixedTotal: mineFixed.length };
  };
}
