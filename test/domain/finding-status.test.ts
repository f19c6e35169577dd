import { describe, expect, it } from "vitest";
import { daysUntil, findingStatus } from "../../src/domain/finding-status.ts";

describe("findingStatus", () => {
  const deadline = "2025-03-01";
  it("is at-risk before the deadline and overdue from its first instant", () => {
    expect(findingStatus("1.0", deadline, new Date("2025-02-28T23:59:59Z"))).toBe("at-risk");
    expect(findingStatus("1.0", deadline, new Date("2025-03-01T00:00:00Z"))).toBe("overdue");
    expect(findingStatus("1.1", deadline, new Date("2026-01-01T00:00:00Z"))).toBe("overdue");
  });
  it("counts 1.2 and 1.3 compliant regardless of the date", () => {
    expect(findingStatus("1.2", deadline, new Date("2030-01-01T00:00:00Z"))).toBe("compliant");
    expect(findingStatus("1.3", deadline, new Date("2030-01-01T00:00:00Z"))).toBe("compliant");
  });
  it("keeps unknown unknown, and at-risk without a known deadline", () => {
    expect(findingStatus("unknown", deadline, new Date("2030-01-01T00:00:00Z"))).toBe("unknown");
    expect(findingStatus("1.0", null, new Date("2030-01-01T00:00:00Z"))).toBe("at-risk");
  });
  it("counts days left and overdue", () => {
    expect(daysUntil(deadline, new Date("2025-02-27T12:00:00Z"))).toBe(2);
    expect(daysUntil(deadline, new Date("2025-03-01T00:00:00Z"))).toBe(0);
    expect(daysUntil(deadline, new Date("2025-03-11T00:00:00Z"))).toBe(-10);
  });
});
