import type { Lang } from "../render/i18n.ts";
import type { ResourceFilter } from "./intent.ts";
import { KIND_IDS } from "../azure/kinds/registry.ts";

/** The verbs tlsbot's own cards carry. Anything else came from somewhere else. */
export const CARD_VERBS = ["page", "resource", "approveUpgrade", "confirmUpgrade", "cancelUpgrade", "help", "tickChecklist", "reviewNotice", "acceptNotice", "dismissNotice"] as const;
export type CardVerb = (typeof CARD_VERBS)[number];

/** Longer than any ARM id (resource ids are bounded well below this); anything longer is not one. */
export const MAX_ID_LENGTH = 400;
const MAX_OFFSET = 1_000_000;
/** Notice ids are the store's serial numbers; a chat message names at most nine digits. */
const MAX_NOTICE_ID = 999_999_999;

export interface CardAction {
  readonly verb: CardVerb | "unknown";
  /** What an unknown verb is called in the answer: bounded, so an edited payload cannot grow the card. */
  readonly shownVerb: string;
  readonly data: {
    readonly lang?: Lang;
    readonly resourceId?: string;
    readonly offset?: number;
    readonly filter?: ResourceFilter;
    readonly approvalId?: string;
    readonly token?: string;
    readonly target?: string;
    /** The dialog's inputs, kept as sent (string, boolean, anything): the workflow judges them. */
    readonly ack?: unknown;
    readonly typedName?: unknown;
    /** A checklist item to tick: the retirement and the item's key (checked against the catalog by the engine). */
    readonly retirementId?: string;
    readonly item?: string;
    /** A held notice and the day its accept button carries (the reader's, or one of its candidates). */
    readonly noticeId?: number;
    readonly deadline?: string;
  };
}

/**
 * Card data is user input: a client may edit it before sending it back. Only known verbs and known,
 * bounded fields survive; everything else is dropped before the engine sees it.
 */
export function sanitizeAction(raw: { readonly verb: unknown; readonly data: unknown }): CardAction {
  const verb = typeof raw.verb === "string" && (CARD_VERBS as readonly string[]).includes(raw.verb) ? (raw.verb as CardVerb) : "unknown";
  const shownVerb = typeof raw.verb === "string" ? raw.verb.slice(0, 40) : "";
  const d = raw.data && typeof raw.data === "object" && !Array.isArray(raw.data) ? (raw.data as Record<string, unknown>) : {};
  const data: { -readonly [K in keyof CardAction["data"]]: CardAction["data"][K] } = {};
  if (d["lang"] === "ja" || d["lang"] === "en") data.lang = d["lang"];
  const id = d["resourceId"];
  if (typeof id === "string" && id.length <= MAX_ID_LENGTH && id.startsWith("/subscriptions/")) data.resourceId = id;
  const offset = Number(d["offset"] ?? 0);
  if (Number.isInteger(offset) && offset >= 0 && offset <= MAX_OFFSET) data.offset = offset;
  if (d["filter"] !== undefined) data.filter = sanitizeFilter(d["filter"]);
  const bounded = (v: unknown, max: number) => (typeof v === "string" && v.length <= max ? v : undefined);
  const approvalId = bounded(d["approvalId"], 64);
  if (approvalId) data.approvalId = approvalId;
  const token = bounded(d["token"], 64);
  if (token) data.token = token;
  const target = bounded(d["target"], 8);
  if (target) data.target = target;
  const retirementId = bounded(d["retirementId"], 64);
  if (retirementId) data.retirementId = retirementId;
  const item = bounded(d["item"], 64);
  if (item) data.item = item;
  const noticeId = Number(d["noticeId"]);
  if (Number.isInteger(noticeId) && noticeId > 0 && noticeId <= MAX_NOTICE_ID) data.noticeId = noticeId;
  const deadline = bounded(d["deadline"], 10);
  if (deadline && /^\d{4}-\d{2}-\d{2}$/.test(deadline)) data.deadline = deadline;
  // Inputs keep their type (the workflow refuses "yes", arrays, objects) but never their size.
  if (d["ack"] !== undefined) data.ack = typeof d["ack"] === "string" ? d["ack"].slice(0, 16) : typeof d["ack"] === "boolean" ? d["ack"] : null;
  if (d["typedName"] !== undefined) data.typedName = typeof d["typedName"] === "string" ? d["typedName"].slice(0, 300) : null;
  return { verb, shownVerb, data };
}

/** A filter from a card's data is user input: keep only known fields with valid values. */
export function sanitizeFilter(raw: unknown): ResourceFilter {
  if (!raw || typeof raw !== "object") return {};
  const r = raw as Record<string, unknown>;
  const strings = (v: unknown, ok: (s: string) => boolean) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string" && ok(x)).slice(0, 50) : undefined);
  const out: Record<string, unknown> = {};
  const kinds = strings(r["kinds"], (s) => KIND_IDS.includes(s));
  if (kinds?.length) out["kinds"] = kinds;
  const statuses = strings(r["statuses"], (s) => ["compliant", "at-risk", "overdue", "unknown"].includes(s));
  if (statuses?.length) out["statuses"] = statuses;
  const subs = strings(r["subscriptionIds"], (s) => /^[0-9a-z-]{1,64}$/i.test(s));
  if (subs?.length) out["subscriptionIds"] = subs;
  const groups = strings(r["resourceGroups"], (s) => s.length <= 90);
  if (groups?.length) out["resourceGroups"] = groups;
  const ids = strings(r["resourceIds"], (s) => s.startsWith("/subscriptions/") && s.length <= 400);
  if (ids?.length) out["resourceIds"] = ids;
  if (r["unset"] === true) out["unset"] = true;
  const tls = r["tls"] as { op?: unknown; version?: unknown } | undefined;
  if (tls && ["lt", "lte", "gt", "gte", "eq", "ne"].includes(String(tls.op)) && ["1.0", "1.1", "1.2", "1.3"].includes(String(tls.version))) out["tls"] = { op: tls.op, version: tls.version };
  const due = r["due"] as { from?: unknown; to?: unknown; label?: unknown; amount?: unknown } | undefined;
  const ymd = (v: unknown) => typeof v === "string" && /^\d{4}-\d{2}-\d{2}$/.test(v);
  const labels = ["today", "tomorrow", "thisWeek", "nextWeek", "thisMonth", "nextMonth", "thisYear", "soon", "upcoming", "days", "weeks", "months", "beforeDate", "byDate", "inMonth"];
  const d = due as { date?: unknown } | undefined;
  if (due && ymd(due.to) && (due.from === null || ymd(due.from))) {
    out["due"] = {
      from: due.from, to: due.to, label: typeof due.label === "string" && labels.includes(due.label) ? due.label : "upcoming",
      ...(typeof due.amount === "number" && Number.isFinite(due.amount) ? { amount: due.amount } : {}), ...(ymd(d?.date) ? { date: d?.date } : {}),
    };
  }
  return out as ResourceFilter;
}
