import { rmSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { freshDataDir } from "../support/data-dir.ts";
import { cleanEnv, startServe } from "../support/tlsbot-process.ts";

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe("tlsbot serve's operations endpoints and request ids (the real bin)", () => {
  it("answers /healthz, /readyz and /metrics, echoes a well-formed X-Request-Id and logs it, replaces a malformed one", async () => {
    const dataDir = freshDataDir("tlsbot-ops-");
    dirs.push(dataDir);
    const serve = await startServe(cleanEnv({
      TLSBOT_DATA_DIR: dataDir, TLSBOT_METRICS_TOKEN: "metrics-secret-0123456789",
      // Azure calls (schedules) go to a closed loopback port, never off this machine.
      TLSBOT_ARM_ENDPOINT: "https://127.0.0.1:1", TLSBOT_ARM_TOKEN: "static-test-token",
    }));
    try {
      expect((await fetch(`${serve.url}/healthz`)).status).toBe(200);
      const ready = await fetch(`${serve.url}/readyz`, { headers: { "x-request-id": "probe-42.a:b_c" } });
      expect(ready.status).toBe(200);
      expect(await ready.json()).toEqual({ ready: true });
      expect(ready.headers.get("x-request-id")).toBe("probe-42.a:b_c");

      const metrics = await fetch(`${serve.url}/metrics`);
      expect(metrics.status).toBe(200);
      const text = await metrics.text();
      expect(text).toContain("# TYPE tlsbot_chat_reply_seconds histogram");
      expect(text).toContain("# TYPE tlsbot_approvals_total counter");
      expect(text).not.toContain("metrics-secret");
      expect(text).not.toContain("static-test-token");

      // Too long and with characters a log line or header must not carry: a fresh id instead.
      const odd = await fetch(`${serve.url}/`, { headers: { "x-request-id": `${"x".repeat(200)}` } });
      const given = odd.headers.get("x-request-id") ?? "";
      expect(given).toMatch(/^[0-9a-f-]{36}$/);
      await odd.text();
      const page = await fetch(`${serve.url}/`, { headers: { "x-request-id": "page-load-7" } });
      await page.text();
    } finally {
      expect(await serve.stop()).toBe(0);
    }
    const lines = serve.stderr().split("\n").filter((l) => l.trim()).map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toContainEqual(expect.objectContaining({ msg: "http.request", requestId: "page-load-7", method: "GET", path: "/", status: 200 }));
    // Probes are logged at debug level only: not at the default level.
    expect(lines.some((l) => l["requestId"] === "probe-42.a:b_c")).toBe(false);
    expect(serve.stderr()).not.toContain("metrics-secret");
  }, 90_000);
});
