import type { TFunction } from "i18next";
import type { Approval } from "../../domain/approval.ts";
import type { StoredAuditEntry } from "../../store/store.ts";
import { formatDate } from "../../render/format.ts";
import type { Lang } from "../../render/i18n.ts";
import { actorLabel } from "../../render/present-approval.ts";

/** Why Azure refused, when it did: the result of a failed write carries ARM's code and message. */
function failureOf(a: Approval): { code: string; message: string } | null {
  const code = a.result?.["code"];
  return a.state === "failed" && typeof code === "string" ? { code, message: String(a.result?.["message"] ?? "") } : null;
}

/**
 * `approvals --json`: one object per approval with a fixed set of fields. Tokens and the SDK poller's
 * state stay internal (a token is a credential; the poller state is only meaningful to a resume).
 */
export function approvalJson(a: Approval): Record<string, unknown> {
  return {
    id: a.id, resourceId: a.resourceId, resourceName: a.resourceName, kind: a.kind, target: a.target, state: a.state,
    requestedBy: a.requestedBy, approvedBy: [...a.approvedBy], needsSecond: a.needsSecond, dryRun: a.dryRun,
    conversationId: a.conversationId, createdAt: a.createdAt, updatedAt: a.updatedAt, expiresAt: a.expiresAt,
    failure: failureOf(a), note: typeof a.result?.["note"] === "string" ? a.result["note"] : null,
  };
}

/** An ISO time as an operator reads it; always UTC, so lines from different machines compare. */
export function cliTime(iso: string, lang: Lang): string {
  return `${formatDate(iso, lang)} ${iso.slice(11, 19)} UTC`;
}

export function approvalText(a: Approval, t: TFunction, lang: Lang, now: Date): string {
  const none = t("cli:approvals.none");
  const flags = [a.dryRun ? t("cli:approvals.dryRun") : null, a.needsSecond ? t("cli:approvals.twoPerson") : null].filter(Boolean).join(", ");
  const field = (key: string, value: string) => `  ${t(`cli:approvals.field.${key}`)}: ${value}`;
  const failure = failureOf(a);
  const note = typeof a.result?.["note"] === "string" ? t(`approvals:note.${a.result["note"]}`, { name: a.resourceName, version: a.target, defaultValue: "" }) : "";
  return [
    `${a.resourceName} — ${t(`approvals:stateShort.${a.state}`)}${flags ? ` (${flags})` : ""}`,
    field("id", a.id),
    field("resource", a.resourceId),
    field("requestedBy", `${actorLabel(a.requestedBy, t)}, ${cliTime(a.createdAt, lang)}`),
    field("approvedBy", a.approvedBy.length ? a.approvedBy.map((x) => actorLabel(x, t)).join(", ") : none),
    field("updated", cliTime(a.updatedAt, lang)),
    // Only a running `serve` closes lapsed requests; until then say so rather than show one as waiting.
    ...(a.state === "requested" || a.state === "awaitingSecond"
      ? [field("expires", `${cliTime(a.expiresAt, lang)}${a.expiresAt <= now.toISOString() ? ` ${t("cli:approvals.lapsed")}` : ""}`)]
      : []),
    ...(failure ? [`  ${t("approvals:failed", failure)}`] : []),
    ...(note ? [`  ${note}`] : []),
  ].join("\n");
}

/** An audit action as a person says it: the approval steps have words in both languages, others keep their name. */
export function auditActionLabel(action: string, t: TFunction): string {
  return action.startsWith("approval.") ? t(`approvals:audit.action.${action.slice("approval.".length)}`, { defaultValue: action }) : action;
}

export function auditLine(e: StoredAuditEntry, t: TFunction, lang: Lang, withTarget: boolean): string {
  const params = { seq: e.seq, at: cliTime(e.at, lang), actor: actorLabel(e.actor, t), action: auditActionLabel(e.action, t), detail: JSON.stringify(e.detail) };
  return withTarget ? t("cli:audit.line", { ...params, target: e.target ?? "-" }) : t("cli:audit.lineForResource", params);
}
