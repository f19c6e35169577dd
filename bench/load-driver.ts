import { randomUUID } from "node:crypto";
import { createServer, Agent, request } from "node:http";
import type { AddressInfo } from "node:net";
import { percentile } from "./bench-util.ts";

/** What a user says, in turn: list questions each followed by "more" (the next page), and one resource's detail. */
const STEPS = ["which caches are below 1.2", "more", "what is overdue", "more", "redis-42", "iot hubs on 1.0", "more", "unknown resources", "more"];
const NO_MORE = "There is no list to continue yet";

export interface Sample {
  readonly latencies: number[];
  readonly errors: number;
  readonly seconds: number;
  /** What the errors were: an HTTP status or a socket error code, with counts. */
  readonly kinds: ReadonlyMap<string, number>;
}

/** Where the replies go: a Bot Connector that counts and forgets (a long run keeps no activities). */
export async function startSinkConnector(): Promise<{ serviceUrl: string; replies: () => number; noMore: () => number; close: () => Promise<void> }> {
  let replies = 0;
  let noMore = 0;
  let next = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      replies++;
      // A "more" answered "nothing to continue" lost its list: with the cursor in the store, never.
      if (Buffer.concat(chunks).includes(NO_MORE)) noMore++;
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ id: `sink-${next++}` }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    serviceUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    replies: () => replies,
    noMore: () => noMore,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** The lone user's number, apart from the loaded run's users. */
const SOLO = 1_000_000;

/** One user's conversation, starting at a step of its own; never "more" as a first message. */
const textOf = (user: number, i: number) => {
  const step = (user * 2 + i) % STEPS.length;
  return i === 0 && STEPS[step] === "more" ? STEPS[(step + 1) % STEPS.length]! : STEPS[step]!;
};

export function loadDriver(servers: readonly string[], connectorUrl: string, maxSockets: number) {
  // Idle connections are closed after 4 s, before the server's 5 s keep-alive timeout: reusing one the
  // server is closing at that moment would fail as ECONNRESET, an error of the load generator's own.
  const agent = new Agent({ keepAlive: true, maxSockets, timeout: 4000 });
  const ask = (server: string, conversation: string, text: string) => new Promise<number>((resolve, reject) => {
    const data = Buffer.from(JSON.stringify({
      type: "message", id: randomUUID(), channelId: "webchat", serviceUrl: connectorUrl, from: { id: conversation }, recipient: { id: "tlsbot" },
      conversation: { id: conversation }, text, locale: "en-US",
    }));
    const req = request(`${server}/api/messages`, { method: "POST", headers: { "content-type": "application/json", "content-length": data.length }, agent }, (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode ?? 0));
    });
    req.on("error", reject);
    req.end(data);
  });
  // Like a load balancer without affinity: a user's messages go to the replicas in turn, so a "more"
  // usually reaches another replica than the list it continues.
  const timedAsk = async (user: number, i: number, into: number[], errors: { n: number; kinds: Map<string, number> }) => {
    const t = performance.now();
    let failure: string | null = null;
    try {
      const status = await ask(servers[(user + i) % servers.length]!, `load-${user}`, textOf(user, i));
      if (status !== 200) failure = `HTTP ${status}`;
    } catch (err) {
      failure = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
    }
    if (failure) {
      errors.n++;
      errors.kinds.set(failure, (errors.kinds.get(failure) ?? 0) + 1);
    }
    into.push(performance.now() - t);
  };

  return {
    /** One user alone, one message after another: `warm` unmeasured first. */
    async single(requests: number, warm: number): Promise<Sample> {
      const latencies: number[] = [];
      const errors = { n: 0, kinds: new Map<string, number>() };
      for (let i = 0; i < warm; i++) await timedAsk(SOLO, i, [], errors);
      const start = performance.now();
      for (let i = 0; i < requests; i++) await timedAsk(SOLO, warm + i, latencies, errors);
      return { latencies, errors: errors.n, kinds: errors.kinds, seconds: (performance.now() - start) / 1000 };
    },
    /**
     * `users` at once for `seconds`; each sends its next message `think()` ms after the previous answer
     * (0: a closed loop with no pause, which measures capacity). `tick` is called each second.
     */
    async run(users: number, seconds: number, think: () => number, tick: () => void): Promise<Sample> {
      const latencies: number[] = [];
      const errors = { n: 0, kinds: new Map<string, number>() };
      const ticker = setInterval(tick, 1000);
      const start = performance.now();
      const end = Date.now() + seconds * 1000;
      await Promise.all(Array.from({ length: users }, async (_, u) => {
        // Users arrive spread over one think time rather than all in the same millisecond.
        const first = think();
        if (first > 0) await new Promise((r) => setTimeout(r, Math.random() * first));
        for (let i = 0; Date.now() < end; i++) {
          await timedAsk(u, i, latencies, errors);
          const pause = think();
          if (pause > 0) await new Promise((r) => setTimeout(r, Math.min(pause, Math.max(0, end - Date.now()))));
        }
      }));
      clearInterval(ticker);
      return { latencies, errors: errors.n, kinds: errors.kinds, seconds: (performance.now() - start) / 1000 };
    },
    close: () => agent.destroy(),
  };
}

/** Exponentially distributed pauses with mean `meanMs` (a Poisson arrival per user). */
export const exponential = (meanMs: number) => () => -Math.log(1 - Math.random()) * meanMs;

const f = (xs: readonly number[], q: number) => percentile(xs, q).toFixed(1).padStart(7);

export function loadRow(label: string, s: Sample, extra = ""): string {
  return `  ${label.padEnd(34)} p50 ${f(s.latencies, 0.5)} ms  p95 ${f(s.latencies, 0.95)} ms  p99 ${f(s.latencies, 0.99)} ms  ` +
    `${String(s.latencies.length).padStart(6)} requests ${(s.latencies.length / s.seconds).toFixed(0).padStart(4)}/s  ${s.errors} errors` +
    `${s.errors ? ` (${[...s.kinds].map(([k, n]) => `${k}: ${n}`).join(", ")})` : ""}${extra}`;
}
