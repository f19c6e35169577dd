import type { TFunction } from "i18next";
import { dateIn } from "../conversation/find-due-window.ts";
import { formatDate } from "./format.ts";
import { kindName, kindUpgradeWrite } from "./kind-names.ts";
import type { Lang } from "./i18n.ts";
import type { Presented } from "./presented.ts";
import type { View } from "./view-model.ts";

type ApprovalView = Extract<View, { type: "approvalDialog" | "approvalStatus" | "approvalRefused" | "approvalList" | "auditTrail" }>;

/** Shows an actor key (`teams:<id>`, `slack:U…`, `web:local`) as a person would read it. */
export function actorLabel(key: string, t: TFunction): string {
  if (key === "web:local") return t("approvals:actor.local");
  if (key === "cli:tlsbot") return "tlsbot";
  return key;
}

type Dialog = Extract<View, { type: "approvalDialog" }>;

/**
 * Catalog side effects the dialog already states in its own words: read three times over, the warnings
 * that matter get skimmed. Irreversibility is the dialog's warning and acknowledgement; Redis's missing
 * client log is its evidence section, which also says what to do about it.
 */
function saidElsewhere(sideEffect: string, view: Dialog): boolean {
  if (sideEffect === "redisIrreversible") return view.reversible === false;
  if (sideEffect === "noServerSideTlsLog") return view.evidence.some((e) => e.key === "redisNoServerLog");
  return false;
}

const STATE_TONE = { requested: "warning", awaitingSecond: "warning", applying: "default", succeeded: "good", failed: "attention", cancelled: "default", expired: "default" } as const;

/** The approval views in one language: the dialog (with its inputs), the status card, refusals, lists. */
export function presentApproval(view: ApprovalView, lang: Lang, t: TFunction, timeZone: string, base: (title: string) => Presented): Presented {
  switch (view.type) {
    case "approvalDialog": {
      const r = view.row;
      const fact = (k: string, value: string) => ({ label: t(`approvals:dialog.facts.${k}`), value });
      // The list's "? (review)" mark reads as garbage inside a sentence: say that it is not known.
      const current = r.configuredTls ?? (r.effectiveTls === "unknown" ? t("approvals:dialog.unsetUnknown") : t("approvals:dialog.unset", { effective: r.effectiveTls }));
      const deadline = r.deadline && r.daysLeft !== null
        ? t("chat:deadline.value", { date: formatDate(r.deadline, lang), relative: r.daysLeft > 0 ? t("scan:daysLeft", { count: r.daysLeft }) : r.daysLeft === 0 ? t("scan:dueToday") : t("scan:daysOverdue", { count: -r.daysLeft }) })
        : t("chat:deadline.none");
      const write = kindUpgradeWrite(r.kind);
      const data = { approvalId: view.approvalId, token: view.token, resourceId: r.id, target: view.target, lang };
      return {
        ...base(t(view.step === "second" ? "approvals:dialog.titleSecond" : "approvals:dialog.title", { name: r.name })),
        subtitle: r.id,
        facts: [
          fact("resource", `${r.name} (${kindName(r.kind, lang)})`), fact("where", t("chat:list.where", { subscription: r.subscriptionName, resourceGroup: r.resourceGroup })),
          fact("change", t("approvals:dialog.change", { from: current, to: view.target })),
          // The value the write sets, as the service spells it (Application Gateway: the policy it switches to).
          ...(write ? [fact("writes", t("approvals:dialog.writes", write))] : []),
          fact("deadline", deadline),
          ...(view.requestedBy ? [fact("requestedBy", actorLabel(view.requestedBy, t))] : []),
          fact("expires", formatDate(dateIn(new Date(view.expiresAt), timeZone), lang)),
        ],
        bullets: [...view.sideEffects.filter((k) => !saidElsewhere(k, view)).map((k) => t(`catalog:sideEffects.${k}`)), ...view.evidence.map((e) => t(`approvals:evidence.${e.key}`, e.params ?? {}))],
        notes: [
          ...(view.needsSecond && view.step === "confirm" ? [t("approvals:dialog.needsSecond")] : []),
          ...(view.dryRun ? [t("approvals:dialog.dryRun")] : []),
        ],
        warning: view.problem ? t(`approvals:problem.${view.problem}`, { name: r.name }) : view.reversible === false ? t("approvals:dialog.irreversible") : t("approvals:dialog.impact"),
        inputs: [
          { kind: "toggle", id: "ack", heading: t("approvals:dialog.ackHeading"), label: t(view.reversible === false ? "approvals:dialog.ackIrreversible" : "approvals:dialog.ack"), error: t("approvals:problem.ackMissing", { name: r.name }) },
          { kind: "text", id: "typedName", label: t("approvals:dialog.typeName", { name: r.name }), placeholder: r.name, error: t("approvals:problem.nameMismatch", { name: r.name }) },
        ],
        actions: [
          { title: t(view.step === "second" ? "approvals:action.approveSecond" : "approvals:action.confirm", { version: view.target }), verb: "confirmUpgrade", data, style: "destructive" },
          { title: t("approvals:action.cancel"), verb: "cancelUpgrade", data, ignoreInputs: true },
        ],
        tone: "warning",
      };
    }
    case "approvalStatus": {
      const by = view.approvedBy.map((a) => view.names?.[a] ?? actorLabel(a, t)).join(", ");
      // Nothing was raised: "now requires" would read as a change just made. The title says it already did, the note what followed.
      const already = view.note === "alreadyCompliant";
      return {
        ...base(t(already ? "approvals:already.title" : `approvals:state.${view.state}`, { name: view.resourceName, version: view.target })),
        subtitle: view.resourceId || null,
        notes: [
          ...(already ? [t("approvals:already.note")] : view.note ? [t(`approvals:note.${view.note}`, { name: view.resourceName, version: view.target })] : []),
          ...(view.change ? [t("approvals:changed", { from: view.change.before ?? t("approvals:notSet"), to: view.change.after ?? view.target })] : []),
          ...(by ? [t("approvals:approvedBy", { names: by })] : []),
        ],
        warning: view.error ? t("approvals:failed", { code: view.error.code, message: view.error.message }) : null,
        tone: already ? "good" : STATE_TONE[view.state],
      };
    }
    case "approvalRefused":
      return { ...base(t("approvals:refused.title")), subtitle: t(`approvals:refused.${view.reason}`, { name: view.resourceName ?? "" }), tone: "attention" };
    case "approvalList":
      return {
        ...base(t("approvals:list.title", { count: view.items.length })),
        bullets: view.items.map((i) => t("approvals:list.item", { name: i.resourceName, state: t(`approvals:stateShort.${i.state}`), by: actorLabel(i.requestedBy, t) })),
        subtitle: view.items.length ? null : t("approvals:list.none"),
      };
    case "auditTrail":
      return {
        ...base(t("approvals:audit.title", { name: view.resourceName })),
        bullets: view.entries.map((e) => `${formatDate(dateIn(new Date(e.at), timeZone), lang)} ${e.at.slice(11, 16)}Z · ${actorLabel(e.actor, t)} · ${(e.action.startsWith("approval.") ? t(`approvals:audit.action.${e.action.slice("approval.".length)}`, { defaultValue: e.action }) : e.action)}${e.detail ? ` · ${e.detail}` : ""}`),
        subtitle: view.entries.length ? null : t("approvals:audit.none"),
      };
  }
}
