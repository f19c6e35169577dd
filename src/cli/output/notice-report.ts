import type { TFunction } from "i18next";
import type { ParsedNotice } from "../../notices/notice.ts";
import type { ChecklistItem } from "../../notices/apply/plan-retirement.ts";
import { evidenceOf, type RetirementEvidence } from "../../notices/apply/retirement-evidence.ts";
import type { NoticeRecord, RetirementRecord } from "../../store/store.ts";
import { serviceName } from "../../render/service-name.ts";

/** `parse-email --json`: the contract in ARCHITECTURE.md, plus what a reviewer needs (trust, evidence). */
export function parsedJson(file: string, n: ParsedNotice): Record<string, unknown> {
  return {
    file, messageId: n.messageId, subject: n.subject, from: n.from, language: n.language, trusted: n.trust.trusted,
    isRetirement: n.isRetirement, isTls: n.isTls, actionRequired: n.actionRequired,
    services: n.services, resourceTypes: n.resourceTypes, deadline: n.deadline, deadlineCandidates: n.deadlineCandidates ?? [], trackingId: n.trackingId,
    subscriptionIds: n.subscriptionIds, resourceIds: n.resourceIds, links: n.links,
    namedResourceTypes: n.namedResourceTypes, retiringResourceTypes: n.retiringResourceTypes, trust: n.trust.reason, confidence: n.confidence, fieldConfidence: n.fieldConfidence, tlsSecondOpinion: n.tlsSecondOpinion ?? null, forwarded: n.forwarded, originalFrom: n.originalFrom, date: n.date,
    evidence: n.evidence, warnings: n.warnings, cutOff: n.cutOff ?? false,
  };
}

export function parsedText(file: string, n: ParsedNotice, t: TFunction): string {
  const yn = (b: boolean) => t(b ? "notices:parse.yes" : "notices:parse.no");
  const none = t("notices:parse.none");
  const quote = (key: string) => (n.evidence[key] ? `\n${t("notices:parse.evidence", { text: n.evidence[key].text.replace(/\s+/g, " ").slice(0, 160) })}` : "");
  const service = (id: string) => serviceName(t, id);
  const lines = [
    `${t("notices:parse.file")}: ${file}`,
    `  ${t("notices:parse.subject")}: ${n.subject || none}`,
    `  ${t("notices:parse.from")}: ${n.from ?? none}`,
    `  ${t("notices:parse.trusted")}: ${yn(n.trust.trusted)} — ${t(`notices:trust.${n.trust.reason}`, { from: n.from ?? none })}`,
    `  ${t("notices:parse.language")}: ${n.language}`,
    `  ${t("notices:parse.tls")}: ${yn(n.isTls)}   ${t("notices:parse.actionRequired")}: ${yn(n.actionRequired)}${quote("isTls")}`,
    `  ${t("notices:parse.services")}: ${n.services.length ? n.services.map(service).join(", ") : none}${quote("services")}`,
    `  ${t("notices:parse.deadline")}: ${n.deadline ?? none}${quote("deadline")}`,
    // The days a person chooses from (several that tie, or the reader's day and the one a second reading picked).
    ...(n.deadlineCandidates?.length ? [`  ${t("notices:parse.deadlineCandidates")}: ${n.deadlineCandidates.join(", ")}`] : []),
    `  ${t("notices:parse.trackingId")}: ${n.trackingId ?? none}`,
  ];
  if (n.subscriptionIds.length) lines.push(`  ${t("notices:parse.subscriptions")}: ${n.subscriptionIds.join(", ")}`);
  if (n.resourceIds.length) lines.push(`  ${t("notices:parse.resources")}: ${n.resourceIds.length}`, ...n.resourceIds.slice(0, 20).map((r) => `    ${r}`));
  if (n.links.length) lines.push(`  ${t("notices:parse.links")}:`, ...n.links.slice(0, 10).map((l) => `    ${l}`));
  return lines.join("\n");
}

export function noticeLine(n: NoticeRecord, t: TFunction): string {
  const parsedSubject = typeof n.parsed?.["subject"] === "string" ? (n.parsed["subject"] as string).trim() : "";
  const subject = (parsedSubject || n.source.split(/[\\/]/).pop() || n.source).slice(0, 90);
  const line = t("notices:list.notice", {
    id: n.id, received: n.receivedAt.slice(0, 10), status: t(`notices:status.${n.status}`),
    reason: n.reason ? t(`notices:reason.${n.reason}`, { defaultValue: n.reason }) : "", subject,
  });
  // A held notice's days to choose from, for `accept-notice ID --deadline`: the reason says to pick one.
  const candidates = n.status === "triage" && Array.isArray(n.parsed?.["deadlineCandidates"]) ? (n.parsed["deadlineCandidates"] as unknown[]).filter((d): d is string => typeof d === "string") : [];
  return candidates.length ? `${line}
${t("notices:list.candidates", { dates: candidates.join(", ") })}` : line;
}

export function retirementLines(r: RetirementRecord, t: TFunction): string[] {
  const source = r.source === "catalog" ? t("notices:list.fromCatalog") : t("notices:list.fromNotice", { id: r.source.replace(/^notice:/, "") });
  const lines = [t("notices:list.retirement", { id: r.id, deadline: r.deadline, source })];
  const checklist = (r.data["checklist"] as ChecklistItem[] | undefined) ?? [];
  if (checklist.length) lines.push(t("notices:list.checklist", { done: checklist.filter((c) => c.done).length, total: checklist.length }));
  const evidence = evidenceOf(r);
  if (evidence.length) lines.push(t("notices:list.evidence"), ...evidence.flatMap((e) => evidenceLines(e, t)));
  return lines;
}

const EVIDENCE_KEY = { mail: "evidenceMail", serviceHealth: "evidenceServiceHealth", advisor: "evidenceAdvisor" } as const;
const RESOURCES_SHOWN = 5;

/** One source of a retirement; Advisor's impacted resources listed (the first few) under it. */
function evidenceLines(e: RetirementEvidence, t: TFunction): string[] {
  const tracking = e.trackingId ? t("notices:list.evidenceTracking", { id: e.trackingId }) : "";
  const resources = e.resourceIds ?? [];
  const head = t(`notices:list.${EVIDENCE_KEY[e.kind] ?? "evidenceMail"}`, {
    id: e.ref.replace(/^notice:/, ""), tracking, date: e.date ?? t("notices:parse.none"), count: resources.length,
  });
  const more = resources.length > RESOURCES_SHOWN ? [t("notices:list.evidenceMore", { count: resources.length - RESOURCES_SHOWN })] : [];
  return [head, ...resources.slice(0, RESOURCES_SHOWN).map((id) => t("notices:list.evidenceResource", { id })), ...more];
}
