import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { approvalPolicyOf } from "../../src/cli/runtime.ts";
import { loadConfig } from "../../src/config/load-config.ts";
import { TlsbotError } from "../../src/domain/errors.ts";
import { translator } from "../../src/render/i18n.ts";

const emptyDir = () => mkdtempSync(join(tmpdir(), "tlsbot-config-"));

function errorOf(fn: () => unknown): TlsbotError {
  try {
    fn();
  } catch (err) {
    if (err instanceof TlsbotError) return err;
    throw err;
  }
  throw new Error("expected a TlsbotError");
}

describe("loadConfig", () => {
  it("gives the documented defaults with nothing configured", () => {
    const c = loadConfig({}, emptyDir());
    expect(c.dataDir).toBe("./.tlsbot");
    expect(c.arm.endpoint).toBe("https://management.azure.com");
    expect(c.scan).toEqual({ source: "graph", concurrency: 16, timeoutMs: 120_000 });
    expect(c.databaseUrl).toBeUndefined();
    expect(c.sourceFile).toBeNull();
  });

  it("reads env, splitting subscription lists and coercing numbers", () => {
    const c = loadConfig({
      AZURE_SUBSCRIPTION_IDS: " 00000000-0000-0000-0000-000000000001 ,00000000-0000-0000-0000-000000000002",
      TLSBOT_SCAN_CONCURRENCY: "4", TLSBOT_SCAN_SOURCE: "arm",
    }, emptyDir());
    expect(c.subscriptionIds).toEqual(["00000000-0000-0000-0000-000000000001", "00000000-0000-0000-0000-000000000002"]);
    expect(c.scan.concurrency).toBe(4);
    expect(c.scan.source).toBe("arm");
  });

  it("refuses a schedule that is not a cron expression and a time zone that does not exist, naming the key", () => {
    expect(loadConfig({}, emptyDir()).schedule).toMatchObject({ digest: "0 9 * * 1", reminders: "0 9 * * *", timeZone: "Asia/Tokyo" });
    expect(loadConfig({ TLSBOT_DIGEST_SCHEDULE: "off" }, emptyDir()).schedule.digest).toBe("off");
    for (const [key, value] of [["TLSBOT_DIGEST_SCHEDULE", "every monday"], ["TLSBOT_REMINDER_SCHEDULE", "61 9 * * *"], ["TLSBOT_SCAN_SCHEDULE", "0 9 * * 8"], ["TLSBOT_SCHEDULE_TIME_ZONE", "Mars/Olympus"], ["TLSBOT_TIME_ZONE", "JST+9"]] as const) {
      const err = errorOf(() => loadConfig({ [key]: value }, emptyDir()));
      expect(err.code, key).toBe("configInvalid");
      expect(err.params["key"], key).toBe(key);
      expect(String(err.params["problemKey"]), key).toMatch(/^(cron|timeZone)$/);
    }
  });

  it("says what is wrong with a value in the reader's language, not English inside Japanese", () => {
    const cases = [
      [{ TLSBOT_DIGEST_SCHEDULE: "every monday" }, "expected a cron expression or off", "cron 式"],
      [{ TLSBOT_SCHEDULE_TIME_ZONE: "Mars/Olympus" }, "expected an IANA time zone such as Asia/Tokyo", "IANA タイムゾーン"],
      [{ TLSBOT_DATABASE_URL: "mysql://x" }, "expected a postgres:// URL", "postgres:// で始まる URL"],
      [{ TLSBOT_ARM_ENDPOINT: "http://management.azure.com" }, "expected an https:// URL", "https:// で始まる URL"],
      [{ AZURE_SUBSCRIPTION_IDS: "prod" }, "expected subscription ids (GUIDs)", "サブスクリプション ID (GUID)"],
      [{ TLSBOT_SCAN_CONCURRENCY: "100" }, "expected at most 64", "64 以下"],
      [{ TLSBOT_SCAN_CONCURRENCY: "0" }, "expected at least 1", "1 以上"],
      [{ TLSBOT_SCAN_CONCURRENCY: "lots" }, "expected a number", "数値"],
      [{ TLSBOT_SCAN_SOURCE: "portal" }, "expected one of graph, arm", "graph, arm のいずれか"],
    ] as const;
    const ascii = /expected|between|invalid/i;
    for (const [env, en, ja] of cases) {
      const err = errorOf(() => loadConfig(env, emptyDir()));
      const key = Object.keys(env)[0]!;
      const enText = translator("en")("errors:configInvalid", err.params);
      const jaText = translator("ja")("errors:configInvalid", err.params);
      expect(enText, key).toContain(`Invalid configuration: ${key} — ${en}.`);
      expect(jaText, key).toContain(`設定が正しくありません: ${key} — `);
      expect(jaText, key).toContain(ja);
      expect(jaText, key).not.toMatch(ascii);
    }
    // Checked after loading (the approvers' syntax): the same, with the entries it could not read.
    const err = errorOf(() => approvalPolicyOf({ config: loadConfig({ TLSBOT_APPROVERS: "teams:aad-1,bob" }, emptyDir()), simulator: null }));
    expect(translator("en")("errors:configInvalid", err.params)).toContain("TLSBOT_APPROVERS — expected platform:id[@/subscriptions/…] entries, not bob.");
    expect(translator("ja")("errors:configInvalid", err.params)).toContain("TLSBOT_APPROVERS — platform:id[@/subscriptions/…] の形式で指定してください (該当しない値: bob)。");
  });

  it("names the bad env key", () => {
    const err = errorOf(() => loadConfig({ TLSBOT_SCAN_CONCURRENCY: "lots" }, emptyDir()));
    expect(err.code).toBe("configInvalid");
    expect(err.params["key"]).toBe("TLSBOT_SCAN_CONCURRENCY");
    expect(errorOf(() => loadConfig({ TLSBOT_ARM_ENDPOINT: "http://management.azure.com" }, emptyDir())).params["key"]).toBe("TLSBOT_ARM_ENDPOINT");
    expect(errorOf(() => loadConfig({ AZURE_SUBSCRIPTION_IDS: "prod" }, emptyDir())).params["key"]).toBe("AZURE_SUBSCRIPTION_IDS");
  });

  it("reads a YAML config file, with env winning over it", () => {
    const dir = emptyDir();
    writeFileSync(join(dir, "tlsbot.config.yaml"), "scan:\n  source: arm\n  concurrency: 3\ndataDir: /var/lib/tlsbot\n");
    const c = loadConfig({ TLSBOT_SCAN_CONCURRENCY: "5" }, dir);
    expect(c.scan.source).toBe("arm");
    expect(c.scan.concurrency).toBe(5);
    expect(c.dataDir).toBe("/var/lib/tlsbot");
    expect(c.sourceFile).toBe(join(dir, "tlsbot.config.yaml"));
  });

  it("names the bad key of a JSON config file by its path", () => {
    const dir = emptyDir();
    writeFileSync(join(dir, "tlsbot.config.json"), JSON.stringify({ scan: { source: "portal" } }));
    const err = errorOf(() => loadConfig({}, dir));
    expect(err.code).toBe("configInvalid");
    expect(String(err.params["key"])).toMatch(/scan\.source$/);
  });

  it("reports an unreadable config file instead of crashing", () => {
    const dir = emptyDir();
    writeFileSync(join(dir, "tlsbot.config.json"), "{ not json");
    expect(errorOf(() => loadConfig({}, dir)).code).toBe("configFileUnreadable");
  });

  it("says why a config file cannot be used in the reader's language, not in the parser's or the system's words alone", () => {
    const dir = emptyDir();
    writeFileSync(join(dir, "tlsbot.config.json"), "{ not json");
    const syntax = errorOf(() => loadConfig({}, dir));
    expect(syntax.params).toMatchObject({ problem: "syntax", format: "JSON" });
    expect(translator("ja")(`errors:${syntax.code}`, syntax.params)).toMatch(/JSON として正しくありません/);
    writeFileSync(join(dir, "tlsbot.config.json"), "[1, 2]");
    const list = errorOf(() => loadConfig({}, dir));
    expect(translator("en")(`errors:${list.code}`, list.params)).toMatch(/its top level must be an object of settings/);
    expect(translator("ja")(`errors:${list.code}`, list.params)).toMatch(/最上位は設定のオブジェクト/);
    const missing = errorOf(() => loadConfig({ TLSBOT_CONFIG: "no-such.yaml" }, dir));
    expect(missing.code).toBe("configFileUnreadable");
    expect(translator("en")(`errors:${missing.code}`, missing.params)).toMatch(/no-such\.yaml: there is no such file\.$/);
    expect(translator("ja")(`errors:${missing.code}`, missing.params)).not.toMatch(/ENOENT/);
  });
});
