import PostalMime from "postal-mime";
import { parseNotice } from "../src/notices/parse-notice.ts";
import { peakRssMiB } from "./bench-util.ts";
import { generateMail } from "./generate-mails.ts";

// Runs in its own process so that its peak RSS is the mail pipeline's alone.
const COUNT = Number(process.argv[2] ?? 5000);
const mails = Array.from({ length: COUNT }, (_, i) => generateMail(i));
const bytes = mails.reduce((n, m) => n + m.byteLength, 0);
global.gc?.();
const rssCorpus = Math.round(process.memoryUsage().rss / 1024 / 1024);

async function pass(fn: (m: Uint8Array) => Promise<unknown>): Promise<number> {
  const start = performance.now();
  for (const m of mails) await fn(m);
  return performance.now() - start;
}

// Warm both paths (JIT, lazy tables) before timing.
for (const m of mails.slice(0, 200)) {
  await PostalMime.parse(m);
  await parseNotice(m);
}
const decodeMs = await pass((m) => PostalMime.parse(m));
let tls = 0;
let withDeadline = 0;
const parseMs = await pass(async (m) => {
  const n = await parseNotice(m);
  if (n.isTls) tls++;
  if (n.deadline) withDeadline++;
});
process.send?.({ count: COUNT, bytes, decodeMs, parseMs, tls, withDeadline, rssCorpus, rssPeak: peakRssMiB() });
