import { describe, expect, it } from "vitest";
import type { ResourceRow } from "../../src/render/view-model.ts";
import { reminderFor, type DueReminder } from "../../src/schedule/post-reminders.ts";
import type { ConversationRecord } from "../../src/store/store.ts";

const row = (i: number, kind: "redis" | "postgresql"): ResourceRow => ({
  id: `/subscriptions/s/resourceGroups/rg/providers/x/${kind}-${i}`, name: `${kind}-${i}`, kind, type: kind === "redis" ? "Microsoft.Cache/Redis" : "Microsoft.DBforPostgreSQL/flexibleServers",
  subscriptionId: "s", subscriptionName: "prod", resourceGroup: "rg", location: "japaneast", effectiveTls: "1.0", configuredTls: "1.0",
  status: "at-risk", deadline: "2027-03-01", daysLeft: 7, reason: "reason.configured",
});
const conversation = { key: "slack:C1", platform: "slack", scopes: ["*"], langs: "ja+en" } as unknown as ConversationRecord;

describe("a reminder's kinds", () => {
  it("are those of every affected resource in scope, not only the 20 shown, so the question for the whole list names them all", () => {
    const due: DueReminder = {
      retirementId: "tracking-X", deadline: "2027-03-01", daysLeft: 7, milestone: 7, afterDays: null, openItems: null,
      affected: [...Array.from({ length: 20 }, (_, i) => row(i, "redis")), ...Array.from({ length: 5 }, (_, i) => row(i, "postgresql"))],
    };
    const view = reminderFor(conversation, due, new Date("2027-02-22T00:00:00Z"));
    expect(view).toMatchObject({ type: "reminder", affectedTotal: 25, affectedKinds: ["redis", "postgresql"], affectedScope: null });
    expect(view !== null && view !== "snoozed" && view.type === "reminder" ? view.affected.map((r) => r.kind) : []).not.toContain("postgresql");
  });
});
