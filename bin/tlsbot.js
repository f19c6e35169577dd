#!/usr/bin/env node
// The bin runs the TypeScript sources directly through tsx, so `npm ci && npx tlsbot` needs no build step.
import { register } from "tsx/esm/api";

register();
const { runCli } = await import("../src/cli/run-cli.ts");
process.exitCode = await runCli(process.argv.slice(2), process.env);
