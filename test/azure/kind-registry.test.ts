import { readdirSync, statSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { RETIREMENTS } from "../../src/catalog/lookup.ts";
import { RESOURCE_KINDS } from "../../src/azure/kinds/registry.ts";

describe("resource kind registry", () => {
  it("has exactly one kind per folder under src/azure/kinds/", () => {
    const folders = readdirSync("src/azure/kinds").filter((f) => statSync(`src/azure/kinds/${f}`).isDirectory()).sort();
    expect([...RESOURCE_KINDS.keys()].sort()).toEqual(folders);
  });

  it("gives every kind a catalog retirement for its ARM type", () => {
    for (const kind of RESOURCE_KINDS.values()) {
      const r = RETIREMENTS.find((x) => x.scanKind === kind.id);
      expect(r?.resourceTypes.map((t) => t.toLowerCase())).toContain(kind.armType.toLowerCase());
    }
  });
});
