// `npm run chaos`: the fault campaign (loopback only, bounded). Each fault is injected into real parts
// (the ARM simulator over HTTPS with the real Azure SDK clients, a PostgreSQL cluster of its own) and the
// outcome checked; a summary table is printed and the exit code is 1 when there is any anomaly.
// CHAOS_ONLY=<substring> runs the faults whose name contains it.
import { printTable, type ChaosResult } from "./chaos-report.ts";
import { runPostFaults } from "./post-faults.ts";
import { runPostgresRestart } from "./postgres-restart.ts";
import { runReplicaKill } from "./replica-kill.ts";
import { runScanFault, SCAN_CASES } from "./scan-faults.ts";
import { startThrowawayPostgres } from "./throwaway-postgres.ts";
import { runUpgradeFault, UPGRADE_CASES } from "./upgrade-faults.ts";
import { runUpgradeReplicaKill } from "./upgrade-replica-kill.ts";

const only = process.env["CHAOS_ONLY"];
const results: ChaosResult[] = [];
const pg = await startThrowawayPostgres();
console.log(`chaos: a throwaway PostgreSQL cluster on 127.0.0.1:${pg.port}`);
const started = Date.now();
try {
  for (const [i, c] of SCAN_CASES.entries()) {
    if (only && !c.fault.includes(only)) continue;
    const t = Date.now();
    const r = await runScanFault(c, (name) => pg.database(name), i);
    results.push(r);
    console.log(`  ${r.fault}: ${r.anomalies.length} anomalies (${((Date.now() - t) / 1000).toFixed(1)} s)`);
  }
  for (const [i, c] of UPGRADE_CASES.entries()) {
    if (only && !c.fault.includes(only)) continue;
    const t = Date.now();
    const r = await runUpgradeFault(c, (name) => pg.database(name), i);
    results.push(r);
    console.log(`  ${r.fault}: ${r.anomalies.length} anomalies (${((Date.now() - t) / 1000).toFixed(1)} s)`);
  }
  if (!only || "PostgreSQL restart".includes(only)) {
    const t = Date.now();
    const r = await runPostgresRestart(pg);
    results.push(r);
    console.log(`  ${r.fault}: ${r.anomalies.length} anomalies (${((Date.now() - t) / 1000).toFixed(1)} s)`);
  }
  if (!only || "kill -9 of a replica".includes(only)) {
    const t = Date.now();
    const r = await runReplicaKill(pg);
    results.push(r);
    console.log(`  ${r.fault}: ${r.anomalies.length} anomalies (${((Date.now() - t) / 1000).toFixed(1)} s)`);
  }
  if (!only || "kill -9 of a replica between an upgrade's write and storing it".includes(only)) {
    const t = Date.now();
    const r = await runUpgradeReplicaKill(pg);
    results.push(r);
    console.log(`  ${r.fault}: ${r.anomalies.length} anomalies (${((Date.now() - t) / 1000).toFixed(1)} s)`);
  }
  if (!only || "Teams 503/429 and Slack".includes(only)) {
    const t = Date.now();
    const r = await runPostFaults(pg);
    results.push(r);
    console.log(`  ${r.fault}: ${r.anomalies.length} anomalies (${((Date.now() - t) / 1000).toFixed(1)} s)`);
  }
} finally {
  pg.stop();
}
printTable(results);
console.log(`campaign took ${((Date.now() - started) / 1000).toFixed(0)} s`);
process.exitCode = results.some((r) => r.anomalies.length > 0) ? 1 : 0;
