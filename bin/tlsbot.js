#!/usr/bin/env node
// The bin runs the TypeScript sources directly through tsx, so `npm ci && npx tlsbot` needs no build step.
import { register } from "tsx/esm/api";

register();
// `tlsbot notices | head`: a reader that goes away is not an error worth a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (err) => {
    if (err.code === "EPIPE") process.exit(process.exitCode ?? 0);
    throw err;
  });
}
const { main } = await import("../src/main.ts");
process.exitCode = await main();
