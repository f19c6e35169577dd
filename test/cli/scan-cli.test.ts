import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSimulator, type RunningSimulator } from "../../src/azure/simulator/index.ts";
import { SUB_A, SUB_B, SUB_FORBIDDEN, smallTenant } from "../azure/simulator/sim-tenant.ts";
import { translator } from "../../src/render/i18n.ts";
import { cli } from "./cli-harness.ts";

const NOW = "2026-11-24T00:00:00Z";
const TOKEN = "cli-test-token";
let sim: RunningSimulator;
let caDir: string;
let armEnv: Record<string, string>;

beforeAll(async () => {
  sim = await startSimulator({ tenant: smallTenant(), token: TOKEN, pageSize: 3 });
  caDir = mkdtempSync(join(tmpdir(), "tlsbot-ca-"));
  writeFileSync(join(caDir, "sim.pem"), sim.ca);
  armEnv = { TLSBOT_ARM_ENDPOINT: sim.url, TLSBOT_ARM_TOKEN: TOKEN, TLSBOT_ARM_CA_FILE: join(caDir, "sim.pem") };
});
afterAll(async () => {
  await sim.close();
  rmSync(caDir, { recursive: true, force: true });
});

interface ScanJson {
  scannedAt: string;
  resources: Array<Record<string, unknown>>;
  errors: Array<{ subscriptionId: string; code: string; message: string }>;
}

describe("tlsbot scan", () => {
  it("prints the JSON contract from a configured ARM endpoint", async () => {
    const run = await cli(["scan", "--json", "--now", NOW, "--source", "arm"], armEnv);
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout) as ScanJson;
    expect(out.scannedAt).toBe("2026-11-24T00:00:00.000Z");
    expect(out.resources).toHaveLength(9);
    for (const r of out.resources) {
      expect(Object.keys(r)).toEqual(expect.arrayContaining(
        ["id", "type", "name", "subscriptionId", "resourceGroup", "location", "configuredTls", "effectiveTls", "status", "deadline", "retirementId"]));
    }
    const old = out.resources.find((r) => r["name"] === "cache-old");
    expect(old).toMatchObject({ type: "Microsoft.Cache/redis", configuredTls: null, effectiveTls: "1.0", status: "overdue", deadline: "2025-03-01" });
    // Redis documents no "1.3" minimum: reported for review, never as compliant without evidence.
    expect(out.resources.find((r) => r["name"] === "cache-13")).toMatchObject({ configuredTls: null, effectiveTls: "unknown", status: "unknown" });
    expect(out.errors).toEqual([{ subscriptionId: SUB_FORBIDDEN, code: "forbidden", message: expect.stringContaining("AuthorizationFailed".slice(0, 0)) }]);
    expect(run.stderr).toBe("");
  });

  it("narrows by --subscription and --type", async () => {
    const run = await cli(["scan", "--json", "--now", NOW, "--subscription", SUB_B, "--type", "redis"], armEnv);
    const out = JSON.parse(run.stdout) as ScanJson;
    expect(out.resources.map((r) => r["name"])).toEqual(["cache-13"]);
    const hubs = JSON.parse((await cli(["scan", "--json", "--now", NOW, "--subscription", SUB_A, "--type", "iothub"], armEnv)).stdout) as ScanJson;
    expect(hubs.resources.map((r) => r["name"]).sort()).toEqual(["hub-12", "hub-unset"]);
  });

  it("prints a readable table in English or Japanese", async () => {
    const en = await cli(["scan", "--now", NOW], armEnv);
    expect(en.code).toBe(0);
    expect(en.stdout).toMatch(/OVERDUE\s+1\.0 \(default\)\s+cache-old/);
    expect(en.stdout).toContain("1 Mar 2025");
    const ja = await cli(["scan", "--now", NOW, "--lang", "ja"], armEnv);
    expect(ja.stdout).toContain("2025年3月1日");
    expect(ja.stdout).toMatch(/期限超過/);
    expect(ja.stdout).not.toContain("OVERDUE");
  });

  it("exits 1 with a clear message when nothing could be scanned", async () => {
    const run = await cli(["scan", "--json", "--subscription", SUB_FORBIDDEN], armEnv);
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout).errors[0].code).toBe("forbidden");
    expect(run.stderr).toMatch(/could not|no subscription/i);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it("a chat \"scan now\" that reads no subscription says it failed, in both languages, instead of \"0 resources\"", async () => {
    for (const lang of ["en", "ja"] as const) {
      const run = await cli(["--lang", lang, "ask", "scan now"], { ...armEnv, AZURE_SUBSCRIPTION_IDS: SUB_FORBIDDEN });
      expect(run.code).toBe(1);
      expect(run.stdout).toContain(translator(lang)("errors:scanReadNothing"));
      expect(run.stdout).not.toContain(translator(lang)("chat:scan.done", { total: 0, needsAction: 0 }));
    }
  });

  it("refuses an unknown --type and a --subscription that is not a GUID before reaching Azure, naming what it takes", async () => {
    const type = await cli(["scan", "--json", "--type", "redis", "--type", "nosuch"], armEnv);
    expect(type.code).toBe(2);
    expect(type.stdout).toBe("");
    expect(type.stderr).toContain("'nosuch'");
    expect(type.stderr).toMatch(/Allowed values: redis, iothub, .*frontdoorclassic\./);
    const ja = await cli(["--lang", "ja", "scan", "--type", "nosuch"], armEnv);
    expect(ja.code).toBe(2);
    expect(ja.stderr).toContain("指定できる値: redis, iothub");
    const sub = await cli(["--lang", "ja", "scan", "--json", "--subscription", "not-a-guid"], armEnv);
    expect(sub.code).toBe(2);
    expect(sub.stdout).toBe("");
    expect(sub.stderr).toContain(translator("ja")("cli:error.hint.subscriptionId"));
  });

  it("explains an invalid credential and an unreachable endpoint, without a stack trace", async () => {
    const badToken = await cli(["scan"], { ...armEnv, TLSBOT_ARM_TOKEN: "expired" });
    expect(badToken.code).toBe(1);
    expect(badToken.stderr + badToken.stdout).toMatch(/auth|credential|token|sign/i);
    const unreachable = await cli(["scan", "--lang", "ja"], { ...armEnv, TLSBOT_ARM_ENDPOINT: "https://127.0.0.1:9" });
    expect(unreachable.code).toBe(1);
    expect(unreachable.stderr + unreachable.stdout).toMatch(/[ぁ-んァ-ヶ一-龠]/);
    for (const run of [badToken, unreachable]) expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it("refuses a static token for a non-loopback endpoint", async () => {
    const run = await cli(["scan"], { TLSBOT_ARM_ENDPOINT: "https://management.azure.com", TLSBOT_ARM_TOKEN: "x" });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("TLSBOT_ARM_TOKEN");
  });

  it("names the bad key of an invalid configuration and exits 2", async () => {
    const run = await cli(["scan"], { ...armEnv, TLSBOT_SCAN_CONCURRENCY: "lots" });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("TLSBOT_SCAN_CONCURRENCY");
    const ja = await cli(["scan", "--lang", "ja"], { ...armEnv, TLSBOT_SCAN_SOURCE: "magic" });
    expect(ja.code).toBe(2);
    expect(ja.stderr).toContain("TLSBOT_SCAN_SOURCE");
    expect(ja.stderr).toMatch(/[ぁ-んァ-ヶ一-龠]/);
  });

  it("scans the demo tenant with --demo, clearly labelled, and reports the forbidden subscription", async () => {
    const run = await cli(["scan", "--demo", "--json", "--now", NOW]);
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout) as ScanJson;
    expect(out.resources.length).toBeGreaterThanOrEqual(20);
    expect(new Set(out.resources.map((r) => r["subscriptionId"])).size).toBe(3);
    expect(out.errors).toHaveLength(1);
    expect(out.errors[0]?.code).toBe("forbidden");
    const table = await cli(["scan", "--demo", "--now", NOW]);
    expect(table.stdout).toMatch(/DEMO/);
  });
});

describe("tlsbot usage", () => {
  it("shows help in the user's language", async () => {
    const en = await cli(["--help"]);
    expect(en.code).toBe(0);
    expect(en.stdout).toMatch(/Usage|scan/);
    const ja = await cli(["scan", "--help"], { LANG: "ja_JP.UTF-8" });
    expect(ja.code).toBe(0);
    expect(ja.stdout).toMatch(/[ぁ-んァ-ヶ一-龠]/);
    expect(ja.stdout).toContain("--source");
  });

  it("rejects an unknown command and a bad option value with a localized message and exit 2", async () => {
    const unknown = await cli(["scna"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("scna");
    const ja = await cli(["scan", "--source", "ftp"], { LANG: "ja_JP.UTF-8" });
    expect(ja.code).toBe(2);
    expect(ja.stderr).toMatch(/[ぁ-んァ-ヶ一-龠]/);
    expect(ja.stderr).toContain("ftp");
  });
});
