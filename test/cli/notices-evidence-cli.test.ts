import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadTenantFile, startSimulator, type RunningSimulator } from "../../src/azure/simulator/index.ts";
import { DEMO_TENANT_FILE } from "../../src/cli/runtime.ts";
import { freshDataDir } from "../support/data-dir.ts";
import { cli } from "./cli-harness.ts";

const NOW = "2026-11-01T00:00:00Z";
const TOKEN = "cli-evidence-token";
let sim: RunningSimulator;
let caDir: string;
let env: Record<string, string>;

beforeAll(async () => {
  sim = await startSimulator({ tenant: await loadTenantFile(DEMO_TENANT_FILE), token: TOKEN });
  caDir = mkdtempSync(join(tmpdir(), "tlsbot-ca-"));
  writeFileSync(join(caDir, "sim.pem"), sim.ca);
  env = { TLSBOT_ARM_ENDPOINT: sim.url, TLSBOT_ARM_TOKEN: TOKEN, TLSBOT_ARM_CA_FILE: join(caDir, "sim.pem"), TLSBOT_DATA_DIR: freshDataDir("tlsbot-evidence-cli-") };
});
afterAll(async () => {
  await sim.close();
  rmSync(caDir, { recursive: true, force: true });
  rmSync(env["TLSBOT_DATA_DIR"]!, { recursive: true, force: true });
});

describe("tlsbot ingest --from advisor / notices", () => {
  it("shows each retirement's evidence — the Service Health advisory and Advisor's impacted resources — in both languages", async () => {
    expect((await cli(["ingest", "--from", "service-health", "--now", NOW], env)).code).toBe(0);
    const ingest = await cli(["ingest", "--from", "advisor", "--now", NOW], env);
    expect(ingest.code).toBe(0);
    expect(ingest.stdout).toContain("impacted resources from Azure Advisor recorded (the deadline is unchanged)");

    const en = await cli(["--lang", "en", "notices"], env);
    const redis = en.stdout.slice(en.stdout.indexOf("redis-tls10-11"), en.stdout.indexOf("iothub-tls10-11"));
    expect(redis).toMatch(/deadline 2025-03-01/);
    expect(redis).toMatch(/Service Health advisory, notice #\d+ \(Tracking ID SV4K-R7Q\): 2025-03-01/);
    expect(redis).toMatch(/Azure Advisor, notice #\d+ \(Tracking ID SV4K-R7Q\): 2 impacted resources, retirement date 2025-03-01/);
    expect(redis).toContain("/resourceGroups/rg-commerce-prod/providers/Microsoft.Cache/Redis/redis-cart-prod");

    const ja = await cli(["--lang", "ja", "notices"], env);
    expect(ja.stdout).toMatch(/Azure Advisor、お知らせ #\d+ \(追跡 ID SV4K-R7Q\): 影響を受けるリソース 2 件、廃止日 2025-03-01/);
    expect(ja.stdout).not.toMatch(/notices:/);

    const json = JSON.parse((await cli(["notices", "--json"], env)).stdout) as { retirements: Array<{ id: string; evidence: Array<{ kind: string; resourceIds?: string[] }> }> };
    const storage = json.retirements.find((r) => r.id === "storage-tls10-11")!;
    expect(storage.evidence.map((e) => [e.kind, e.resourceIds?.length])).toEqual([["advisor", 2]]);
  });
});
