import { fork } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Finding } from "../src/domain/resource.ts";

/** Peak resident set size of this process so far, in MiB. */
export function peakRssMiB(): number {
  // resourceUsage().maxRSS is in KiB on Linux.
  return Math.round(process.resourceUsage().maxRSS / 1024);
}

export async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await fn();
  return { ms: performance.now() - start, value };
}

export function ratio(baselineMs: number, ms: number): string {
  return `${(baselineMs / ms).toFixed(1)}×`;
}

/** The q-quantile (0..1) of a sample, nearest rank. */
export function percentile(xs: readonly number[], q: number): number {
  return [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * q))] ?? 0;
}

/** One line of a benchmark table: label, p50, p95. */
export function pRow(label: string, xs: readonly number[]): string {
  return `  ${label.padEnd(56)} p50 ${percentile(xs, 0.5).toFixed(2).padStart(8)} ms   p95 ${percentile(xs, 0.95).toFixed(2).padStart(8)} ms`;
}

/**
 * A migrated, empty PGlite data directory made in a throw-away process: creating a cluster peaks near
 * 1 GiB, which would otherwise stay in the measuring process's heap and RSS.
 */
export async function freshStoreDir(prefix: string): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  await new Promise<void>((resolve, reject) => {
    fork("bench/init-store-process.ts", [dir], { execArgv: ["--import", "tsx"] }).once("exit", (code) => (code === 0 ? resolve() : reject(new Error(`store init exited ${code}`))));
  });
  return dir;
}

/**
 * `n` findings spread over 100 subscriptions, two thirds Redis caches and one third IoT hubs, with a
 * mix of TLS settings: the inventory shape the chat benchmark uses, named `redis-<i>` / `iot-<i>`.
 */
export function syntheticFindings(n: number): { findings: Finding[]; subscriptions: string[] } {
  const subscriptions = Array.from({ length: 100 }, (_, i) => `00000000-0000-4000-a000-${String(i).padStart(12, "0")}`);
  const tls = ["1.0", "1.1", "1.2", "1.2", "1.2", "unknown"] as const;
  const findings = Array.from({ length: n }, (_, i): Finding => {
    const sub = subscriptions[i % subscriptions.length]!;
    const redis = i % 3 !== 0;
    const eff = tls[(i * 7) % tls.length]!;
    const name = `${redis ? "redis" : "iot"}-${i}`;
    return {
      id: `/subscriptions/${sub}/resourceGroups/rg-${i % 40}/providers/${redis ? "Microsoft.Cache/Redis" : "Microsoft.Devices/IotHubs"}/${name}`,
      kind: redis ? "redis" : "iothub", type: redis ? "Microsoft.Cache/redis" : "Microsoft.Devices/IotHubs", name, subscriptionId: sub, resourceGroup: `rg-${i % 40}`,
      location: "japaneast", rawTls: eff === "unknown" ? null : eff, createdAt: null, tags: {}, extra: {},
      configuredTls: eff === "unknown" ? null : eff, effectiveTls: eff, status: eff === "1.2" ? "compliant" : eff === "unknown" ? "unknown" : "overdue",
      deadline: redis ? "2025-03-01" : "2025-08-31", retirementId: redis ? "redis-tls10-11" : "iothub-tls10-11", reason: "configured",
    };
  });
  return { findings, subscriptions };
}
