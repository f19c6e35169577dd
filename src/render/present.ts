import type { TFunction } from "i18next";
import type { ResourceFilter } from "../conversation/intent.ts";
import { dateIn } from "../conversation/find-due-window.ts";
import { wholeListFilters } from "../conversation/whole-list-filters.ts";
import { formatDate, formatMonth, relativeDays } from "./format.ts";
import { presentNotices } from "./present-notices.ts";
import { kindLabel, kindSettings, kindsPhrase } from "./kind-names.ts";
import { statusCounts, statusSummaryLine } from "./status-summary.ts";
import { presentApproval } from "./present-approval.ts";
import { presentDigest } from "./present-digest.ts";
import { translator, type Lang } from "./i18n.ts";
import type { Presented, PresentedRow } from "./presented.ts";
import type { AffectedScope, ResourceRow, RetirementSummary, View, ViewAction } from "./view-model.ts";
import type { ResourceKindId } from "../domain/resource.ts";
import { serviceName } from "./service-name.ts";

export type { Presented, PresentedRow } from "./presented.ts";

/** A compliant resource has met its deadline, whenever it was: "done", never "N days overdue". */
export function deadlineText(deadline: string | null, days: number | null, t: TFunction, lang: Lang, status?: ResourceRow["status"]): string {
  if (!deadline || days === null) return t("chat:deadline.none");
  if (status === "compliant") return t("chat:deadline.done", { date: formatDate(deadline, lang) });
  return t("chat:deadline.value", { date: formatDate(deadline, lang), relative: relativeDays(days, t) });
}

/** The effective version, marked as the service's default when nothing is configured (as the CLI shows it). */
export function tlsText(r: Pick<ResourceRow, "effectiveTls" | "configuredTls">, t: TFunction): string {
  if (r.effectiveTls === "unknown") return t("chat:tls.unknown");
  return r.configuredTls === null ? t("scan:tlsDefault", { version: r.effectiveTls }) : t("chat:tls.value", { version: r.effectiveTls });
}

/** Marks where a list title's parts meet, so spacing is decided there and never inside a part (a name as written). */
const JOINT = "\uE000";
const joint = (part: string) => (part ? `${JOINT}${part}${JOINT}` : "");
/** Japanese is spaced from a Latin word or number next to it (「未満の Redis キャッシュ」), as the locales write it. */
const JAPANESE_THEN_LATIN = /(?<=[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Han}ー])\uE000+(?=[A-Za-z0-9])/gu;

export function listTitle(f: ResourceFilter, scopeNames: readonly string[], t: TFunction, lang: Lang): string {
  const title = t("chat:list.title", listTitleParts(f, scopeNames, t, lang)).replace(JAPANESE_THEN_LATIN, " ").replaceAll(JOINT, "").trim();
  // A title that starts with a subscription's or resource group's name (「dev-sandbox のリソース」) keeps it as written.
  if (scopeNames.some((n) => title.startsWith(n))) return title;
  return title.charAt(0).toUpperCase() + title.slice(1);
}

/** A list's title with how many it holds, as its every page and its end say it. */
const countedListTitle = (v: { filter: ResourceFilter; scopeNames: readonly string[]; total: number }, t: TFunction, lang: Lang) =>
  `${listTitle(v.filter, v.scopeNames, t, lang)} — ${t("chat:list.count", { count: v.total })}`;

function listTitleParts(f: ResourceFilter, scopeNames: readonly string[], t: TFunction, lang: Lang): Record<"kinds" | "tls" | "status" | "scope" | "due", string> {
  const kinds = f.kinds?.length ? kindsPhrase(f.kinds, lang) : t("chat:list.kinds.any");
  const tls = f.tls ? t(`chat:list.tls.${f.tls.op}`, { version: f.tls.version }) : "";
  const joined = [...(f.statuses ?? [])].sort().join("+");
  const statusKey = f.statuses?.length ? (joined === "at-risk+overdue" || joined === "overdue+unknown" || joined === "at-risk+overdue+unknown" ? joined : f.statuses.length === 1 ? f.statuses[0] : "mixed") : null;
  const status = statusKey ? t(`chat:list.status.${statusKey}`) : "";
  const scope = scopeNames.length ? t(`chat:list.scope.${f.subscriptionIds?.length ? "subscription" : "resourceGroup"}`, { names: scopeNames.join(", ") }) : "";
  const due = f.due ? t(`chat:list.due.${f.due.label}`, { amount: f.due.amount ?? 0, date: f.due.date ? formatDate(f.due.date, lang) : "", month: f.due.date ? formatMonth(f.due.date, lang) : "" }) : "";
  const unset = f.unset ? t("chat:list.unset") : "";
  return { kinds: joint(kinds), tls: joint(`${tls}${unset}`), status: joint(status), scope: joint(scope), due: joint(due) };
}

function presentRow(r: ResourceRow, t: TFunction, lang: Lang): PresentedRow {
  return {
    id: r.id, name: r.name, where: t("chat:list.where", { subscription: r.subscriptionName, resourceGroup: r.resourceGroup }),
    tls: tlsText(r, t),
    status: t(`chat:status.${r.status}`), statusKey: r.status, deadline: deadlineText(r.deadline, r.daysLeft, t, lang, r.status),
  };
}

function action(a: ViewAction, t: TFunction, pageSize: number) {
  return { title: t(`chat:action.${a.label}`, { count: pageSize }), verb: a.verb, data: a.data };
}

/** Which sources spoke of a retirement; Advisor's own date is named only where it differs from the deadline. */
function evidenceParts(i: RetirementSummary, lang: Lang, t: TFunction): string[] {
  const e = i.evidence;
  const out: string[] = [];
  if (e.mails) out.push(t("chat:retirements.evidenceMails", { count: e.mails }));
  if (e.advisories) out.push(t("chat:retirements.evidenceAdvisories", { count: e.advisories }));
  if (e.advisor) {
    out.push(t("chat:retirements.evidenceAdvisor", { count: e.advisor.resources }));
    if (e.advisor.date && e.advisor.date !== i.deadline) out.push(t("chat:retirements.advisorDateDiffers", { date: formatDate(e.advisor.date, lang) }));
  }
  return out;
}

/** One button per open checklist item, numbered as the checklist lists them. */
function tickActions(retirementId: string, items: ReadonlyArray<{ key: string; done: boolean }>, t: TFunction, lang: Lang): Presented["actions"] {
  const service = serviceName(t, retirementId);
  return items.flatMap((i, n) => (i.done ? [] : [{ title: t("chat:checklist.tick", { n: n + 1, service }), verb: "tickChecklist", data: { retirementId, item: i.key, lang } }]));
}

/**
 * What to ask for a list (its own title, which reads back as the same filter), in a conversation's part of the tenant
 * when it follows part: asked there (or anywhere), the questions together list it. Empty when the scope names nothing.
 */
function wholeListQuestions(asked: ResourceFilter, scope: AffectedScope | null, t: TFunction, lang: Lang): string[] {
  return wholeListFilters(asked, scope).map((p) => listTitle(p.filter, p.names, t, lang));
}

/**
 * A post carries the first rows only: how many there are, and the question that lists them all. A reminder lists what
 * is at risk before the deadline and, after it, what is overdue or cannot be told; a notice always lists what is at
 * risk (or overdue), whenever it arrives. In a conversation that follows part of the tenant the question names that
 * part; a scope of subscriptions and resource groups both takes two questions, as a list narrows by one or the other.
 */
function moreNote(view: { type: "reminder" | "noticeBroadcast"; affected: readonly unknown[]; affectedTotal: number; affectedKinds: readonly ResourceKindId[]; affectedScope: AffectedScope | null; daysLeft: number }, t: TFunction, lang: Lang): string[] {
  if (view.affectedTotal <= view.affected.length) return [];
  const statuses: ResourceFilter["statuses"] = view.type === "reminder" && view.daysLeft < 0 ? ["overdue", "unknown"] : ["at-risk", "overdue"];
  const [question, other] = wholeListQuestions({ ...(view.affectedKinds.length ? { kinds: view.affectedKinds } : {}), statuses }, view.affectedScope, t, lang);
  if (question === undefined) return [];
  return [t(other === undefined ? "chat:broadcast.more" : "chat:broadcast.moreTwo", { shown: view.affected.length, total: view.affectedTotal, question, other })];
}

/**
 * A scan post's first rows of what newly needs action. No question lists only the new ones: the note says how many
 * there are, and offers the list that holds them with the rest of what needs action there, saying how long it is, so
 * nobody takes it for the same list.
 */
function newOnesNote(view: Extract<View, { type: "findingsBroadcast" }>, t: TFunction, lang: Lang): string[] {
  const list = view.addedList;
  if (!list || view.addedTotal <= view.added.length) return [];
  const [question, other] = wholeListQuestions({ ...(list.kinds.length ? { kinds: list.kinds } : {}), statuses: list.statuses }, list.scope, t, lang);
  if (question === undefined) return [];
  return [t(other === undefined ? "chat:broadcast.findings.more" : "chat:broadcast.findings.moreTwo", { shown: view.added.length, total: view.addedTotal, listed: list.total, question, other })];
}

const base = (lang: Lang, title: string): Presented => ({
  lang, title, subtitle: null, columns: null, rows: [], facts: [], bullets: [], notes: [], warning: null, actions: [], inputs: [], tone: "default", rowActionTitle: translator(lang)("chat:action.details"),
});

/** Errors that say where a thing can be done (this tlsbot or chat has no scan, approvals or subscriptions), not that it failed. */
const NOT_HERE: ReadonlySet<string> = new Set(["approvalsUnavailable", "auditUnavailable", "noticeReviewUnavailable", "scanUnavailable", "subscribeUnavailable"]);
/** Errors that say the person asking may not do this (someone else may). */
const NOT_ALLOWED: ReadonlySet<string> = new Set(["auditNotAllowed", "noticeReviewNotAllowed"]);
/** Errors that say there is nothing to answer from until a scan has run. */
const NOT_YET: ReadonlySet<string> = new Set(["noScanYet", "noScanYetCli"]);
/** Errors about the request as asked (an unknown name, a snooze without a length): the user can ask again. */
const AS_ASKED: ReadonlySet<string> = new Set(["actionUnknown", "checklistItemUnknown", "noticeDeadlineInvalid", "noticeUnknown", "resourceGroupAmbiguous", "resourceGroupUnknown", "resourceGroupUnknownNear", "resourceNameUnknown", "resourceUnknown", "retirementUnknown", "snoozeNeedsLength", "snoozeNoRetirement",
  "snoozeNotPositive", "snoozeNotSubscribed", "snoozeTooLong", "upgradeTargetUnsupported", "upgradeTargetAboveKind"]);

export function present(view: View, lang: Lang, opts: { pageSize?: number; timeZone?: string } = {}): Presented {
  const t = translator(lang);
  const timeZone = opts.timeZone ?? (lang === "ja" ? "Asia/Tokyo" : "UTC");
  const pageSize = opts.pageSize ?? 20;
  switch (view.type) {
    case "resourceList": {
      const notes: string[] = [];
      if (view.total > view.rows.length) notes.push(t("chat:list.showing", { from: view.offset + 1, to: view.offset + view.rows.length, total: view.total }));
      if (view.unknownTls > 0) notes.push(t("chat:list.unknownTls", { count: view.unknownTls }));
      const worst = view.rows[0]?.status;
      return {
        ...base(lang, countedListTitle(view, t, lang)),
        subtitle: view.total === 0 ? t("chat:list.none") : null,
        columns: view.total ? ["name", "tls", "status", "deadline"].map((c) => t(`chat:column.${c}`)) : null,
        rows: view.rows.map((r) => presentRow(r, t, lang)),
        notes,
        actions: view.actions.map((a) => action(a, t, pageSize)),
        tone: worst === "overdue" ? "attention" : worst === "at-risk" ? "warning" : view.total ? "good" : "default",
      };
    }
    case "listEnd":
      return {
        ...base(lang, countedListTitle(view, t, lang)),
        subtitle: t("chat:list.end", { count: view.total }),
      };
    case "resourceDetail": {
      const r = view.row;
      const fact = (k: string, value: string) => ({ label: t(`chat:detail.facts.${k}`), value });
      return {
        ...base(lang, t("chat:detail.title", { name: r.name })),
        subtitle: r.id,
        facts: [
          fact("kind", kindLabel(r.kind, lang)), fact("subscription", r.subscriptionName), fact("resourceGroup", r.resourceGroup), fact("location", r.location),
          fact("effectiveTls", r.effectiveTls === "unknown" ? t("scan:tlsUnknown") : r.effectiveTls), fact("configuredTls", r.configuredTls ?? t("chat:detail.notConfigured")),
          ...(r.rawTls !== undefined ? [fact("setting", `${kindSettings(r.kind).join(", ")}: ${r.rawTls ?? t("chat:detail.notConfigured")}`)] : []),
          ...(view.lowestSetting ? [fact("lowestSetting", t(`chat:detail.lowestSetting.${view.lowestSetting.setting}`, { ...view.lowestSetting, defaultValue: `${view.lowestSetting.setting} ${view.lowestSetting.name ?? ""} (TLS ${view.lowestSetting.version})` }))] : []),
          fact("status", t(`chat:status.${r.status}`)), fact("deadline", deadlineText(r.deadline, r.daysLeft, t, lang, r.status)),
          // An instant, so its date depends on where the reader is.
          ...(view.createdAt ? [fact("createdAt", formatDate(dateIn(new Date(view.createdAt), timeZone), lang))] : []),
          fact("why", t(`scan:reason.${r.reason}`, { defaultValue: r.reason })),
        ],
        bullets: [
          ...(view.governedBy ? [t("chat:detail.governedBy", { service: serviceName(t, view.governedBy.retirementId), date: formatDate(view.governedBy.deadline, lang) })] : []),
          ...view.sideEffects.map((k) => t(`catalog:sideEffects.${k}`)),
        ],
        notes: view.sideEffects.length ? [t("chat:detail.sideEffects")] : [],
        warning: view.reversible === false && r.status !== "compliant" ? t("chat:detail.irreversible") : null,
        actions: view.actions.map((a) => action(a, t, pageSize)),
        tone: r.status === "overdue" ? "attention" : r.status === "at-risk" ? "warning" : r.status === "compliant" ? "good" : "default",
      };
    }
    case "overview": {
      const scope = view.scopeNames.join(", ");
      const groups = view.resourceGroups ?? view.subscriptions;
      const worst = groups[0];
      const empty = scope ? t("chat:overview.emptyScope", { scope }) : t("chat:overview.empty");
      // One subscription's worst resource group is named with it: a resource group's name may repeat in another.
      const next = !worst || worst.counts.overdue + worst.counts["at-risk"] === 0 ? []
        : view.resourceGroups ? [t("chat:overview.nextGroup", { resourceGroup: worst.name, subscription: view.subscriptions[0]?.name ?? scope })]
        : [t("chat:overview.next", { subscription: worst.name })];
      return {
        ...base(lang, view.unmatched ? t("chat:overview.unmatchedTitle", { name: view.unmatched }) : scope ? t("chat:overview.scopeTitle", { scope }) : t("chat:overview.title")),
        subtitle: view.total === 0 ? empty : statusSummaryLine(view.counts, groups.length, t, view.resourceGroups ? "resourceGroupCount" : "subscriptionCount"),
        facts: groups.map((s) => ({ label: s.name, value: statusCounts(s.counts, t, true) })),
        notes: [
          ...(view.unreadable.length ? [t("chat:overview.unreadable", { count: view.unreadable.length, list: view.unreadable.map((u) => `${u.name} — ${t(`scan:errorCode.${u.code}`, { defaultValue: u.code })}`).join("; ") })] : []),
          ...next,
        ],
        tone: view.counts.overdue ? "attention" : view.counts["at-risk"] ? "warning" : view.total ? "good" : "default",
      };
    }
    case "retirements":
      return {
        ...base(lang, t("chat:retirements.title")),
        subtitle: view.kindsWithout?.length ? t("chat:retirements.noneFor", { kinds: kindsPhrase(view.kindsWithout, lang) }) : null,
        bullets: view.items.map((i) => {
          const service = serviceName(t, i.id);
          const parts = [t("chat:retirements.item", { service, deadline: `${formatDate(i.deadline, lang)} (${relativeDays(i.daysLeft, t)})` })];
          // "No scanned resource affected" would be untrue of resources another retirement governs: say where they are counted.
          if (i.scanned && (i.affected || !i.governedElsewhere.length)) parts.push(i.affected ? t("chat:retirements.affected", { count: i.affected }) : t("chat:retirements.noneAffected"));
          else if (!i.scanned && i.resourceTypes.length) parts.push(t("chat:retirements.notScanned"));
          for (const e of i.governedElsewhere) parts.push(t("chat:retirements.elsewhere", { count: e.count, service: serviceName(t, e.retirementId), date: formatDate(e.deadline, lang) }));
          if (i.checklist.length) parts.push(t("chat:retirements.checklist", { done: i.checklist.filter((c) => c.done).length, total: i.checklist.length }));
          if (i.trackingIds.length) parts.push(t("chat:retirements.trackingIds", { ids: i.trackingIds.join(", ") }));
          parts.push(i.source === "catalog" ? t("chat:retirements.fromCatalog") : t("chat:retirements.fromNotice", { id: i.source.replace(/^notice:/, "") }));
          const known = evidenceParts(i, lang, t);
          // An agent retirement (nothing to scan) lists what is still open on its checklist.
          const open = i.resourceTypes.length === 0 ? i.checklist.flatMap((c, n) => (c.done ? [] : [t("chat:checklist.openItem", { n: n + 1, text: t(`catalog:checklist.${c.key}`) })])) : [];
          const evidence = known.length ? [t("chat:retirements.knownFrom", { sources: known.join(t("scan:listSeparator")) })] : [];
          return [parts.join(t("scan:listSeparator")), ...evidence, ...open].join("\n");
        }),
      };
    case "checklist": {
      const service = serviceName(t, view.retirementId);
      const done = view.items.filter((i) => i.done).length;
      return {
        ...base(lang, t("chat:checklist.title", { service, done, total: view.items.length })),
        subtitle: view.ticked ? t("chat:checklist.ticked", { text: t(`catalog:checklist.${view.ticked}`) }) : t("chat:broadcast.notice.deadline", { date: formatDate(view.deadline, lang), relative: relativeDays(view.daysLeft, t) }),
        bullets: view.items.map((i, n) => (i.done
          ? t("chat:checklist.doneItem", { n: n + 1, text: t(`catalog:checklist.${i.key}`), date: i.doneAt ? formatDate(dateIn(new Date(i.doneAt), timeZone), lang) : "" })
          : t("chat:checklist.openItem", { n: n + 1, text: t(`catalog:checklist.${i.key}`) }))),
        notes: done === view.items.length ? [t("chat:checklist.allDone")] : [],
        actions: tickActions(view.retirementId, view.items, t, lang),
        tone: done === view.items.length ? "good" : view.daysLeft < 0 ? "attention" : "warning",
      };
    }
    case "help": {
      const examples = t("chat:help.examples").split("|");
      // Small talk is answered in kind ("Hello", "You're welcome"), then the examples.
      const title = view.reason === "greeting" || view.reason === "thanks" ? t(`chat:help.${view.reason}Title`) : t("chat:help.title");
      return { ...base(lang, title), subtitle: t(`chat:help.${view.reason}`), bullets: examples, actions: [] };
    }
    case "language":
      return { ...base(lang, t(`chat:language.${view.lang}`)), tone: "good" };
    case "scan":
      return {
        ...base(lang, t("chat:scan.done", { total: view.total, needsAction: view.needsAction })),
        subtitle: t("chat:scan.changes", { added: view.added, changed: view.changed, removed: view.removed }),
        notes: view.errors ? [t("chat:scan.errors", { count: view.errors })] : [],
        tone: view.needsAction ? "warning" : "good",
      };
    case "error":
      return {
        ...base(lang, t(NOT_HERE.has(view.code) ? "chat:error.notHereTitle" : AS_ASKED.has(view.code) ? "chat:error.asAskedTitle" : NOT_ALLOWED.has(view.code) ? "chat:error.notAllowedTitle"
          : NOT_YET.has(view.code) ? "chat:error.notScannedTitle" : "chat:error.title")),
        subtitle: t(`errors:${view.code}`, { ...view.params, defaultValue: t("errors:unexpected", { message: view.code }) }),
        tone: NOT_HERE.has(view.code) || AS_ASKED.has(view.code) || NOT_ALLOWED.has(view.code) || NOT_YET.has(view.code) ? "warning" : "attention",
      };
    case "subscription": {
      const scope = view.scopeNames.includes("*") ? t("chat:subscription.everything") : view.scopeNames.join(", ");
      return {
        ...base(lang, view.active ? t("chat:subscription.on", { scope, langs: t(`chat:subscription.langs.${view.langs}`) }) : t("chat:subscription.off")),
        subtitle: view.active ? t("chat:subscription.what") : null,
        bullets: view.snoozes.map((z) => z.retirementId
          ? t("chat:subscription.snoozedOne", { service: serviceName(t, z.retirementId), date: formatDate(z.until, lang) })
          : t("chat:subscription.snoozedAll", { date: formatDate(z.until, lang) })),
        tone: "good",
      };
    }
    case "noticeBroadcast": {
      const service = serviceName(t, view.retirementId, view.subject);
      const elsewhere = view.governedElsewhere ?? [];
      return {
        ...base(lang, t(`chat:broadcast.notice.${view.change}`, { service })),
        subtitle: view.previousDeadline && view.previousDeadline !== view.deadline
          ? t("chat:broadcast.notice.moved", { from: formatDate(view.previousDeadline, lang), to: formatDate(view.deadline, lang), relative: relativeDays(view.daysLeft, t) })
          : t("chat:broadcast.notice.deadline", { date: formatDate(view.deadline, lang), relative: relativeDays(view.daysLeft, t) }),
        columns: view.affected.length ? ["name", "tls", "status", "deadline"].map((c) => t(`chat:column.${c}`)) : null,
        rows: view.affected.map((r) => presentRow(r, t, lang)),
        notes: [
          ...(view.evidence ? [t("chat:broadcast.notice.quote", { text: view.evidence })] : []),
          ...(view.trackingId ? [t("chat:broadcast.notice.tracking", { id: view.trackingId })] : []),
          // "0 resources still need action" would be untrue of those another retirement governs: they are counted there.
          ...(view.affectedTotal > 0 || !elsewhere.length ? [t("chat:broadcast.affected", { count: view.affectedTotal })] : []),
          ...moreNote(view, t, lang),
          ...elsewhere.map((e) => t("chat:broadcast.notice.elsewhere", { count: e.count, service: serviceName(t, e.retirementId), date: formatDate(e.deadline, lang) })),
        ],
        tone: view.change === "advanced" ? "attention" : "warning",
      };
    }
    case "findingsBroadcast":
      return {
        ...base(lang, t("chat:broadcast.findings.title", { added: view.addedTotal, fixed: view.fixedTotal })),
        subtitle: view.addedTotal ? t("chat:broadcast.findings.added", { count: view.addedTotal }) : null,
        columns: view.added.length ? ["name", "tls", "status", "deadline"].map((c) => t(`chat:column.${c}`)) : null,
        rows: view.added.map((r) => presentRow(r, t, lang)),
        bullets: view.fixed.map((r) => t("chat:broadcast.findings.fixedItem", { name: r.name, where: t("chat:list.where", { subscription: r.subscriptionName, resourceGroup: r.resourceGroup }) })),
        notes: [
          ...newOnesNote(view, t, lang),
          ...(view.fixedTotal ? [t("chat:broadcast.findings.fixed", { count: view.fixedTotal })] : []),
          ...(view.since ? [t("chat:changes.since", { ...view.since, date: formatDate(dateIn(new Date(view.since.at), timeZone), lang) })] : []),
        ],
        tone: view.addedTotal ? "attention" : "good",
      };
    case "reminder":
      if (view.openItems) {
        const service = serviceName(t, view.retirementId);
        return {
          ...base(lang, t("chat:broadcast.reminder.title", { service, relative: relativeDays(view.daysLeft, t) })),
          subtitle: t("chat:checklist.stillOpen", { count: view.openItems.length }),
          bullets: view.openItems.map((k, n) => t("chat:checklist.openItem", { n: n + 1, text: t(`catalog:checklist.${k}`) })),
          actions: tickActions(view.retirementId, view.openItems.map((key) => ({ key, done: false })), t, lang),
          tone: view.daysLeft <= 7 ? "attention" : "warning",
        };
      }
      return {
        ...base(lang, t("chat:broadcast.reminder.title", { service: serviceName(t, view.retirementId), relative: relativeDays(view.daysLeft, t) })),
        subtitle: t("chat:broadcast.notice.deadline", { date: formatDate(view.deadline, lang), relative: relativeDays(view.daysLeft, t) }),
        columns: view.affected.length ? ["name", "tls", "status", "deadline"].map((c) => t(`chat:column.${c}`)) : null,
        rows: view.affected.map((r) => presentRow(r, t, lang)),
        notes: [t("chat:broadcast.affected", { count: view.affectedTotal }), ...moreNote(view, t, lang)],
        tone: view.daysLeft <= 7 ? "attention" : "warning",
      };
    case "reminderDone":
      return {
        ...base(lang, t("chat:broadcast.reminder.doneTitle", { service: serviceName(t, view.retirementId) })),
        subtitle: t("chat:broadcast.reminder.done", { date: formatDate(view.deadline, lang) }),
        tone: "good",
      };
    case "digest":
      return presentDigest(view, t, lang, timeZone, (title) => base(lang, title), (asked, scope) => wholeListQuestions(asked, scope, t, lang));
    case "approvalDialog":
    case "approvalStatus":
    case "approvalRefused":
    case "approvalList":
    case "auditTrail":
      return presentApproval(view, lang, t, timeZone, (title) => base(lang, title));
    case "noticeQueue":
    case "heldNotice":
    case "noticeDecision":
    case "heldNoticeDecided":
      return presentNotices(view, lang, t, timeZone, (title) => base(lang, title));
  }
}
