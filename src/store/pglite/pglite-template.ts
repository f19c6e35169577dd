import { cpSync, existsSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

/**
 * A migrated, empty PGlite cluster made once at install (`npm run build`): creating one costs seconds and
 * ~850 MiB (initdb runs in a second WASM instance), copying it a fraction of a second. Same folder depth
 * from src/store/pglite/ and dist/store/pglite/, so both find it.
 */
export const TEMPLATE_DIR = fileURLToPath(new URL("../../../dist/pgdata-template/", import.meta.url));
const STAMP = "tlsbot-template-pglite-version";

function pgliteVersion(): string {
  const require = createRequire(import.meta.url);
  const entry = require.resolve("@electric-sql/pglite");
  // …/node_modules/@electric-sql/pglite/dist/index.cjs → the package's own package.json.
  const pkg = JSON.parse(readFileSync(new URL("../package.json", `file://${entry}`), "utf8")) as { version: string };
  return pkg.version;
}

/** Copies the template into `dir` when `dir` holds no cluster yet and the template fits this PGlite. */
export function copyTemplateInto(dir: string, template: string = TEMPLATE_DIR): boolean {
  if (existsSync(`${dir}/PG_VERSION`) || !existsSync(`${template}/PG_VERSION`)) return false;
  if (existsSync(dir) && readdirSync(dir).length > 0) return false;
  let stamp: string;
  try {
    stamp = readFileSync(`${template}/${STAMP}`, "utf8").trim();
  } catch {
    return false;
  }
  if (stamp !== pgliteVersion()) return false;
  cpSync(template, dir, { recursive: true });
  rmSync(`${dir}/${STAMP}`, { force: true });
  return true;
}

/** Builds the template with `create` (open + migrate + close) in a scratch folder, then moves it in place. */
export async function buildTemplate(create: (dir: string) => Promise<void>, template: string = TEMPLATE_DIR): Promise<void> {
  const scratch = `${template.replace(/\/$/, "")}.tmp`;
  rmSync(scratch, { recursive: true, force: true });
  await create(scratch);
  writeFileSync(`${scratch}/${STAMP}`, `${pgliteVersion()}\n`);
  rmSync(template, { recursive: true, force: true });
  renameSync(scratch, template);
}
