import { describe, expect, it } from "vitest";
import { findingsTable } from "../../src/cli/output/scan-report.ts";
import { translator } from "../../src/render/i18n.ts";
import { finding, SUB1 } from "../store/finding-fixture.ts";

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
