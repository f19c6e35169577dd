#!/usr/bin/env node
// The bin runs the TypeScript sources directly through tsx, so `npm ci && npx tlsbot` needs no build step.
import { register } from "tsx/esm/api";

register();
const { main } = await import("../src/main.ts");
process.exitCode = await main();
