import type { RetirementEvidence } from "../notices/apply/retirement-evidence.ts";
import type { RetirementEvidenceSummary } from "../render/view-model.ts";

/** Counts each kind of source once per notice; Advisor's evidence is its latest reading, not a sum of readings. */
export function summariseEvidence(evidence: readonly RetirementEvidence[]): RetirementEvidenceSummary {
  const refs = (kind: RetirementEvidence["kind"]) => new Set(evidence.filter((e) => e.kind === kind).map((e) => e.ref)).size;
  const advisor = evidence.filter((e) => e.kind === "advisor");
  const resources = new Set(advisor.flatMap((e) => (e.resourceIds ?? []).map((id) => id.toLowerCase())));
  const latest = [...advisor].sort((a, b) => a.at.localeCompare(b.at)).at(-1);
  return {
    mails: refs("mail"),
    advisories: refs("serviceHealth"),
    advisor: latest ? { resources: resources.size, date: latest.date } : null,
  };
}
