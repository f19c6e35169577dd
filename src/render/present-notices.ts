import type { TFunction } from "i18next";
import { dateIn } from "../conversation/find-due-window.ts";
import { formatDate, relativeDays } from "./format.ts";
import { actorLabel } from "./present-approval.ts";
import type { Lang } from "./i18n.ts";
import type { Presented } from "./presented.ts";
import type { HeldNoticeSummary, View } from "./view-model.ts";
import { serviceName } from "./service-name.ts";

type NoticeView = Extract<View, { type: "noticeQueue" | "heldNotice" | "noticeDecision" | "heldNoticeDecided" }>;

/**
 * Why a notice is held, in chat words: the reasons that tell a CLI user to run `accept-notice` have a chat wording
 * (`chat:notices.reason.*`); every other reason reads as the CLI shows it.
 */
function reasonText(reason: string | null, t: TFunction): string {
  if (!reason) return "";
  return t([`chat:notices.reason.${reason}`, `notices:reason.${reason}`], { defaultValue: reason });
}

function subjectOf(n: HeldNoticeSummary, t: TFunction): string {
  return n.subject ? n.subject.slice(0, 160) : t("chat:notices.noSubject");
}

/** What the reader made of it, in one line: TLS or not, the services, the day or the days it could not choose between. */
function readingOf(n: HeldNoticeSummary, t: TFunction, lang: Lang): string {
  const parts = [t(n.isTls ? "chat:notices.readTls" : "chat:notices.readNotTls")];
  if (n.services.length) parts.push(n.services.map((id) => serviceName(t, id)).join(t("scan:listSeparator")));
  const others = n.deadline ? n.candidates.filter((d) => d !== n.deadline) : [];
  if (n.deadline && others.length) parts.push(t("chat:notices.readDeadlineOr", { date: formatDate(n.deadline, lang), others: others.map((d) => formatDate(d, lang)).join(t("scan:listSeparator")) }));
  else if (n.deadline) parts.push(t("chat:notices.readDeadline", { date: formatDate(n.deadline, lang) }));
  else if (n.candidates.length) parts.push(t("chat:notices.readCandidates", { dates: n.candidates.map((d) => formatDate(d, lang)).join(t("scan:listSeparator")) }));
  else parts.push(t("chat:notices.readNoDate"));
  if (n.trackingId) parts.push(`Tracking ID ${n.trackingId}`);
  return parts.join(t("scan:listSeparator"));
}

export function presentNotices(view: NoticeView, lang: Lang, t: TFunction, timeZone: string, base: (title: string) => Presented): Presented {
  const received = (n: HeldNoticeSummary) => formatDate(dateIn(new Date(n.receivedAt), timeZone), lang);
  switch (view.type) {
    case "noticeQueue":
      return {
        ...base(t("chat:notices.queueTitle", { count: view.total })),
        subtitle: view.total === 0 ? t("chat:notices.queueEmpty") : t("chat:notices.queueWhat"),
        bullets: view.items.map((n) => t("chat:notices.queueItem", { id: n.id, subject: subjectOf(n, t), date: received(n), reason: reasonText(n.reason, t), reading: readingOf(n, t, lang) })),
        notes: view.total > view.items.length ? [t("chat:notices.queueMore", { shown: view.items.length, total: view.total })] : [],
        actions: view.items.map((n) => ({ title: t("chat:notices.review", { id: n.id }), verb: "reviewNotice", data: { noticeId: n.id, lang } })),
        tone: view.total ? "warning" : "good",
      };
    case "heldNotice": {
      const n = view.notice;
      const fact = (k: string, value: string) => ({ label: t(`chat:notices.facts.${k}`), value });
      return {
        ...base(t(view.posted ? "chat:notices.postedTitle" : "chat:notices.heldTitle", { id: n.id })),
        subtitle: subjectOf(n, t),
        facts: [
          fact("received", `${received(n)} · ${t(`chat:notices.source.${n.source}`)}${n.from ? ` · ${n.from}` : ""}`),
          fact("why", reasonText(n.reason, t)),
          fact("reading", readingOf(n, t, lang)),
        ],
        notes: [
          ...(n.evidence ? [t("chat:broadcast.notice.quote", { text: n.evidence })] : []),
          t(n.deadline || n.candidates.length ? "chat:notices.howToDecide" : "chat:notices.howToDecideNoDate", { id: n.id }),
          t("chat:notices.whoDecides"),
        ],
        actions: view.actions.map((a) => (a.verb === "acceptNotice"
          ? { title: t("chat:notices.acceptOn", { date: formatDate(String(a.data["deadline"]), lang) }), verb: a.verb, data: a.data, style: "positive" as const }
          : { title: t("chat:notices.dismiss"), verb: a.verb, data: a.data })),
        tone: "warning",
      };
    }
    case "heldNoticeDecided": {
      const n = view.notice;
      const title = view.decision === "dismissed" ? "chat:notices.decidedDismissedTitle"
        : view.decision === "accepted" ? (view.status === "applied" ? "chat:notices.decidedAcceptedTitle" : "chat:notices.decidedSetAsideTitle")
          : "chat:notices.decidedOtherTitle";
      const by = view.by && view.at ? t("chat:notices.decidedBy", { name: view.byName ?? actorLabel(view.by, t), date: formatDate(dateIn(new Date(view.at), timeZone), lang) }) : null;
      return {
        ...base(t(title, { id: n.id })),
        subtitle: subjectOf(n, t),
        facts: [
          ...(by ? [{ label: t("chat:notices.facts.decidedBy"), value: by }] : []),
          { label: t("chat:notices.facts.received"), value: `${received(n)} · ${t(`chat:notices.source.${n.source}`)}${n.from ? ` · ${n.from}` : ""}` },
        ],
        bullets: view.retirements.map((r) => t("chat:notices.retirement", { service: serviceName(t, r.id), date: formatDate(r.deadline, lang), relative: relativeDays(r.daysLeft, t) })),
        notes: view.decision === "dismissed" ? [t("chat:notices.decidedDismissed")]
          : view.status === "applied" ? []
            : [view.decision ? reasonText(view.reason, t) : t("chat:notices.decidedOther", { status: t(`notices:status.${view.status}`, { defaultValue: view.status }) })].filter(Boolean),
        tone: view.status === "applied" || view.decision === "dismissed" ? "good" : "default",
      };
    }
    case "noticeDecision": {
      if (view.decision === "notHeld") {
        return {
          ...base(t("chat:notices.notHeldTitle", { id: view.noticeId })),
          subtitle: t(view.reason ? "chat:notices.notHeld" : "chat:notices.notHeldNoReason", { id: view.noticeId, status: t(`notices:status.${view.status}`, { defaultValue: view.status }), reason: reasonText(view.reason, t) }),
          tone: "default",
        };
      }
      if (view.decision === "dismissed") return { ...base(t("chat:notices.dismissedTitle", { id: view.noticeId })), subtitle: t("chat:notices.dismissed"), tone: "good" };
      const moved = view.status === "applied";
      // Accepted but still held (no service named, a date before the notice) or set aside (older than the deadline's notice).
      const title = moved ? "chat:notices.appliedTitle" : view.status === "triage" ? "chat:notices.acceptedHeldTitle" : "chat:notices.acceptedIgnoredTitle";
      return {
        ...base(t(title, { id: view.noticeId })),
        subtitle: view.status === "triage" ? t("chat:notices.acceptedHeld", { reason: reasonText(view.reason, t) }) : reasonText(view.reason, t),
        bullets: view.retirements.map((r) => t("chat:notices.retirement", { service: serviceName(t, r.id), date: formatDate(r.deadline, lang), relative: relativeDays(r.daysLeft, t) })),
        tone: moved ? "good" : "warning",
      };
    }
  }
}
