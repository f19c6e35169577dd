import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { envExample, withConfigTable } from "../../src/config/config-docs.ts";
import { OPTIONS } from "../../src/config/options.ts";

describe("generated configuration docs", () => {
  it(".env.example matches the schema (run `npm run docs:config` after changing options.ts)", () => {
    expect(readFileSync(".env.example", "utf8")).toBe(envExample());
  });

  it("README's configuration table matches the schema", () => {
    const readme = readFileSync("README.md", "utf8");
    expect(withConfigTable(readme)).toBe(readme);
    for (const opt of OPTIONS) expect(readme).toContain(`\`${opt.env}\``);
  });
});
