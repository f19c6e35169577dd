import { describe, expect, it } from "vitest";
import { deadlineBook } from "../../src/catalog/deadline-book.ts";
import { RETIREMENTS, retirementForType } from "../../src/catalog/lookup.ts";
import { KIND_DEFINITIONS } from "../../src/azure/kinds/registry.ts";

describe("retirement catalog", () => {
  it("has the dates the product owner's documents give", () => {
    expect(retirementForType("Microsoft.Cache/redis")?.deadline).toBe("2025-03-01");
    expect(retirementForType("microsoft.devices/iothubs")?.deadline).toBe("2025-08-31");
    expect(retirementForType("Microsoft.Storage/storageAccounts")?.deadline).toBe("2026-02-03");
    expect(retirementForType("Microsoft.Web/sites")?.deadline).toBe("2027-05-31");
  });

  it("gives every entry a source for every date, newest last, and a scan kind where tlsbot scans it", () => {
    for (const r of RETIREMENTS) {
      expect(r.history.length, r.id).toBeGreaterThan(0);
      expect(r.history.at(-1)?.date, r.id).toBe(r.deadline);
      for (const h of r.history) {
        expect(h.url, r.id).toMatch(/^https:\/\//);
        expect(h.date, r.id).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      }
      const dates = r.history.map((h) => h.date);
      expect([...dates].sort(), r.id).toEqual(dates);
    }
    // A kind names a retirement the catalog has, or none at all (null: no retirement announced).
    const withRetirement = KIND_DEFINITIONS.filter((d) => d.retirementId !== null);
    expect(withRetirement.map((d) => RETIREMENTS.find((r) => r.id === d.retirementId)?.id)).toEqual(withRetirement.map((d) => d.retirementId));
  });

  it("marks Redis irreversible with a failover, and gives agents a checklist", () => {
    const redis = retirementForType("Microsoft.Cache/redis");
    expect(redis?.reversible).toBe(false);
    expect(redis?.sideEffects).toContain("redisFailover");
    const mars = RETIREMENTS.find((r) => r.id === "backup-mars-tls10-11");
    expect(mars?.checklist.length).toBeGreaterThan(2);
    expect(mars?.resourceTypes).toEqual([]);
  });

  it("lets a trusted notice's deadline override the catalog, but not a catalog-sourced row", () => {
    const book = deadlineBook([
      { id: "redis-tls10-11", deadline: "2025-04-01", source: "notice:abc" },
      { id: "iothub-tls10-11", deadline: "2030-01-01", source: "catalog" },
    ]);
    expect(book("microsoft.cache/REDIS")).toEqual({ id: "redis-tls10-11", deadline: "2025-04-01" });
    expect(book("Microsoft.Devices/IotHubs")?.deadline).toBe("2025-08-31");
    expect(book("Microsoft.Unknown/things")).toBeNull();
  });

  it("gives a type no catalog retirement covers the earliest deadline a trusted notice created for it; a covered type keeps the catalog's", () => {
    const book = deadlineBook([
      { id: "tracking-LATE-1", deadline: "2027-09-01", source: "notice:8", resourceTypes: ["Microsoft.DBforPostgreSQL/flexibleServers"] },
      { id: "tracking-SOON-2", deadline: "2027-01-15", source: "notice:9", resourceTypes: ["microsoft.dbforpostgresql/flexibleservers", "Microsoft.Cache/redis"] },
    ]);
    expect(book("Microsoft.DBforPostgreSQL/flexibleServers")).toEqual({ id: "tracking-SOON-2", deadline: "2027-01-15" });
    expect(book("Microsoft.Cache/redis")?.id).toBe("redis-tls10-11");
  });
});
