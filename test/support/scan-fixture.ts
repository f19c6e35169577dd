import { rmSync } from "node:fs";
import type { ArmClients } from "../../src/azure/arm-clients.ts";
import { createArmAccess } from "../../src/azure/create-arm-access.ts";
import { startSimulator, type RunningSimulator, type SimulatorOptions } from "../../src/azure/simulator/index.ts";
import { openStore } from "../../src/store/open-store.ts";
import type { Store } from "../../src/store/store.ts";
import { freshDataDir } from "./data-dir.ts";

export interface ScanFixture {
  readonly sim: RunningSimulator;
  readonly clients: ArmClients;
  readonly store: Store;
  close(): Promise<void>;
}

export interface SharedStore {
  readonly store: Store;
  readonly dataDir: string;
  close(): Promise<void>;
}

/** A PGlite store in a temp directory, removed on close. */
export async function sharedStore(): Promise<SharedStore> {
  const dataDir = freshDataDir("tlsbot-store-");
  const store = await openStore({ dataDir });
  return {
    store, dataDir,
    async close() {
      await store.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * A simulator and real SDK clients trusting its certificate, scanning into `store` when given (the caller
 * keeps it) or into a fresh PGlite store of its own.
 */
export async function scanFixture(options: Omit<SimulatorOptions, "token">, store?: Store, access: { readonly maxResponseBytes?: number } = {}): Promise<ScanFixture> {
  const token = "test-token";
  const sim = await startSimulator({ ...options, token });
  const clients = await createArmAccess({ endpoint: sim.url, token, ca: sim.ca, ...access });
  const own = store ? null : await sharedStore();
  return {
    sim, clients, store: store ?? own!.store,
    async close() {
      await own?.close();
      await sim.close();
    },
  };
}
