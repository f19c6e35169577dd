import type { ParsedNotice } from "../../notice.ts";
import { noticeFromMail, type ParseOptions } from "../../parse-notice.ts";
import { htmlToText } from "../../mime/html-to-text.ts";
import { SERVICE_HEALTH_PREFIX } from "../source-kinds.ts";


/** One Service Health event (merged across the subscriptions that received it), as tlsbot stores it. */
export interface Advisory {
  readonly trackingId: string;
  readonly eventType: string;
  readonly eventSubType: string;
  readonly title: string;
  /** HTML, as Service Health writes it. */
  readonly summary: string;
  readonly impactStartTime: string | null;
  readonly impactMitigationTime: string | null;
  readonly lastUpdateTime: string | null;
  readonly subscriptionIds: readonly string[];
  readonly resourceIds: readonly string[];
}

/** Service Health times are epoch milliseconds (as numbers or strings); some tools give ISO strings. */
export function serviceHealthTime(v: unknown): string | null {
  if (typeof v === "number" || (typeof v === "string" && /^\d{10,}$/.test(v))) {
    const d = new Date(Number(v));
    return Number.isNaN(d.getTime()) ? null : d.toISOString();
  }
  if (typeof v === "string" && !Number.isNaN(Date.parse(v))) return new Date(v).toISOString();
  return null;
}

/**
 * An advisory read with the same extraction as a mail. It came from Azure over an authenticated ARM call,
 * so it is trusted as a Microsoft-signed mail would be; its Tracking ID and impacted resources come from
 * the event's fields, not from the text. When the text names no date, a retirement's mitigation time is
 * the date it takes effect.
 */
export function noticeFromAdvisory(a: Advisory, opts: ParseOptions = {}): ParsedNotice {
  const base = noticeFromMail({
    headers: new Map(), messageId: `${SERVICE_HEALTH_PREFIX}${a.trackingId}`, subject: a.title, from: null, fromName: "Azure Service Health",
    date: a.lastUpdateTime, body: htmlToText(a.summary), pasted: false, warnings: [],
  }, opts);
  const isRetirement = base.isRetirement || /retirement/i.test(a.eventSubType);
  const deadline = base.deadline ?? (isRetirement && base.isTls ? (a.impactMitigationTime?.slice(0, 10) ?? null) : null);
  const resourceIds = [...new Set([...a.resourceIds, ...base.resourceIds])];
  const subscriptionIds = [...new Set([...a.subscriptionIds, ...base.subscriptionIds])];
  return {
    ...base,
    isRetirement,
    deadline,
    trackingId: a.trackingId,
    resourceIds,
    subscriptionIds,
    trust: { trusted: true, authenticated: true, reason: "serviceHealth" },
    confidence: base.isTls && deadline ? "high" : base.confidence,
    // The event's own fields are structured: its Tracking ID is certain, and so is a mitigation time used as the date.
    fieldConfidence: { ...base.fieldConfidence, trackingId: 1, deadline: base.deadline ? base.fieldConfidence.deadline : deadline ? 0.9 : 0 },
  };
}
