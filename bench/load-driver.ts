import { randomUUID } from "node:crypto";
import { Agent, request } from "node:http";
import { percentile } from "./bench-util.ts";

/** What users ask, each followed by "more" (the next page of the same list). */
const QUESTIONS = ["which caches are below 1.2", "what is overdue", "iot hubs on 1.0", "unknown resources", "redis-42"];

export interface LoadResult {
  readonly single: number[];
  readonly singleErrors: number;
  readonly latencies: number[];
  readonly errors: number;
}

/**
 * One user alone (the baseline, warm), then `users` at once for `seconds`, each in its own conversation,
 * asking and paging with no pause. A user always talks to the same server (`servers[u % n]`): "more"
 * continues a list the answering replica remembers. `sample` is called each second while loaded.
 */
export async function driveLoad(servers: readonly string[], connectorUrl: string, users: number, seconds: number, sample: () => void): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: users });
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
  const timedAsk = async (server: string, conversation: string, text: string, into: number[] | null, errors: { n: number }) => {
    const t = performance.now();
    try {
      if ((await ask(server, conversation, text)) !== 200) errors.n++;
    } catch {
      errors.n++;
    }
    into?.push(performance.now() - t);
  };
  const single: number[] = [];
  const singleErrors = { n: 0 };
  for (let i = 0; i < 60; i++) await timedAsk(servers[0]!, "load-single", i % 2 ? "more" : QUESTIONS[(i / 2) % QUESTIONS.length | 0]!, i < 10 ? null : single, singleErrors);
  const latencies: number[] = [];
  const errors = { n: 0 };
  const sampler = setInterval(sample, 1000);
  const end = Date.now() + seconds * 1000;
  await Promise.all(Array.from({ length: users }, async (_, u) => {
    for (let i = 0; Date.now() < end; i++) await timedAsk(servers[u % servers.length]!, `load-${u}`, i % 2 ? "more" : QUESTIONS[(u + i) % QUESTIONS.length]!, latencies, errors);
  }));
  clearInterval(sampler);
  agent.destroy();
  return { single, singleErrors: singleErrors.n, latencies, errors: errors.n };
}

const f = (xs: number[], q: number) => percentile(xs, q).toFixed(1).padStart(7);

export function printLoad(r: LoadResult, users: number, seconds: number, logged: number): void {
  console.log(`  one user (baseline)   p50 ${f(r.single, 0.5)} ms  p95 ${f(r.single, 0.95)} ms  p99 ${f(r.single, 0.99)} ms  ${r.single.length} requests, ${r.singleErrors} errors`);
  console.log(`  ${String(users).padStart(3)} users at once    p50 ${f(r.latencies, 0.5)} ms  p95 ${f(r.latencies, 0.95)} ms  p99 ${f(r.latencies, 0.99)} ms  ` +
    `${r.latencies.length} requests (${(r.latencies.length / seconds).toFixed(0)}/s), ${r.errors} errors, ${logged} logged — p95 ${(percentile(r.latencies, 0.95) / percentile(r.single, 0.95)).toFixed(1)}× the single user's (target p95 ≤ 100 ms, 0 errors)`);
}
