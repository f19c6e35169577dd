import { TlsbotError } from "../../domain/errors.ts";
import { daysUntil } from "../../domain/finding-status.ts";
import { shownName, type Actor } from "../../domain/approval.ts";
import type { HeldNoticeSummary } from "../../render/view-model.ts";
import type { NoticeRecord, Store } from "../../store/store.ts";
import type { ParseOptions } from "../parse-notice.ts";
import { heldNoticeSummary } from "./held-notice-summary.ts";

/** What a reviewer's decision did (see the `noticeDecision` view). */
export interface NoticeDecision {
  readonly noticeId: number;
  readonly decision: "accepted" | "dismissed";
  readonly status: NoticeRecord["status"];
  readonly reason: string | null;
  readonly retirements: ReadonlyArray<{ readonly id: string; readonly deadline: string; readonly daysLeft: number }>;
}

/**
 * Review of the notices the reader held for a person, from chat: what is waiting, and an accept or a dismissal by
 * someone allowed to move deadlines for the whole estate. The decisions are those of `tlsbot accept-notice`: one
 * transaction, audited under the reviewer's name, decided once.
 */
export interface NoticeReview {
  /** Whether this person may accept or dismiss notices (anyone may see what is waiting). */
  mayReview(actor: Actor): boolean;
  /** The oldest `limit` held notices (the first to deal with) and how many there are. */
  held(limit: number): Promise<{ readonly items: readonly HeldNoticeSummary[]; readonly total: number }>;
  /** One notice as a reviewer sees it, held or not (null: no such notice). */
  get(id: number): Promise<{ readonly notice: HeldNoticeSummary; readonly status: NoticeRecord["status"] } | null>;
  /** `deadline`: the day the reviewer read in the notice (null: the reader's own). */
  accept(actor: Actor, id: number, deadline: string | null): Promise<NoticeDecision>;
  dismiss(actor: Actor, id: number): Promise<NoticeDecision>;
}

export interface NoticeReviewDeps {
  readonly store: Store;
  readonly now: () => Date;
  /**
   * Who may decide: `platform:id` keys. A notice moves a deadline for every subscription, so these are the approvers
   * whose scope is everything (and the demo's own operator), never someone approved for one subscription only.
   */
  readonly reviewers: ReadonlySet<string>;
  readonly parseOptions: Pick<ParseOptions, "trustedSenders" | "maxBytes">;
}

export function createNoticeReview(deps: NoticeReviewDeps): NoticeReview {
  const key = (a: Actor) => `${a.platform}:${a.id}`;
  // Shown on cards beside the decision: as long as an approver's name on an approval card, no longer.
  const nameOf = shownName;
  // Checked here as well as by whoever asks: no path to a decision skips it.
  const allowed = (a: Actor) => {
    if (!deps.reviewers.has(key(a))) throw new TlsbotError("noticeReviewNotAllowed", {});
  };
  // The mail parser is loaded when a notice is first accepted, not when a chat process starts.
  const ingest = () => import("../ingest/ingest-message.ts");

  async function retirementsOf(notice: NoticeRecord, now: Date): Promise<NoticeDecision["retirements"]> {
    const found = await Promise.all(notice.retirementIds.map((id) => deps.store.getRetirement(id)));
    return found.flatMap((r) => (r ? [{ id: r.id, deadline: r.deadline, daysLeft: daysUntil(r.deadline, now) }] : []));
  }

  return {
    mayReview: (actor) => deps.reviewers.has(key(actor)),
    async held(limit) {
      // The oldest has waited longest.
      const [items, total] = await Promise.all([deps.store.listNotices({ status: ["triage"], limit, oldestFirst: true }), deps.store.countNotices(["triage"])]);
      return { items: items.map(heldNoticeSummary), total };
    },
    async get(id) {
      const n = await deps.store.getNotice(id);
      return n ? { notice: heldNoticeSummary(n), status: n.status } : null;
    },
    async accept(actor, id, deadline) {
      allowed(actor);
      const now = deps.now();
      const { acceptTriagedNotice } = await ingest();
      const r = await acceptTriagedNotice(deps.store, id, key(actor), { ...deps.parseOptions, now: deps.now, ...(deadline ? { deadline } : {}), actorName: nameOf(actor) });
      return { noticeId: id, decision: "accepted", status: r.notice.status, reason: r.notice.reason, retirements: await retirementsOf(r.notice, now) };
    },
    async dismiss(actor, id) {
      allowed(actor);
      const { dismissTriagedNotice } = await ingest();
      const n = await dismissTriagedNotice(deps.store, id, key(actor), deps.now(), nameOf(actor));
      return { noticeId: id, decision: "dismissed", status: n.status, reason: n.reason, retirements: [] };
    },
  };
}
