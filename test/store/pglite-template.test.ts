import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { copyTemplateInto } from "../../src/store/pglite/pglite-template.ts";

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

// The package's exports hide package.json: read it next to the entry point, as the store does.
const entry = createRequire(import.meta.url).resolve("@electric-sql/pglite");
const installed = (JSON.parse(readFileSync(join(entry, "..", "..", "package.json"), "utf8")) as { version: string }).version;

/** A stand-in cluster: what matters here is which files get copied where, not PostgreSQL itself. */
function template(version: string): string {
  const dir = mkdtempSync(join(tmpdir(), "tlsbot-template-"));
  dirs.push(dir);
  writeFileSync(join(dir, "PG_VERSION"), "17\n");
  mkdirSync(join(dir, "base"));
  writeFileSync(join(dir, "base", "1"), "data");
  writeFileSync(join(dir, "tlsbot-template-pglite-version"), `${version}\n`);
  return dir;
}

function target(): string {
  const dir = mkdtempSync(join(tmpdir(), "tlsbot-newdir-"));
  dirs.push(dir);
  return join(dir, "pgdata");
}

describe("the install-time cluster template", () => {
  it("is copied into a new data directory, without its version stamp", () => {
    const dest = target();
    expect(copyTemplateInto(dest, template(installed))).toBe(true);
    expect(readFileSync(join(dest, "base", "1"), "utf8")).toBe("data");
    expect(existsSync(join(dest, "PG_VERSION"))).toBe(true);
    expect(existsSync(join(dest, "tlsbot-template-pglite-version"))).toBe(false);
  });

  it("is ignored when another PGlite version made it (initdb runs as before)", () => {
    const dest = target();
    expect(copyTemplateInto(dest, template("0.0.1"))).toBe(false);
    expect(existsSync(dest)).toBe(false);
  });

  it("never touches a directory that already holds a cluster or anything else", () => {
    const existing = target();
    mkdirSync(existing);
    writeFileSync(join(existing, "PG_VERSION"), "17\n");
    expect(copyTemplateInto(existing, template(installed))).toBe(false);
    expect(existsSync(join(existing, "base"))).toBe(false);
    const stray = target();
    mkdirSync(stray);
    writeFileSync(join(stray, "notes.txt"), "mine");
    expect(copyTemplateInto(stray, template(installed))).toBe(false);
    expect(existsSync(join(stray, "PG_VERSION"))).toBe(false);
  });

  it("is skipped when there is none (a checkout without a build)", () => {
    const dest = target();
    expect(copyTemplateInto(dest, join(tmpdir(), "no-such-template-dir"))).toBe(false);
  });
});
