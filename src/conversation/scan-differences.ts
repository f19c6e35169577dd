import { daysUntil } from "../domain/finding-status.ts";
import type { Finding } from "../domain/resource.ts";
import type { AffectedScope, ResourceRow, View } from "../render/view-model.ts";
import type { ResourceChange } from "../store/store.ts";
import { toRow, type InventoryIndex } from "./inventory-index.ts";
import { wholeList } from "./whole-list.ts";

const ROWS = 20;
const needsAction = (f: Finding | null) => f !== null && (f.status === "at-risk" || f.status === "overdue");

/** What one scan changed that a person acts on: resources that newly need action, and resources fixed. */
export interface ScanDifferences {
  /** New, or changed to accept TLS 1.0/1.1. */
  readonly added: readonly Finding[];
  /** From needing action to compliant. */
  readonly fixed: readonly Finding[];
}

export function scanDifferences(changes: readonly ResourceChange[]): ScanDifferences {
  return {
    added: changes.filter((c) => c.after && needsAction(c.after) && !needsAction(c.before)).map((c) => c.after as Finding),
    fixed: changes.filter((c) => c.after?.status === "compliant" && needsAction(c.before)).map((c) => c.after as Finding),
  };
}

/**
 * The differences within `keep` (a conversation's scopes; everything for a question), as the view a scan post and the
 * answer to "what changed" share. Rows show the status the scan recorded; the list offered for the new ones left out
 * is counted in `idx` (the inventory as of now), within the places `scopeOf` names for them.
 */
export function differencesView(
  d: ScanDifferences, keep: (f: Finding) => boolean, subscriptionNames: ReadonlyMap<string, string>, now: Date,
  idx: InventoryIndex, scopeOf: (added: readonly ResourceRow[]) => AffectedScope | null,
): Extract<View, { type: "findingsBroadcast" }> {
  const row = (f: Finding) => toRow({
    finding: f, status: f.status, deadline: f.deadline, daysLeft: f.deadline ? daysUntil(f.deadline, now) : null,
    subscriptionName: subscriptionNames.get(f.subscriptionId.toLowerCase()) ?? f.subscriptionId,
  });
  const added = d.added.filter(keep).map(row);
  const fixed = d.fixed.filter(keep);
  return {
    type: "findingsBroadcast", added: added.slice(0, ROWS), fixed: fixed.slice(0, ROWS).map(row), addedTotal: added.length, fixedTotal: fixed.length,
    addedList: added.length > ROWS ? wholeList(idx, ["at-risk", "overdue"], [...new Set(added.map((r) => r.kind))], scopeOf(added)) : null,
  };
}
