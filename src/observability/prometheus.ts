import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import type { Telemetry } from "./telemetry.ts";

export interface PrometheusTelemetry extends Telemetry {
  readonly registry: Registry;
  /** The exposition text and its content type, for GET /metrics. */
  render(): Promise<{ contentType: string; body: string }>;
}

/**
 * Prometheus metrics for one `tlsbot serve` process (prom-client). Labels are bounded sets (status codes,
 * platforms, outcomes, post kinds), never ids, names or text a user typed: /metrics stays cheap to scrape
 * and tells nobody what is in the inventory.
 */
export function createPrometheusTelemetry(): PrometheusTelemetry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "tlsbot_" });
  const armRequests = new Counter({ name: "tlsbot_arm_requests_total", help: "HTTP attempts against Azure Resource Manager (retries included), by API, method and status.", labelNames: ["api", "method", "status"], registers: [registry] });
  const armThrottled = new Counter({ name: "tlsbot_arm_throttled_total", help: "ARM answers that asked tlsbot to slow down (429, 503), by API and status.", labelNames: ["api", "status"], registers: [registry] });
  const quotaWaits = new Counter({ name: "tlsbot_resource_graph_quota_waits_total", help: "Times a Resource Graph query waited for the per-user quota to refill.", registers: [registry] });
  const quotaWaitSeconds = new Counter({ name: "tlsbot_resource_graph_quota_wait_seconds_total", help: "Seconds spent waiting for the Resource Graph per-user quota.", registers: [registry] });
  const scanDuration = new Histogram({ name: "tlsbot_scan_duration_seconds", help: "Scan duration, storing the snapshot included, by source and outcome.", labelNames: ["source", "outcome"], buckets: [1, 5, 15, 30, 60, 120, 300, 600, 1800], registers: [registry] });
  const scanResources = new Gauge({ name: "tlsbot_scan_resources", help: "Resources found by the last scan, by source.", labelNames: ["source"], registers: [registry] });
  const scanErrors = new Gauge({ name: "tlsbot_scan_subscription_errors", help: "Subscriptions the last scan could not read, by source.", labelNames: ["source"], registers: [registry] });
  const chatLatency = new Histogram({ name: "tlsbot_chat_reply_seconds", help: "Time from a chat message (or card action) to tlsbot's answer, by platform and outcome.", labelNames: ["platform", "outcome"], buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10], registers: [registry] });
  const posts = new Counter({ name: "tlsbot_posts_total", help: "Proactive posts to subscribed conversations, by kind (scan, notice, reminder, …) and outcome.", labelNames: ["kind", "outcome"], registers: [registry] });
  const approvals = new Counter({ name: "tlsbot_approvals_total", help: "Approval requests reaching a state, by outcome (pending, approved, applied, rejected, failed, expired, …).", labelNames: ["outcome"], registers: [registry] });
  return {
    registry,
    armResponse(api, method, status) {
      armRequests.inc({ api, method, status: String(status) });
      if (status === 429 || status === 503) armThrottled.inc({ api, status: String(status) });
    },
    graphQuotaWait(ms) {
      quotaWaits.inc();
      quotaWaitSeconds.inc(ms / 1000);
    },
    scanFinished({ source, seconds, resources, errors, outcome }) {
      scanDuration.observe({ source, outcome }, seconds);
      scanResources.set({ source }, resources);
      scanErrors.set({ source }, errors);
    },
    chatReply(platform, seconds, outcome) {
      chatLatency.observe({ platform, outcome }, seconds);
    },
    post(kind, outcome) {
      posts.inc({ kind, outcome });
    },
    approval(outcome) {
      approvals.inc({ outcome });
    },
    async render() {
      return { contentType: registry.contentType, body: await registry.metrics() };
    },
  };
}
