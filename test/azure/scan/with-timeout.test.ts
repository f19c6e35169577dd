import { describe, expect, it } from "vitest";
import { TimeoutError, withTimeout } from "../../../src/azure/scan/with-timeout.ts";

describe("a subscription's time limit", () => {
  it("hands the work a signal that is already aborted when the scan was cancelled before its turn", async () => {
    const scan = new AbortController();
    scan.abort(new Error("cancelled"));
    let seen: AbortSignal | null = null;
    await expect(withTimeout(60_000, scan.signal, async (signal) => {
      seen = signal;
      signal.throwIfAborted();
      return "read";
    })).rejects.toThrow("cancelled");
    expect(seen!.aborted).toBe(true);
  });

  it("aborts the work when the scan is cancelled while it runs, and says when time ran out instead", async () => {
    const scan = new AbortController();
    const running = withTimeout(60_000, scan.signal, (signal) => new Promise((_, reject) => signal.addEventListener("abort", () => reject(signal.reason))));
    scan.abort(new Error("cancelled"));
    await expect(running).rejects.toThrow("cancelled");
    await expect(withTimeout(20, undefined, (signal) => new Promise((_, reject) => signal.addEventListener("abort", () => reject(signal.reason)))))
      .rejects.toBeInstanceOf(TimeoutError);
  });
});
