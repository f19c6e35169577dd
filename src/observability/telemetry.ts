/**
 * What tlsbot counts while it works (ARM requests, scans, chat replies, posts, approvals). Recording goes
 * through this process-wide sink, which does nothing until `tlsbot serve` installs the Prometheus one: a
 * CLI command neither loads prom-client nor keeps counters nobody reads. No I/O here.
 */
export interface Telemetry {
  /** One HTTP attempt against ARM (retries count separately); `api` is "arm" or "resource-graph". */
  armResponse(api: "arm" | "resource-graph", method: string, status: number): void;
  /** Time spent waiting out Resource Graph's per-user quota before a query. */
  graphQuotaWait(ms: number): void;
  scanFinished(scan: { source: string; seconds: number; resources: number; errors: number; outcome: "completed" | "failed" }): void;
  chatReply(platform: string, seconds: number, outcome: "ok" | "error"): void;
  /** `kind`: the post key's prefix (scan, notice, reminder, approval…); `outcome`: sent or failed. */
  post(kind: string, outcome: "sent" | "failed"): void;
  approval(outcome: string): void;
}

const NOOP: Telemetry = {
  armResponse() {}, graphQuotaWait() {}, scanFinished() {}, chatReply() {}, post() {}, approval() {},
};

let current: Telemetry = NOOP;

export function telemetry(): Telemetry {
  return current;
}

/** Installs `sink` for this process; returns a function that puts the previous one back. */
export function installTelemetry(sink: Telemetry): () => void {
  const previous = current;
  current = sink;
  return () => {
    current = previous;
  };
}
