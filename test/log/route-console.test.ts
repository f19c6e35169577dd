import { describe, expect, it } from "vitest";
import { createLogger } from "../../src/log/create-logger.ts";
import { routeConsoleToLogger } from "../../src/log/route-console.ts";

describe("console output routed through the logger", () => {
  it("masks secrets a library prints with console.*, in the text as in the error beside it", () => {
    const lines: string[] = [];
    const restore = routeConsoleToLogger(createLogger({ write: (l: string) => lines.push(l) }, "debug"));
    try {
      console.error("request failed:", { headers: { Authorization: "Bearer S3cretA" } });
      console.warn("could not connect to postgres://tlsbot:S3cretB@db.internal/tlsbot");
      console.log(`posting with xoxb-1-S3cretC`, new Error("token=S3cretD rejected"));
    } finally {
      restore();
    }
    expect(lines).toHaveLength(3);
    for (const line of lines) expect(line).not.toMatch(/S3cret/);
    expect(JSON.parse(lines[1]!).msg).toBe("could not connect to postgres://tlsbot:***@db.internal/tlsbot");
  });
});
