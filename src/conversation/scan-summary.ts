import type { ScanOutcome } from "../azure/scan/run-scan.ts";
import type { ScanSummary } from "./engine.ts";

export function scanSummary(o: ScanOutcome): ScanSummary {
  return {
    total: o.resources.length,
    needsAction: o.resources.filter((r) => r.status === "at-risk" || r.status === "overdue").length,
    errors: o.errors.length,
    added: o.diff?.added.length ?? 0, changed: o.diff?.changed.length ?? 0, removed: o.diff?.removed.length ?? 0,
    nothingScanned: o.nothingScanned,
  };
}
