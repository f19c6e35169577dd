import type { HeldNoticeSummary } from "../../render/view-model.ts";
import type { NoticeRecord } from "../../store/store.ts";
import { ADVISOR_PREFIX, SERVICE_HEALTH_PREFIX } from "../sources/source-kinds.ts";

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : []);
const stringOrNull = (v: unknown): string | null => (typeof v === "string" && v ? v : null);

/**
 * What a reviewer needs from a stored notice: the reader's findings as stored with it (the summary `processNotice`
 * keeps, without the text). A notice whose mail could not be parsed has none: its subject is unknown, and the
 * reason (`parseFailed`, `tooLarge`) says so.
 */
export function heldNoticeSummary(n: NoticeRecord): HeldNoticeSummary {
  const p = n.parsed ?? {};
  const evidence = (p["evidence"] ?? {}) as Record<string, { text?: unknown } | undefined>;
  const quote = stringOrNull(evidence["deadline"]?.text) ?? stringOrNull(evidence["isTls"]?.text);
  return {
    id: n.id,
    subject: stringOrNull(p["subject"]) ?? "",
    receivedAt: n.receivedAt,
    source: n.source.startsWith(SERVICE_HEALTH_PREFIX) ? "serviceHealth" : n.source.startsWith(ADVISOR_PREFIX) ? "advisor" : "mail",
    from: stringOrNull(p["from"]),
    // A notice not read yet (pending) has no reason; only a held one is shown with its own.
    reason: n.reason ?? "",
    isTls: p["isTls"] === true,
    deadline: stringOrNull(p["deadline"]),
    candidates: strings(p["deadlineCandidates"]),
    services: strings(p["services"]),
    trackingId: stringOrNull(p["trackingId"]),
    evidence: quote ? quote.replace(/\s+/g, " ").trim().slice(0, 200) : null,
  };
}
