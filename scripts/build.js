#!/usr/bin/env node
// Compiles src/ into dist/ (run by `npm ci` through `prepare`, or `npm run build`), so the CLI starts
// without transpiling at run time. Files that are not TypeScript (the web chat page, the demo tenant)
// are copied beside the compiled code; locales/ and cards/ are read from the package root by both.
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const src = join(root, "src");
const dist = join(root, "dist");

let tsc;
try {
  tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
} catch {
  // Installed without devDependencies: bin/tlsbot.js then runs the sources through tsx (slower start).
  console.warn("tlsbot build: typescript is not installed; skipping the build (the CLI runs from the sources).");
  process.exit(0);
}

// The stamp records when this build started: a source saved during or after it makes dist/ stale.
const startedAt = Date.now();
rmSync(dist, { recursive: true, force: true });
const result = spawnSync(process.execPath, [tsc, "-p", join(root, "tsconfig.build.json")], { stdio: "inherit", cwd: root });
if (result.status !== 0) {
  rmSync(dist, { recursive: true, force: true });
  console.error("tlsbot build: the TypeScript compiler failed; dist/ was removed so the CLI runs from the sources.");
  process.exit(result.status ?? 1);
}

function copyAssets(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const from = join(dir, entry.name);
    if (entry.isDirectory()) copyAssets(from);
    else if (!entry.name.endsWith(".ts")) {
      const to = join(dist, relative(src, from));
      mkdirSync(dirname(to), { recursive: true });
      cpSync(from, to);
    }
  }
}
copyAssets(src);
if (!existsSync(join(dist, "main.js"))) {
  console.error("tlsbot build: dist/main.js is missing after compiling");
  process.exit(1);
}
// initdb once, here, instead of on every first run (seconds and ~850 MiB each time). In a child process,
// so this script's memory stays small; a failure only costs first runs their speed.
const template = spawnSync(process.execPath, ["--input-type=module", "-e", `await (await import(${JSON.stringify(pathToFileURL(join(dist, "store/pglite/make-template.js")).href)})).makeTemplate()`], { stdio: "inherit", cwd: root });
if (template.status !== 0) console.warn("tlsbot build: could not prepare the empty database template; new data directories will be created from scratch.");
writeFileSync(join(dist, ".build-started"), `${startedAt}\n`);
