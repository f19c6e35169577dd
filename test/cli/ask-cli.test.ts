import { rmSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { freshDataDir } from "../support/data-dir.ts";
import { cardProblems } from "../render/validate-card.ts";
import { cli } from "./cli-harness.ts";

describe("tlsbot ask", () => {
  const dataDir = freshDataDir("tlsbot-ask-cli-");
  const env = { TLSBOT_DATA_DIR: dataDir };
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it("--json follows the contract: intent, lang, text, every matching resource, the card", async () => {
    const run = await cli(["ask", "--demo", "--json", "--now", "2026-11-26T03:00:00Z", "which caches are below 1.2"], env);
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout) as { intent: string; lang: string; text: string; resources: Array<Record<string, unknown>>; card: unknown };
    expect(out.intent).toBe("list");
    expect(out.lang).toBe("en");
    expect(out.text).toContain("Redis caches below TLS 1.2");
    expect(out.resources).toHaveLength(7);
    for (const r of out.resources) {
      expect(Object.keys(r)).toEqual(expect.arrayContaining(["id", "name", "type", "effectiveTls", "status", "deadline"]));
      expect(["1.0", "1.1"]).toContain(r["effectiveTls"]);
      expect(r["type"]).toMatch(/^Microsoft\.Cache\/redis$/i);
    }
    expect(cardProblems(out.card)).toEqual([]);
  }, 60_000);

  it("answers Japanese in Japanese, and --lang forces the language", async () => {
    const ja = JSON.parse((await cli(["ask", "--demo", "--json", "1.2未満のキャッシュは？"], env)).stdout) as { lang: string; text: string; resources: unknown[] };
    expect(ja.lang).toBe("ja");
    expect(ja.text).toContain("TLS 1.2 未満");
    expect(ja.resources).toHaveLength(7);
    const forced = JSON.parse((await cli(["--lang", "en", "ask", "--demo", "--json", "1.2未満のキャッシュは？"], env)).stdout) as { lang: string };
    expect(forced.lang).toBe("en");
  }, 60_000);

  it("something it cannot understand gets help with examples, exit 0", async () => {
    const run = await cli(["ask", "--demo", "what's for lunch"], env);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("which caches are below 1.2");
  }, 60_000);
});
