// Preloaded into the measured tlsbot processes (`node --import`): writes the process's peak RSS (KiB)
// to the file named by TLSBOT_BENCH_RSS_FILE when it exits, since a parent cannot read a child's maxRSS.
import { writeFileSync } from "node:fs";

process.on("exit", () => {
  const file = process.env.TLSBOT_BENCH_RSS_FILE;
  if (file) writeFileSync(file, String(process.resourceUsage().maxRSS));
});
