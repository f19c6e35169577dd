import { describe, expect, it } from "vitest";
import { createLogger } from "../../src/log/create-logger.ts";

describe("structured logs", () => {
  it("writes one JSON object per event and never the secrets", () => {
    const lines: string[] = [];
    const logger = createLogger({ write: (l: string) => lines.push(l) }, "info");
    logger.warn({ err: new Error("slack said no"), authorization: "Bearer abc.def", slack: { token: "xoxb-123" } }, "serve.error");
    logger.debug("not at info");
    expect(lines).toHaveLength(1);
    const entry = JSON.parse(lines[0]!) as Record<string, unknown>;
    expect(entry).toMatchObject({ level: 40, msg: "serve.error", app: "tlsbot", err: { message: "slack said no" } });
    expect(lines[0]).not.toContain("abc.def");
    expect(lines[0]).not.toContain("xoxb-123");
  });
});
