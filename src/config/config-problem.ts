import type { z } from "zod";
import { PROBLEM_PREFIX } from "./options.ts";

/**
 * The parameters of a `configInvalid` error for a value the schema refused: `problemKey` names the locale
 * text (`errors:configProblem.<key>`) so the detail reads in the same language as the message around it;
 * zod's own English messages are never shown.
 */
export function configProblem(issue: z.core.$ZodIssue | undefined): Record<string, string | number> {
  if (!issue) return { problemKey: "invalid" };
  if (issue.message.startsWith(PROBLEM_PREFIX)) return { problemKey: issue.message.slice(PROBLEM_PREFIX.length) };
  switch (issue.code) {
    case "too_small":
      return issue.origin === "string" && Number(issue.minimum) <= 1 ? { problemKey: "empty" } : { problemKey: "tooSmall", limit: Number(issue.minimum) };
    case "too_big":
      return { problemKey: "tooBig", limit: Number(issue.maximum) };
    case "invalid_type":
      return { problemKey: issue.expected === "number" || issue.expected === "int" ? "number" : issue.expected === "boolean" ? "boolean" : "invalid" };
    case "invalid_value":
      return { problemKey: "oneOf", options: issue.values.map(String).join(", ") };
    case "invalid_format":
      return { problemKey: issue.format === "url" ? "url" : "invalid" };
    case "invalid_union":
      // A flag is true/false or a boolean; a list is text or an array: say what the first branch wanted.
      return configProblem(issue.errors[0]?.[0]);
    default:
      return { problemKey: "invalid" };
  }
}
