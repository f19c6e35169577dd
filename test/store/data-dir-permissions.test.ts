import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { chmodSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSimulator, type RunningSimulator } from "../../src/azure/simulator/index.ts";
import { translator } from "../../src/render/i18n.ts";
import { openStore, type StoreWarning } from "../../src/store/open-store.ts";
import { smallTenant } from "../azure/simulator/sim-tenant.ts";
import { cli } from "../cli/cli-harness.ts";
import { freshDataDir } from "../support/data-dir.ts";

const NOW = "2026-11-24T00:00:00Z";
const TOKEN = "perm-test-token";
const NOTICE = fileURLToPath(new URL("../notices/corpus/en-redis-action-required.eml", import.meta.url));
const GROUP_OTHER = 0o077;
const GROUP_OTHER_WRITE = 0o022;

const dirs: string[] = [];
const tempDir = (prefix: string) => {
  const d = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(d);
  return d;
};
let sim: RunningSimulator;
let armEnv: Record<string, string>;

beforeAll(async () => {
  sim = await startSimulator({ tenant: smallTenant(), token: TOKEN, pageSize: 3 });
  const caDir = tempDir("tlsbot-perm-ca-");
  writeFileSync(join(caDir, "sim.pem"), sim.ca);
  armEnv = { TLSBOT_ARM_ENDPOINT: sim.url, TLSBOT_ARM_TOKEN: TOKEN, TLSBOT_ARM_CA_FILE: join(caDir, "sim.pem") };
});
afterAll(async () => {
  await sim.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** Every entry under `root` (itself included) whose mode has one of the `bits`, as "path 0mode". */
function entriesWith(root: string, bits: number): string[] {
  const out: string[] = [];
  const visit = (path: string) => {
    const st = lstatSync(path);
    if (st.isSymbolicLink()) return;
    if (st.mode & bits) out.push(`${relative(root, path) || "."} 0${(st.mode & 0o777).toString(8)}`);
    if (st.isDirectory()) for (const name of readdirSync(path)) visit(join(path, name));
  };
  visit(root);
  return out;
}

function countEntries(root: string): number {
  return 1 + (statSync(root).isDirectory() ? readdirSync(root).reduce((n, name) => n + countEntries(join(root, name)), 0) : 0);
}

/** `tlsbot serve` through the real bin until one web chat question is answered, then SIGTERM. */
function serveSession(dataDir: string, whileServing: () => void): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(TLSBOT_|AZURE_|SLACK_|Microsoft)/.test(k)));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["bin/tlsbot.js", "serve", "--port", "0"], { env: { ...clean, TLSBOT_DATA_DIR: dataDir, LANG: "en_US.UTF-8" } });
    let stdout = "";
    let stderr = "";
    let asked = false;
    child.stdout.on("data", (c: Buffer) => {
      stdout += c.toString();
      const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout)?.[1];
      if (!url || asked) return;
      asked = true;
      const activity = {
        type: "message", id: randomUUID(), timestamp: new Date().toISOString(), channelId: "webchat", serviceUrl: `${url}/webchat/connector`, locale: "en",
        from: { id: "web-perm-test", name: "you", role: "user" }, recipient: { id: "tlsbot", name: "tlsbot", role: "bot" },
        conversation: { id: `webchat-${randomUUID()}` }, text: "which caches are below 1.2",
      };
      void fetch(`${url}/api/messages`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(activity) })
        .then(async (res) => {
          expect(res.status).toBeLessThan(300);
          await res.text();
          whileServing();
        })
        .catch(reject)
        .finally(() => child.kill("SIGTERM"));
    });
    child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
    child.on("exit", (code) => resolve({ code, stdout, stderr }));
  });
}

describe("the PGlite data directory is private", () => {
  it("stays owner-only through a scan, an ingest and a serve session, starting from a directory that does not exist", async () => {
    const dataDir = join(tempDir("tlsbot-perm-"), "data");
    const env = { TLSBOT_DATA_DIR: dataDir, ...armEnv };

    const scan = await cli(["scan", "--json", "--now", NOW, "--source", "arm"], env);
    expect(scan.code).toBe(0);
    expect(scan.stderr).toBe("");
    expect(statSync(dataDir).mode & 0o777).toBe(0o700);
    // A new cluster has over a thousand files, which PGlite itself writes 0666.
    expect(countEntries(dataDir)).toBeGreaterThan(1000);
    expect(entriesWith(dataDir, GROUP_OTHER)).toEqual([]);

    const ingest = await cli(["ingest", "--json", "--now", NOW, NOTICE], env);
    expect(ingest.code).toBe(0);
    expect(JSON.parse(ingest.stdout)).toMatchObject({ summary: { total: 1, failed: 0 } });
    expect(entriesWith(dataDir, GROUP_OTHER)).toEqual([]);

    let duringServe: string[] | null = null;
    const serve = await serveSession(dataDir, () => (duringServe = entriesWith(dataDir, GROUP_OTHER_WRITE)));
    expect(serve.code).toBe(0);
    expect(serve.stdout).toMatch(/tlsbot stopped/);
    // While serving, nothing is writable by others (and every folder is 0700, so nothing is even reachable).
    expect(duringServe).toEqual([]);
    expect(entriesWith(dataDir, GROUP_OTHER)).toEqual([]);
    // Nothing was left loose for the next start to complain about.
    expect(serve.stderr).not.toContain("open to other users");
    const again = await cli(["notices", "--json"], { TLSBOT_DATA_DIR: dataDir });
    expect(again.code).toBe(0);
    expect(again.stderr).toBe("");
  }, 180_000);

  it("tightens a directory created 0777 with a 0666 file, and says so", async () => {
    const dataDir = join(tempDir("tlsbot-perm-loose-"), "data");
    mkdirSync(join(dataDir, "notes"), { recursive: true });
    writeFileSync(join(dataDir, "notes", "readme.txt"), "x");
    chmodSync(join(dataDir, "notes", "readme.txt"), 0o666);
    chmodSync(join(dataDir, "notes"), 0o777);
    chmodSync(dataDir, 0o777);
    expect(entriesWith(dataDir, GROUP_OTHER_WRITE)).toHaveLength(3);

    const warnings: StoreWarning[] = [];
    const store = await openStore({ dataDir, onWarning: (w) => warnings.push(w) });
    await store.close();
    expect(warnings).toEqual([{ code: "dataDirPermissionsTightened", params: { dataDir, count: 3 } }]);
    expect(statSync(dataDir).mode & 0o777).toBe(0o700);
    expect(statSync(join(dataDir, "notes")).mode & 0o777).toBe(0o700);
    expect(statSync(join(dataDir, "notes", "readme.txt")).mode & 0o777).toBe(0o600);
    expect(entriesWith(dataDir, GROUP_OTHER)).toEqual([]);

    // Opened again as it is now: nothing to say.
    const quiet: StoreWarning[] = [];
    await (await openStore({ dataDir, onWarning: (w) => quiet.push(w) })).close();
    expect(quiet).toEqual([]);
  }, 120_000);

  it("tightens a cluster left world-writable by an older tlsbot, with the warning on stderr in the user's language", async () => {
    const dataDir = freshDataDir("tlsbot-perm-old-");
    dirs.push(dataDir);
    // What an older tlsbot left: folders 0755 and most PGlite files 0666.
    const loosen = (path: string) => {
      const st = lstatSync(path);
      chmodSync(path, st.isDirectory() ? 0o777 : 0o666);
      if (st.isDirectory()) for (const name of readdirSync(path)) loosen(join(path, name));
    };
    for (const lang of ["ja", "en"] as const) {
      loosen(dataDir);
      const loose = entriesWith(dataDir, GROUP_OTHER).length;
      expect(loose).toBeGreaterThan(1000);
      const run = await cli(["--lang", lang, "notices", "--json"], { TLSBOT_DATA_DIR: dataDir });
      expect(run.code).toBe(0);
      expect(run.stderr).toBe(`${translator(lang)("cli:store.dataDirPermissionsTightened", { dataDir, count: loose })}\n`);
      expect(run.stderr).toContain(lang === "ja" ? "所有者だけ" : "restricted to you alone");
      expect(entriesWith(dataDir, GROUP_OTHER)).toEqual([]);
    }
  }, 120_000);
});
