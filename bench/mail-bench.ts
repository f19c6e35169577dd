import { fork } from "node:child_process";

interface MailBenchResult { count: number; bytes: number; decodeMs: number; parseMs: number; tls: number; withDeadline: number; rssCorpus: number; rssPeak: number }

/**
 * Notice parsing (MIME decode + HTML to text + extraction + trust) vs raw MIME decoding alone with
 * postal-mime, over the same generated mails in the same process. Target: ≥ 300 mails/s.
 */
export async function mailBench(): Promise<void> {
  const count = Number(process.env["BENCH_MAILS"] ?? 5000);
  const result = await new Promise<MailBenchResult>((resolve, reject) => {
    const child = fork("bench/mail-bench-process.ts", [String(count)], { execArgv: ["--import", "tsx", "--expose-gc"] });
    child.once("message", (m) => resolve(m as MailBenchResult));
    child.once("exit", (code) => (code === 0 ? undefined : reject(new Error(`mail bench exited ${code}`))));
  });
  const perSec = (ms: number) => (result.count / (ms / 1000)).toFixed(0);
  console.log(`\nmail parsing: ${result.count} HTML mails, ${(result.bytes / result.count / 1024).toFixed(1)} KB each (${(result.bytes / 1024 / 1024).toFixed(0)} MB)`);
  console.log(`  baseline  postal-mime decode only   ${perSec(result.decodeMs).padStart(6)} mails/s  (${result.decodeMs.toFixed(0)} ms)`);
  console.log(`  tlsbot    parseNotice (full)         ${perSec(result.parseMs).padStart(6)} mails/s  (${result.parseMs.toFixed(0)} ms)  = ${(result.parseMs / result.decodeMs).toFixed(2)}× the decode time; target ≥ 300 mails/s: ${Number(perSec(result.parseMs)) >= 300 ? "met" : "NOT met"}`);
  console.log(`  classified TLS ${result.tls}/${result.count} (expected ${result.count - Math.ceil(result.count / 5)}), deadline found ${result.withDeadline}`);
  console.log(`  RSS: ${result.rssCorpus} MiB with the corpus in memory, peak ${result.rssPeak} MiB (+${result.rssPeak - result.rssCorpus} MiB while parsing)`);
}
