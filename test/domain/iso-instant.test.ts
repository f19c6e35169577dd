import { describe, expect, it } from "vitest";
import { parseIsoInstant } from "../../src/domain/iso-instant.ts";

describe("parseIsoInstant", () => {
  it("reads ISO 8601 days and date-times with or without seconds, fraction and offset", () => {
    expect(parseIsoInstant("2026-12-01")).toBe(Date.UTC(2026, 11, 1));
    expect(parseIsoInstant("2026-12-01T09:00:00Z")).toBe(Date.UTC(2026, 11, 1, 9));
    expect(parseIsoInstant("2026-12-01T09:00Z")).toBe(Date.UTC(2026, 11, 1, 9));
    expect(parseIsoInstant("2026-12-01T18:00:00.000+09:00")).toBe(Date.UTC(2026, 11, 1, 9));
    expect(parseIsoInstant("2028-02-29")).toBe(Date.UTC(2028, 1, 29));
  });

  it("refuses what Date.parse would read as some other day", () => {
    for (const s of ["0", "1", "1 Jan", "March 7", "2026", "2026-06", "2026-02-30", "2027-02-29T00:00:00Z", "2026-13-01", "2026-12-01T25:00Z", "１２", "", "garbage"]) {
      expect(parseIsoInstant(s), s).toBeNull();
    }
  });
});
