import * as AC from "adaptivecards";

/** Parses a card with the adaptivecards library (what Teams and the web chat use) and returns its complaints. */
export function cardProblems(json: unknown): string[] {
  const card = new AC.AdaptiveCard();
  const ctx = new AC.SerializationContext();
  card.parse(json, ctx);
  const problems: string[] = [];
  for (let i = 0; i < ctx.eventCount; i++) problems.push(ctx.getEventAt(i).message);
  const results = card.validateProperties();
  for (const e of results.validationEvents) problems.push(e.message);
  const version = String((json as { version?: unknown }).version);
  if (!/^1\.[0-5]$/.test(version)) problems.push(`version ${version} is above 1.5`);
  return problems;
}
