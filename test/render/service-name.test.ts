import { describe, expect, it } from "vitest";
import { present } from "../../src/render/present.ts";
import { translator } from "../../src/render/i18n.ts";
import { serviceName } from "../../src/render/service-name.ts";

describe("what a retirement is called", () => {
  it("names a retirement a notice created by its Tracking ID in words, in both languages, and the catalog's by name", () => {
    expect(serviceName(translator("en"), "tracking-PG7Q-2XZ")).toBe("Tracking ID PG7Q-2XZ");
    expect(serviceName(translator("ja"), "tracking-PG7Q-2XZ")).toBe("追跡 ID PG7Q-2XZ");
    expect(serviceName(translator("en"), "redis-tls10-11")).not.toBe("redis-tls10-11");
    expect(serviceName(translator("en"), "no-such-retirement", "fallback")).toBe("fallback");
  });

  it("puts it in the reminder a channel gets, not the bare id", () => {
    const view = { type: "reminderDone", retirementId: "tracking-PG7Q-2XZ", deadline: "2026-11-01" } as const;
    expect(present(view, "en").title).toBe("All done: Tracking ID PG7Q-2XZ TLS 1.0/1.1 retirement");
    expect(present(view, "ja").title).toBe("対応完了: 追跡 ID PG7Q-2XZ の TLS 1.0/1.1 廃止");
  });
});
