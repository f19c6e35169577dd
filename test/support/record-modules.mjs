// Preloaded (`node --import`) by tests that check which modules a process loads: the URL of every module
// loaded through the ESM loader (a CommonJS package's entry included) is appended to the file named by
// TLSBOT_TEST_MODULES_FILE.
import { register } from "node:module";
import { env } from "node:process";

register("./record-modules-hooks.mjs", import.meta.url, { data: { file: env.TLSBOT_TEST_MODULES_FILE } });
