import { describe, expect, it } from "vitest";
import { createLogger } from "../../src/log/create-logger.ts";

describe("structured logs keep secrets out", () => {
  it("redacts secret fields at the top level and one object down", () => {
    const lines: string[] = [];
    const logger = createLogger({ write: (l: string) => lines.push(l) }, "info");
    logger.info({
      databaseUrl: "postgres://u:S3cretA@h/x",
      teams: { appPassword: "S3cretB", appId: "app-id-kept" },
      slack: { botToken: "S3cretC", appToken: "S3cretD", signingSecret: "S3cretE" },
      graph: { clientSecret: "S3cretF" },
      imap: { password: "S3cretG", host: "imap.example" },
      req: { headers: { authorization: "Bearer S3cretH", cookie: "sid=S3cretI" } },
    }, "config.loaded");
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toMatch(/S3cret/);
    const entry = JSON.parse(lines[0]!) as Record<string, Record<string, unknown>>;
    expect(entry["teams"]).toEqual({ appPassword: "[redacted]", appId: "app-id-kept" });
    expect(entry["imap"]?.["host"]).toBe("imap.example");
  });

  it("masks secrets an error quotes in its message, stack or cause", () => {
    const lines: string[] = [];
    const logger = createLogger({ write: (l: string) => lines.push(l) }, "info");
    const cause = new Error("password authentication failed for postgres://u:S3cretJ@h/x?sslpassword=S3cretK");
    const err = Object.assign(new Error("slack said no to xoxb-1-S3cretL (Authorization: Bearer S3cretM)", { cause }), {
      config: { headers: { Authorization: "Bearer S3cretN" } },
    });
    logger.warn({ err }, "serve.error");
    expect(lines[0]).not.toMatch(/S3cret/);
    const entry = JSON.parse(lines[0]!) as { err: { message: string; stack: string } };
    expect(entry.err.message).toContain("slack said no to xoxb-***");
    expect(entry.err.stack).toContain("postgres://u:***@h/x");
  });
});
