import type { TFunction } from "i18next";
import { dateIn } from "../conversation/find-due-window.ts";
import type { ResourceFilter } from "../conversation/intent.ts";
import { formatDate, relativeDays } from "./format.ts";
import type { Lang } from "./i18n.ts";
import type { Presented } from "./presented.ts";
import type { AffectedScope, DigestView } from "./view-model.ts";
import { serviceName } from "./service-name.ts";

/**
 * The weekly digest in one language: counts first (facts), then one line per item — notices waiting for review,
 * new notices, fixes, what is still affected per deadline (earliest first), upgrades done and pending. `questions`:
 * what to ask for a list, in the conversation's part of the tenant.
 */
export function presentDigest(view: DigestView, t: TFunction, lang: Lang, timeZone: string, base: (title: string) => Presented,
  questions: (asked: ResourceFilter, scope: AffectedScope | null) => string[]): Presented {
  const service = (id: string) => serviceName(t, id);
  const affectedTotal = view.affected.reduce((n, a) => n + a.atRisk + a.overdue + a.unknown, 0);
  const more = (shown: number, total: number) => (total > shown ? [t("chat:digest.more", { count: total - shown })] : []);
  const held = view.heldNotices;
  const bullets = [
    // Counted and read apart: a notice decided in between leaves the count without its oldest (read as this run).
    // One notice has its own sentence, not a plural form: Japanese has no singular, so "the oldest" would be said of one.
    ...(held.count ? [t(held.count === 1 ? "chat:digest.heldOne" : "chat:digest.heldMany", { count: held.count, date: formatDate(dateIn(new Date(held.oldestReceivedAt ?? view.until), timeZone), lang) })] : []),
    ...view.notices.map((n) => t("chat:digest.notice", { service: service(n.retirementId), date: formatDate(n.deadline, lang), relative: relativeDays(n.daysLeft, t) })),
    ...view.fixed.map((r) => t("chat:broadcast.findings.fixedItem", { name: r.name, where: t("chat:list.where", { subscription: r.subscriptionName, resourceGroup: r.resourceGroup }) })),
    ...more(view.fixed.length, view.fixedTotal),
    ...view.affected.map((a) => t("chat:digest.affected", {
      service: service(a.retirementId), count: a.atRisk + a.overdue + a.unknown, date: formatDate(a.deadline, lang), relative: relativeDays(a.daysLeft, t),
      breakdown: [
        ...(a.atRisk ? [t("chat:digest.atRisk", { count: a.atRisk })] : []),
        ...(a.overdue ? [t("chat:digest.overdue", { count: a.overdue })] : []),
        ...(a.unknown ? [t("chat:digest.unknown", { count: a.unknown })] : []),
      ].join(t("chat:digest.separator")),
    })),
    ...view.upgradesDone.map((u) => t("chat:digest.upgraded", { name: u.resourceName })),
    ...more(view.upgradesDone.length, view.upgradesDoneTotal),
    ...view.upgradesPending.map((u) => t("chat:digest.pending", { name: u.resourceName, state: t(`approvals:stateShort.${u.state}`) })),
    ...more(view.upgradesPending.length, view.upgradesPendingTotal),
  ];
  const overdue = view.affected.some((a) => a.overdue > 0);
  return {
    ...base(t("chat:digest.title", { from: formatDate(dateIn(new Date(view.since), timeZone), lang), to: formatDate(dateIn(new Date(view.until), timeZone), lang) })),
    facts: [
      { label: t("chat:digest.facts.notices"), value: String(view.notices.length) },
      { label: t("chat:digest.facts.fixed"), value: String(view.fixedTotal) },
      { label: t("chat:digest.facts.affected"), value: String(affectedTotal) },
      { label: t("chat:digest.facts.upgradesDone"), value: String(view.upgradesDoneTotal) },
      { label: t("chat:digest.facts.upgradesPending"), value: String(view.upgradesPendingTotal) },
      ...(held.count ? [{ label: t("chat:digest.facts.heldNotices"), value: String(held.count) }] : []),
    ],
    bullets,
    // All clear only where nothing needs action at all: resources with no known deadline are not counted above, but listed.
    notes: view.affectedList ? askNote(view.affectedList, t, questions) : [t("chat:digest.allClear")],
    tone: overdue ? "attention" : affectedTotal || view.affectedList || held.count ? "warning" : "good",
  };
}

/**
 * What to ask for the list of what the digest counts as still affected, in the conversation's part of the tenant, and
 * how many more that list shows: asked there, it lists the counted ones and those.
 */
function askNote(list: DigestView["affectedList"], t: TFunction, questions: (asked: ResourceFilter, scope: AffectedScope | null) => string[]): string[] {
  const [question, other] = list ? questions({ ...(list.kinds.length ? { kinds: list.kinds } : {}), statuses: list.statuses }, list.scope) : [];
  if (!list || question === undefined) return [];
  return [
    t(other === undefined ? "chat:digest.ask" : "chat:digest.askTwo", { question, other }),
    ...(list.uncovered > 0 ? [t("chat:digest.uncovered", { count: list.uncovered })] : []),
  ];
}
