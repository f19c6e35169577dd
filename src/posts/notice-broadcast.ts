import { heldNoticeView } from "../conversation/held-notice-view.ts";
import { governedElsewhere } from "../conversation/governed-elsewhere.ts";
import { inventoryRows, toRow } from "../conversation/inventory-index.ts";
import { daysUntil } from "../domain/finding-status.ts";
import type { IngestResult } from "../notices/ingest/ingest-message.ts";
import { heldNoticeSummary } from "../notices/review/held-notice-summary.ts";
import type { View } from "../render/view-model.ts";
import type { ConversationRecord, NoticeRecord, Store } from "../store/store.ts";
import { affectedScope } from "./affected-scope.ts";
import { inScopes } from "./poster.ts";

const ROWS = 20;

/**
 * For an applied notice that created or moved a retirement: the post each subscribed conversation gets,
 * with the resources in its scopes that the retirement affects. Null when the notice changed nothing.
 */
export async function noticeBroadcast(store: Store, result: Pick<IngestResult, "notice">, now: Date): Promise<((c: ConversationRecord) => View | null) | null> {
  // What the reader found, as stored with the notice (the same whichever process ingested it).
  const parsed = result.notice.parsed as { trackingId?: string | null; subject?: string; evidence?: Record<string, { text: string } | undefined> } | null;
  if (result.notice.status !== "applied" || !parsed || result.notice.retirementIds.length === 0) return null;
  const retirementId = result.notice.retirementIds[0] as string;
  const [retirement, history, retirements, subscriptions] = await Promise.all([
    store.getRetirement(retirementId), store.retirementHistory(retirementId), store.listRetirements(), store.listSubscriptions(),
  ]);
  if (!retirement) return null;
  const change = history.filter((h) => h.noticeId === result.notice.id).at(-1);
  // Evidence attached to a retirement (Advisor's impacted resources) moved no deadline: nothing to announce.
  if (change?.change === "evidence") return null;
  const kind = (change?.change ?? "confirmed") as "created" | "postponed" | "advanced" | "confirmed";
  const findings = retirement.resourceTypes.length ? await store.currentResources({ types: retirement.resourceTypes }) : [];
  const needing = inventoryRows(findings, subscriptions, retirements, now).filter((r) => r.status === "at-risk" || r.status === "overdue");
  // Listed under this notice's date only what it governs; resources of its types another retirement governs (an
  // earlier notice's, the catalog's) keep that deadline, and the post says so instead of listing them under this one.
  const rows = needing.filter((r) => r.retirementId === retirementId).map(toRow);
  return (c) => {
    const mine = rows.filter((r) => inScopes(c.scopes, r));
    return {
      type: "noticeBroadcast", retirementId, change: kind, deadline: retirement.deadline, previousDeadline: change?.before?.deadline ?? null,
      daysLeft: daysUntil(retirement.deadline, now), trackingId: parsed.trackingId ?? null, subject: parsed.subject ?? "",
      evidence: parsed.evidence?.["deadline"]?.text.replace(/\s+/g, " ").slice(0, 200) ?? null,
      affected: mine.slice(0, ROWS), affectedTotal: mine.length, affectedKinds: [...new Set(mine.map((r) => r.kind))],
      affectedScope: affectedScope(c.scopes, mine),
      governedElsewhere: governedElsewhere(needing.filter((r) => inScopes(c.scopes, r.finding)), retirementId),
    };
  };
}

/**
 * For a notice the reader held for a person: the post every subscribed conversation gets, with its accept and dismiss
 * buttons (a reviewer decides; anyone else is told who can). Null for a notice that is not held.
 */
export function heldNoticePost(result: Pick<IngestResult, "notice"> & { readonly duplicate?: boolean }): ((c: ConversationRecord) => View | null) | null {
  if (result.notice.status !== "triage" || result.duplicate) return null;
  const view = heldNoticeView(heldNoticeSummary(result.notice), null, true);
  return () => view;
}

/**
 * For a notice that was held and has left review since (accepted, dismissed, or set aside some other way): what its
 * posted card becomes — no buttons left, who decided and when (from the audit log), and the retirements it moved.
 * Null while it is still held.
 */
export async function decidedNoticePost(store: Store, notice: NoticeRecord, now: Date): Promise<((c: ConversationRecord) => View) | null> {
  if (notice.status === "triage") return null;
  const entries = await store.listAudit(50, { target: `notice:${notice.id}` });
  // Newest first: the decision that took it out of review.
  const decided = entries.find((a) => a.action === "notice.accept" || a.action === "notice.dismiss") ?? null;
  const found = notice.status === "applied" ? await Promise.all(notice.retirementIds.map((id) => store.getRetirement(id))) : [];
  const name = decided?.detail["name"];
  const view: View = {
    type: "heldNoticeDecided", notice: heldNoticeSummary(notice), status: notice.status, reason: notice.reason,
    decision: decided ? (decided.action === "notice.accept" ? "accepted" : "dismissed") : null,
    by: decided?.actor ?? null, byName: typeof name === "string" && name ? name : null, at: decided?.at ?? null,
    retirements: found.flatMap((r) => (r ? [{ id: r.id, deadline: r.deadline, daysLeft: daysUntil(r.deadline, now) }] : [])),
  };
  return () => view;
}
