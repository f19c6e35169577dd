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
