import type { ArmClients } from "../arm-clients.ts";
import type { SubscriptionRecord } from "../../store/store.ts";

/**
 * Every subscription the identity can list, or the configured ones. Configured ids the identity cannot
 * list are still scanned (the scan then reports why they fail) rather than silently dropped.
 */
export async function listSubscriptions(clients: ArmClients, configured: readonly string[] | undefined, signal: AbortSignal): Promise<SubscriptionRecord[]> {
  const listed: SubscriptionRecord[] = [];
  try {
    for await (const s of clients.subscriptions().subscriptions.list({ abortSignal: signal })) {
      if (s.subscriptionId) listed.push({ subscriptionId: s.subscriptionId, displayName: s.displayName ?? s.subscriptionId, state: s.state ?? "Unknown" });
    }
  } catch (err) {
    if (!configured || configured.length === 0) throw err;
    // Listing is not needed when the ids are configured; each subscription's scan reports its own access.
  }
  if (!configured || configured.length === 0) return listed.filter((s) => s.state !== "Disabled");
  const byId = new Map(listed.map((s) => [s.subscriptionId.toLowerCase(), s]));
  return configured.map((id) => byId.get(id.toLowerCase()) ?? { subscriptionId: id, displayName: id, state: "Unknown" });
}
