import type { App } from "@slack/bolt";

const byApp = new WeakMap<App, Map<string, number>>();
const MAX_TRACKED = 1000;

/**
 * How often each message has been rewritten by this app. An approval's answer is computed, then written;
 * meanwhile the upgrade may finish and its card update (through the Deliverer) land first. Whoever writes
 * checks that nobody wrote since they started, so an older state never overwrites a newer one.
 */
export function messageWrites(app: App) {
  let writes = byApp.get(app);
  if (!writes) byApp.set(app, (writes = new Map()));
  const w = writes;
  const key = (channel: string, ts: string) => `${channel}/${ts}`;
  return {
    version: (channel: string, ts: string): number => w.get(key(channel, ts)) ?? 0,
    /** Call before sending the update, so a writer that started earlier sees it and stands down. */
    touch(channel: string, ts: string): void {
      const k = key(channel, ts);
      const next = (w.get(k) ?? 0) + 1;
      w.delete(k);
      w.set(k, next);
      // Forgetting the oldest only ever makes a late writer stand down, never overwrite.
      if (w.size > MAX_TRACKED) w.delete(w.keys().next().value as string);
    },
  };
}
