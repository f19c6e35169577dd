import { scanBench } from "./scan-bench.ts";

// Each benchmark measures its own baseline in the same run and prints the ratio.
await scanBench();
