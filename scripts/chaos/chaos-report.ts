/** One fault injected and what was checked after it. */
export interface ChaosResult {
  readonly fault: string;
  /** Operations whose outcome was checked (resources compared, writes counted, posts verified…). */
  readonly checked: number;
  /** What went wrong: each a sentence; the target is none. */
  readonly anomalies: readonly string[];
  /** What the system did, for the reader (errors reported, retries…). */
  readonly notes: string;
}

export function printTable(results: readonly ChaosResult[]): void {
  const w = Math.max(5, ...results.map((r) => r.fault.length));
  console.log(`\n${"fault".padEnd(w)}  ${"checked".padStart(8)}  ${"anomalies".padStart(9)}  notes`);
  for (const r of results) {
    console.log(`${r.fault.padEnd(w)}  ${String(r.checked).padStart(8)}  ${String(r.anomalies.length).padStart(9)}  ${r.notes}`);
    for (const a of r.anomalies) console.log(`${"".padEnd(w)}  ${"".padStart(8)}  ${"".padStart(9)}  ! ${a}`);
  }
  const total = results.reduce((n, r) => n + r.anomalies.length, 0);
  console.log(`\n${results.length} faults injected, ${results.reduce((n, r) => n + r.checked, 0)} operations checked, ${total} anomalies`);
}
