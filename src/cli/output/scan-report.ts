import type { TFunction } from "i18next";
import { daysUntil, STATUS_SEVERITY } from "../../domain/finding-status.ts";
import type { Finding, FindingStatus } from "../../domain/resource.ts";
import type { ScanOutcome } from "../../azure/scan/run-scan.ts";
import { formatDate, renderTable } from "../../render/format.ts";
import type { Lang } from "../../render/i18n.ts";
import { kindLabel } from "../../render/kind-names.ts";
import { statusSummaryLine } from "../../render/status-summary.ts";


export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) => STATUS_SEVERITY[a.status] - STATUS_SEVERITY[b.status] || (a.deadline ?? "9999").localeCompare(b.deadline ?? "9999") || a.name.localeCompare(b.name),
  );
}

export function deadlineText(deadline: string | null, now: Date, t: TFunction, lang: Lang, status?: Finding["status"]): string {
  if (!deadline) return "—";
  if (status === "compliant") return t("chat:deadline.done", { date: formatDate(deadline, lang) });
  const days = daysUntil(deadline, now);
  const rel = days > 0 ? t("scan:daysLeft", { count: days }) : days === 0 ? t("scan:dueToday") : t("scan:daysOverdue", { count: -days });
  return `${formatDate(deadline, lang)} (${rel})`;
}

export function findingsTable(findings: readonly Finding[], subscriptionNames: ReadonlyMap<string, string>, now: Date, t: TFunction, lang: Lang): string {
  const headers = ["status", "tls", "name", "type", "subscription", "resourceGroup", "deadline"].map((k) => t(`scan:column.${k}`));
  // A fleet has thousands of rows but a handful of distinct statuses, TLS values, kinds and deadlines: each
  // text is translated once, not once per row (per-row i18next calls were most of a large report's
  // time and garbage).
  const text = memo<string>();
  const rows = sortFindings(findings).map((f) => [
    text(`s|${f.status}`, () => t(`scan:status.${f.status}`)),
    text(`t|${f.effectiveTls}|${f.configuredTls === null}`, () =>
      f.effectiveTls === "unknown" ? t("scan:tlsUnknown") : f.configuredTls === null ? t("scan:tlsDefault", { version: f.effectiveTls }) : f.effectiveTls),
    f.name,
    text(`k|${f.kind}`, () => kindLabel(f.kind, lang)),
    subscriptionNames.get(f.subscriptionId.toLowerCase()) ?? f.subscriptionId,
    f.resourceGroup,
    text(`d|${f.deadline}|${f.status}`, () => deadlineText(f.deadline, now, t, lang, f.status)),
  ]);
  return renderTable(headers, rows);
}

/** A cache of computed texts by key. */
function memo<V>(): (key: string, make: () => V) => V {
  const cache = new Map<string, V>();
  return (key, make) => {
    let value = cache.get(key);
    if (value === undefined) cache.set(key, (value = make()));
    return value;
  };
}

export function statusSummary(findings: readonly Finding[], subscriptionCount: number, t: TFunction): string {
  const counts: Record<FindingStatus, number> = { overdue: 0, "at-risk": 0, unknown: 0, compliant: 0 };
  for (const f of findings) counts[f.status]++;
  return statusSummaryLine(counts, subscriptionCount, t);
}

/**
 * How many of the listed subscriptions were read. Not the listed less the errors: an error may name a subscription the
 * list no longer has ("not-visible"), or one subscription twice.
 */
export function subscriptionsRead(outcome: Pick<ScanOutcome, "subscriptions" | "errors">): number {
  const failed = new Set(outcome.errors.map((e) => e.subscriptionId.toLowerCase()));
  return failed.has("*") ? 0 : outcome.subscriptions.filter((s) => !failed.has(s.subscriptionId.toLowerCase())).length;
}

/** The whole human-readable report: table, summary, then what could not be scanned and why. */
export function scanReport(outcome: ScanOutcome, now: Date, t: TFunction, lang: Lang): string {
  const names = new Map(outcome.subscriptions.map((s) => [s.subscriptionId.toLowerCase(), s.displayName]));
  const parts: string[] = [];
  parts.push(outcome.resources.length > 0 ? findingsTable(outcome.resources, names, now, t, lang) : t("scan:noResources"));
  parts.push("", statusSummary(outcome.resources, subscriptionsRead(outcome), t));
  if (outcome.fallbackReason) parts.push(t("scan:fallback", { reason: outcome.fallbackReason }));
  for (const [heading, list] of [["scan:errorsHeading", outcome.errors], ["scan:warningsHeading", outcome.warnings]] as const) {
    if (list.length === 0) continue;
    parts.push("", t(heading, { count: list.length }));
    for (const e of list) {
      const name = names.get(e.subscriptionId.toLowerCase());
      const who = e.subscriptionId === "*" ? t("scan:allSubscriptions") : name && name !== e.subscriptionId ? `${name} (${e.subscriptionId})` : e.subscriptionId;
      parts.push(`  • ${who}: ${t(`scan:errorCode.${e.code}`)} — ${e.message}`);
    }
  }
  return parts.join("\n");
}

/** The JSON contract of `scan --json` (ARCHITECTURE.md); extra fields are allowed, these must be there. */
export function scanJson(outcome: ScanOutcome, now: Date) {
  return {
    scannedAt: outcome.scannedAt,
    source: outcome.source,
    fallbackReason: outcome.fallbackReason,
    resources: sortFindings(outcome.resources).map((f) => ({
      id: f.id, type: f.type, name: f.name, subscriptionId: f.subscriptionId, resourceGroup: f.resourceGroup, location: f.location,
      configuredTls: f.configuredTls, effectiveTls: f.effectiveTls, status: f.status, deadline: f.deadline, retirementId: f.retirementId,
      daysLeft: f.deadline ? daysUntil(f.deadline, now) : null, rawTls: f.rawTls, createdAt: f.createdAt, reason: f.reason, tags: f.tags,
    })),
    errors: outcome.errors.map((e) => ({ subscriptionId: e.subscriptionId, code: e.code, message: e.message })),
    warnings: outcome.warnings,
    diff: outcome.diff,
  };
}
