import { InventoryIndex } from "../conversation/inventory-index.ts";
import type { Store } from "../store/store.ts";
import type { Poster } from "./poster.ts";
import { scanBroadcast } from "./scan-broadcast.ts";

const CURSOR = "proactive:scans";

/**
 * Posts the differences of every scan completed since the last call — whoever ran it (chat, CLI, a
 * schedule, another replica). The first call only remembers where the history stands: installing the bot
 * does not replay old scans into channels.
 */
export async function postNewScans(store: Store, poster: Poster, now: () => Date): Promise<number> {
  // A scan whose replica died would otherwise hold the cursor below for ever.
  await store.reapInterruptedScans();
  const latest = await store.latestCompletedScan();
  if (!latest) return 0;
  const cursor = await store.getCursor(CURSOR);
  if (cursor === null) {
    await store.setCursor(CURSOR, String(latest.id), now().toISOString());
    return 0;
  }
  let posted = 0;
  const subscriptions = await store.listSubscriptions();
  const names = new Map(subscriptions.map((s) => [s.subscriptionId.toLowerCase(), s.displayName]));
  // The inventory a question asked now would list: what a post offers to list is counted in it.
  let index: InventoryIndex | null = null;
  for (let id = Number(cursor) + 1; id <= latest.id; id++) {
    const scan = await store.getScan(id);
    // A scan still running holds the cursor: its differences are posted once it completes.
    if (scan?.status === "running") break;
    if (scan?.status === "completed") {
      const changes = await store.scanChanges(id);
      if (changes.length) {
        const at = now();
        index ??= new InventoryIndex(await store.currentResources(), subscriptions, await store.listRetirements(), at, `scan:${latest.id}`);
        posted += (await poster.post(`scan:${id}`, scanBroadcast(changes, names, at, index))).sent;
      }
    }
    await store.setCursor(CURSOR, String(id), now().toISOString());
  }
  return posted;
}
