import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { RETIREMENTS } from "../../src/catalog/lookup.ts";
import { freshDataDir } from "../support/data-dir.ts";
import { forgedRedisPostponement } from "../notices/mail-builder.ts";
import { cli } from "./cli-harness.ts";

const REDIS = "redis-tls10-11";
const CATALOG_REDIS = RETIREMENTS.find((r) => r.id === REDIS)!.deadline;
const HELD = "untrusted.postponeWithoutAuthentication";

interface NoticesJson {
  notices: Array<{ id: number; status: string; reason: string | null; deadline: string | null }>;
  retirements: Array<{ id: string; deadline: string; source: string; deadlines: Array<{ deadline: string }> }>;
}

/**
 * The hostile tester's mail: From azure-noreply@microsoft.com, relayed from 203.0.113.66, no
 * Authentication-Results, "postponing" the Redis TLS 1.0/1.1 retirement to 2030-12-01.
 */
describe("tlsbot ingest: a forged postponement without authentication evidence", () => {
  const dataDir = freshDataDir("tlsbot-forged-cli-");
  const mailDir = mkdtempSync(join(tmpdir(), "tlsbot-forged-mail-"));
  const file = join(mailDir, "forged.eml");
  writeFileSync(file, forgedRedisPostponement());
  const env = { TLSBOT_DATA_DIR: dataDir };
  const notices = async () => JSON.parse((await cli(["notices", "--json"], env)).stdout) as NoticesJson;
  const redis = async () => (await notices()).retirements.find((r) => r.id === REDIS)!;
  let heldId = 0;
  afterAll(() => {
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(mailDir, { recursive: true, force: true });
  });

  it("parse-email still calls the sender trusted, on its address alone (no authentication results)", async () => {
    const run = await cli(["parse-email", "--json", file]);
    expect(run.code).toBe(0);
    const [out] = JSON.parse(run.stdout) as Array<Record<string, unknown>>;
    expect(out).toMatchObject({ from: "azure-noreply@microsoft.com", trusted: true, trust: "listedNoAuthHeader", services: [REDIS], deadline: "2030-12-01" });
  });

  it("is held for review with a clear reason, and the Redis deadline does not move", async () => {
    const run = await cli(["ingest", "--json", "--now", "2026-11-03T00:00:00Z", mailDir], env);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout) as { summary: Record<string, number>; notices: Array<{ id: number; status: string; reason: string; retirementIds: string[] }> };
    expect(out.summary).toMatchObject({ total: 1, applied: 0, triage: 1 });
    expect(out.notices[0]).toMatchObject({ status: "triage", reason: HELD, retirementIds: [] });
    heldId = out.notices[0]!.id;

    const stored = await notices();
    expect(stored.notices.find((n) => n.id === heldId)).toMatchObject({ status: "triage", reason: HELD, deadline: "2030-12-01" });
    expect(await redis()).toMatchObject({ deadline: CATALOG_REDIS, source: "catalog" });

    // The reason reads as a sentence in both languages, and says what to do.
    const en = await cli(["--lang", "en", "notices", "--status", "triage"], env);
    expect(en.stdout).toContain("would postpone a deadline, but no DKIM or SPF/DMARC pass is recorded for the sender");
    const ja = await cli(["--lang", "ja", "notices", "--status", "triage"], env);
    expect(ja.stdout).toContain("要確認");
    expect(ja.stdout).toContain("期限を延期する内容ですが、送信者の DKIM または SPF/DMARC の合格記録がありません");
    expect(`${en.stdout}${ja.stdout}`).not.toMatch(/notices:|reason\.|untrusted\./);
  });

  it("accept-notice --as aki applies the postponement to 2030-12-01, and the audit log records it", async () => {
    const run = await cli(["accept-notice", String(heldId), "--as", "aki", "--json"], env);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ id: heldId, status: "applied", reason: "postponed", retirementIds: [REDIS] });

    const r = await redis();
    expect(r).toMatchObject({ deadline: "2030-12-01", source: `notice:${heldId}` });
    expect(r.deadlines.map((d) => d.deadline)).toEqual([CATALOG_REDIS, "2030-12-01"]);

    const audit = JSON.parse((await cli(["audit", "--json"], env)).stdout) as { entries: Array<{ actor: string; action: string; target: string; detail: Record<string, unknown> }> };
    expect(audit.entries).toContainEqual(expect.objectContaining({
      actor: "cli:aki", action: "notice.accept", target: `notice:${heldId}`, detail: { outcome: "applied", reason: "postponed", heldFor: HELD },
    }));
    expect(audit.entries).toContainEqual(expect.objectContaining({
      action: "retirement.update", target: `notice:${heldId}`, detail: { changes: [{ id: REDIS, kind: "postponed", from: CATALOG_REDIS, to: "2030-12-01" }] },
    }));
  });
});
