import { describe, expect, it } from "vitest";
import { effectiveRetirements } from "../../src/catalog/effective-retirements.ts";
import { inventoryRows } from "../../src/conversation/inventory-index.ts";
import type { Finding } from "../../src/domain/resource.ts";
import { dueReminders, type Snapshot } from "../../src/schedule/post-reminders.ts";
import type { RetirementRecord, Store } from "../../src/store/store.ts";

// A retirement no catalog entry knows of, created by a trusted notice (its Tracking ID names it).
const retirement: RetirementRecord = {
  id: "tracking-PG7Q-2XZ", service: "Azure Database for PostgreSQL flexible server TLS 1.0/1.1 retirement",
  resourceTypes: ["Microsoft.DBforPostgreSQL/flexibleServers"], deadline: "2027-01-15", source: "notice:12",
  data: { trackingIds: ["PG7Q-2XZ"] }, updatedAt: "2026-11-01T00:00:00.000Z",
};
const server: Finding = {
  id: "/subscriptions/11111111-1111-4111-a111-111111111111/resourceGroups/rg-data/providers/Microsoft.DBforPostgreSQL/flexibleServers/pg-orders",
  kind: "postgresql", type: "Microsoft.DBforPostgreSQL/flexibleServers", name: "pg-orders", subscriptionId: "11111111-1111-4111-a111-111111111111",
  resourceGroup: "rg-data", location: "japaneast", rawTls: "TLS1_0", createdAt: null, tags: {}, configuredTls: "1.0", effectiveTls: "1.0",
  status: "at-risk", deadline: null, retirementId: null, reason: "reason.configured",
} as Finding;

const snapshotAt = (now: Date): Snapshot => ({ retirements: effectiveRetirements([retirement]), rows: inventoryRows([server], [], [retirement], now) });
// Everything is in the snapshot: the store is never read.
const noStore = {} as Store;
const due = async (at: string) => {
  const now = new Date(at);
  return (await dueReminders(noStore, now, {}, snapshotAt(now))).filter((d) => d.retirementId === retirement.id);
};

describe("reminders of a retirement only a notice knows about", () => {
  it("counts a resource of its type as overdue once its deadline has passed, and keeps reminding weekly", async () => {
    expect((await due("2027-01-08T00:00:00Z")).map((d) => [d.milestone, d.affected.map((r) => [r.name, r.status, r.deadline])])).toEqual([[7, [["pg-orders", "at-risk", "2027-01-15"]]]]);
    const after = await due("2027-01-22T00:00:00Z");
    expect(after.map((d) => [d.afterDays, d.affected.map((r) => [r.name, r.status])])).toEqual([[7, [["pg-orders", "overdue"]]]]);
  });
});
