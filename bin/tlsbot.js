#!/usr/bin/env node
// Runs the compiled CLI in dist/ (built by `npm ci` through `prepare`, or `npm run build`). When dist/
// is missing or older than a source file (a checkout being edited), it runs the sources through tsx
// instead: same behaviour, a slower start.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { setFlagsFromString } from "node:v8";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

/** True when dist/ was built after every file in src/ was last changed. */
function distIsCurrent() {
  const stamp = join(root, "dist", ".build-started");
  if (!existsSync(stamp)) return false;
  const builtAt = Number(readFileSync(stamp, "utf8"));
  if (!existsSync(join(root, "src"))) return true;
  const stack = [join(root, "src")];
  while (stack.length) {
    const dir = stack.pop();
    if (statSync(dir).mtimeMs > builtAt) return false;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) stack.push(path);
      else if (statSync(path).mtimeMs > builtAt) return false;
    }
  }
  return true;
}

// V8 lets its heap grow to several times what is live before collecting (up to 4× when collection looks
// cheap). tlsbot's work is bursts of short-lived garbage over a small live set (a scan's SDK responses: a
// ≈ 50 MiB live heap under ≈ 120 MiB of garbage), so the default grows the resident set by the garbage.
// Growing by 20% collects sooner: a 200 × 50 scan (`npm run bench scan`'s tenant) peaked ≈ 35 MiB lower for ≈ 8% more
// CPU (README, "Start-up and memory"). Set here, before anything is loaded, so every command gets it.
setFlagsFromString("--heap-growing-percent=20");

// `tlsbot notices | head`: a reader that goes away is not an error worth a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (err) => {
    if (err.code === "EPIPE") process.exit(process.exitCode ?? 0);
    throw err;
  });
}
let entry;
if (process.env.TLSBOT_FROM_SOURCE !== "1" && distIsCurrent()) {
  entry = join(root, "dist", "main.js");
} else {
  const { register } = await import("tsx/esm/api");
  register();
  entry = join(root, "src", "main.ts");
}
const { main } = await import(pathToFileURL(entry).href);
const code = await main();
// Everything is closed by now, but PGlite's WASM runtime leaves a timer that would keep the process
// alive for seconds: exit once what was written has reached stdout and stderr.
const flushed = (stream) => new Promise((resolve) => stream.write("", () => resolve()));
await Promise.all([flushed(process.stdout), flushed(process.stderr)]);
process.exit(code);
