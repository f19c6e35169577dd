/** Maps with at most `limit` calls in flight, keeping input order in the result. */
export async function mapBounded<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index] as T, index);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}

/**
 * Like `mapBounded` for work that arrives over time (a page at a time): runs tasks with at most `limit` in
 * flight; `done()` waits for every task run so far. Tasks must not reject.
 */
export function taskPool(limit: number): { run(task: () => Promise<void>): void; done(): Promise<unknown> } {
  let active = 0;
  const waiting: Array<() => void> = [];
  const all: Promise<void>[] = [];
  return {
    run(task) {
      all.push(new Promise<void>((resolve) => {
        const start = () => {
          active += 1;
          void task().finally(() => {
            active -= 1;
            waiting.shift()?.();
            resolve();
          });
        };
        if (active < Math.max(1, limit)) start();
        else waiting.push(start);
      }));
    },
    done: () => Promise.all(all),
  };
}
