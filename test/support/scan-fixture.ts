import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ArmClients } from "../../src/azure/arm-clients.ts";
import { createArmAccess } from "../../src/azure/create-arm-access.ts";
import { startSimulator, type RunningSimulator, type SimulatorOptions } from "../../src/azure/simulator/index.ts";
import { openStore } from "../../src/store/open-store.ts";
import type { Store } from "../../src/store/store.ts";

export interface ScanFixture {
  readonly sim: RunningSimulator;
  readonly clients: ArmClients;
  readonly store: Store;
  close(): Promise<void>;
}

/** A simulator, real SDK clients trusting its certificate, and a PGlite store in a temp directory. */
export async function scanFixture(options: Omit<SimulatorOptions, "token">): Promise<ScanFixture> {
  const token = "test-token";
  const sim = await startSimulator({ ...options, token });
  const clients = await createArmAccess({ endpoint: sim.url, token, ca: sim.ca });
  const dir = mkdtempSync(join(tmpdir(), "tlsbot-scan-"));
  const store = await openStore({ dataDir: dir });
  return {
    sim, clients, store,
    async close() {
      await store.close();
      await sim.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
