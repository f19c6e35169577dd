// Preloaded into the measured tlsbot processes (`node --import`), since a parent cannot read a child's
// maxRSS: when the process exits it writes, as JSON, to the file named by TLSBOT_BENCH_RSS_FILE:
//   peakKiB                  its peak resident set (resourceUsage().maxRSS, KiB on Linux);
//   firstRequest             when it sent its first outgoing HTTP(S) request (the first ARM call of a
//                            scan): { atMs (since the process started), rssKiB (resident then), peakKiB };
//   exitAtMs                 when it exited, since the process started.
import { subscribe } from "node:diagnostics_channel";
import { writeFileSync } from "node:fs";
import { performance } from "node:perf_hooks";

const file = process.env.TLSBOT_BENCH_RSS_FILE;
if (file) {
  let firstRequest = null;
  const onRequest = () => {
    firstRequest ??= { atMs: performance.now(), rssKiB: process.memoryUsage.rss() / 1024, peakKiB: process.resourceUsage().maxRSS };
  };
  subscribe("http.client.request.start", onRequest);
  process.on("exit", () => {
    writeFileSync(file, JSON.stringify({ peakKiB: process.resourceUsage().maxRSS, firstRequest, exitAtMs: performance.now() }));
  });
}
