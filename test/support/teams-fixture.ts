import { readFileSync } from "node:fs";

/** A recorded Teams activity with its placeholders filled in. */
export function teamsActivity(name: string, values: Record<string, string>, over: Record<string, unknown> = {}): Record<string, unknown> {
  let text = readFileSync(new URL(`../fixtures/teams/${name}.json`, import.meta.url), "utf8");
  for (const [k, v] of Object.entries(values)) text = text.replaceAll(k, v);
  return { ...(JSON.parse(text) as Record<string, unknown>), ...over };
}
