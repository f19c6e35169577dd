import { approvalBench } from "./approval-bench.ts";
import { chatBench } from "./chat-bench.ts";
import { limitsBench } from "./limits-bench.ts";
import { loadBench } from "./load-bench.ts";
import { mailBench } from "./mail-bench.ts";
import { scanBench } from "./scan-bench.ts";
import { startBench } from "./start-bench.ts";
import { storeBench } from "./store-bench.ts";

// Each benchmark measures its own baseline in the same run and prints the ratio.
const only = process.argv[2];
if (!only || only === "start") await startBench();
if (!only || only === "store") await storeBench();
if (!only || only === "scan") await scanBench();
if (!only || only === "mail") await mailBench();
if (!only || only === "chat") await chatBench();
if (!only || only === "approval") await approvalBench();
if (!only || only === "limits") await limitsBench();
if (!only || only === "load") await loadBench();
