import { fork, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { fileURLToPath } from "node:url";

export type SimCommand =
  /** Operations in progress complete at their next poll. */
  | { readonly type: "release" }
  /** What the simulator recorded (from index `from` on), optionally of one method; with the total so far. */
  | { readonly type: "requests"; readonly method?: string; readonly from?: number }
  /** Puts a resource's properties back to the tenant file's. */
  | { readonly type: "reset"; readonly resourceId: string };

export interface SimWrite { readonly method: string; readonly path: string; readonly status: number }

export type SimEvent =
  | { readonly type: "ready"; readonly url: string; readonly ca: string }
  | { readonly type: "write"; readonly request: SimWrite }
  | { readonly type: "reply"; readonly id: number; readonly ok: boolean; readonly value: unknown };

export interface SimulatorChild {
  readonly url: string;
  readonly ca: string;
  readonly token: string;
  /** Every write (PATCH, PUT, POST…) the simulator answered, in order, as announced by the child. */
  readonly writes: readonly SimWrite[];
  release(): Promise<number>;
  requests(filter?: { method?: string; from?: number }): Promise<{ total: number; items: SimWrite[] }>;
  reset(resourceId: string): Promise<void>;
  /** Resolves with the first announced write (from `from` on) that matches. */
  waitForWrite(match: (w: SimWrite) => boolean, from?: number, timeoutMs?: number): Promise<SimWrite>;
  close(): Promise<void>;
}

const ENTRY = fileURLToPath(new URL("./simulator-process.ts", import.meta.url));

/**
 * The ARM simulator in a process of its own (`simulator-process.ts`): 202 for Redis writes, each
 * operation "in progress" for `pollsBeforeDone` polls unless released.
 */
export async function startSimulatorChild(tenantFile: string, pollsBeforeDone: number): Promise<SimulatorChild> {
  const token = randomBytes(18).toString("base64url");
  const child: ChildProcess = fork(ENTRY, [tenantFile, String(pollsBeforeDone), token], { execArgv: ["--import", "tsx"], stdio: ["ignore", "inherit", "inherit", "ipc"] });
  const writes: SimWrite[] = [];
  const waiting = new Set<() => void>();
  const replies = new Map<number, (e: Extract<SimEvent, { type: "reply" }>) => void>();
  let next = 0;
  const ready = new Promise<{ url: string; ca: string }>((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`simulator process exited with ${code}`)));
    child.on("message", (raw) => {
      const e = raw as SimEvent;
      if (e.type === "ready") resolve(e);
      else if (e.type === "write") {
        writes.push(e.request);
        for (const w of [...waiting]) w();
      } else replies.get(e.id)?.(e);
    });
  });
  const { url, ca } = await ready;

  const call = (cmd: SimCommand) => new Promise<unknown>((resolve, reject) => {
    const id = next++;
    replies.set(id, (e) => {
      replies.delete(id);
      if (e.ok) resolve(e.value);
      else reject(new Error(String(e.value)));
    });
    child.send({ id, cmd });
  });

  return {
    url, ca, token, writes,
    release: async () => ((await call({ type: "release" })) as { released: number }).released,
    requests: async (filter = {}) => (await call({ type: "requests", ...filter })) as { total: number; items: SimWrite[] },
    reset: async (resourceId) => void (await call({ type: "reset", resourceId })),
    waitForWrite: (match, from = 0, timeoutMs = 30_000) => new Promise((resolve, reject) => {
      const check = () => {
        const found = writes.slice(from).find(match);
        if (!found) return;
        waiting.delete(check);
        clearTimeout(timer);
        resolve(found);
      };
      const timer = setTimeout(() => {
        waiting.delete(check);
        reject(new Error(`no matching write within ${timeoutMs} ms; writes: ${JSON.stringify(writes.slice(from))}`));
      }, timeoutMs);
      waiting.add(check);
      check();
    }),
    close: () => new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once("exit", () => resolve());
      child.send("stop");
    }),
  };
}
