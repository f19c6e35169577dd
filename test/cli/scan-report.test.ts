import { describe, expect, it } from "vitest";
import { findingsTable, scanReport } from "../../src/cli/output/scan-report.ts";
import type { ScanOutcome } from "../../src/azure/scan/run-scan.ts";
import { translator } from "../../src/render/i18n.ts";
import { finding, SUB1, SUB2 } from "../store/finding-fixture.ts";

const NOW = new Date("2026-11-26T03:00:00Z");

describe("the findings table (scan, demo)", () => {
  it("capitalises every kind in its column as a cell starts, storage accounts too, and keeps Japanese as written", () => {
    const findings = [
      finding("redis-a"),
      finding("stacct", { id: `/subscriptions/${SUB1}/resourceGroups/rg-a/providers/Microsoft.Storage/storageAccounts/stacct`, kind: "storage", type: "Microsoft.Storage/storageAccounts", retirementId: "storage-tls10-11" }),
    ];
    const names = new Map([[SUB1, "prod"]]);
    const en = findingsTable(findings, names, NOW, translator("en"), "en");
    expect(en).toContain("  Storage account  ");
    expect(en).toContain("  Redis cache  ");
    expect(en).not.toMatch(/storage account/);
    expect(findingsTable(findings, names, NOW, translator("ja"), "ja")).toContain("  ストレージ アカウント  ");
  });
});

describe("the scan report's summary", () => {
  it("counts the subscriptions read, not those listed less every error: one no longer visible was never among those listed", () => {
    const outcome: ScanOutcome = {
      scanId: 2, scannedAt: NOW.toISOString(), source: "arm", fallbackReason: null, warnings: [], diff: null, nothingScanned: false,
      subscriptions: [{ subscriptionId: SUB1, displayName: "prod", state: "Enabled" }, { subscriptionId: SUB2, displayName: "stg", state: "Enabled" }],
      resources: [finding("redis-a")],
      errors: [{ subscriptionId: "33333333-3333-4333-a333-333333333333", code: "not-visible", message: "not in the list of subscriptions (GET /subscriptions)" }],
    };
    expect(scanReport(outcome, NOW, translator("en"), "en")).toContain("1 resource in 2 subscriptions");
    // One that was listed and could not be read is not counted, whatever number of errors it had.
    const failed = { ...outcome, errors: [{ subscriptionId: SUB2, code: "forbidden", message: "403" }, { subscriptionId: SUB2, code: "throttled", message: "429" }] };
    expect(scanReport(failed, NOW, translator("en"), "en")).toContain("1 resource in 1 subscription");
  });
});
