// One embedded-store candidate in its own process (flags and memory are per process): opens the data
// directory given (creating it when empty), runs the queries an `ask` runs, closes, and reports
// { ms, peakMiB } over IPC. argv: dir, candidate.
import { setFlagsFromString } from "node:v8";
import { PGlite } from "@electric-sql/pglite";
import { PGLITE_SETTINGS } from "../src/store/pglite/pglite-executor.ts";
import { copyTemplateInto } from "../src/store/pglite/pglite-template.ts";
import { migrate } from "../src/store/migrations/migrate.ts";

const [dir, candidate] = process.argv.slice(2) as [string, string];
const started = performance.now();
const small = candidate !== "default";
if (candidate.includes("liftoff")) setFlagsFromString("--liftoff-only");
if (candidate.includes("template")) copyTemplateInto(dir);
const db = await PGlite.create(dir, small ? { startParams: [...PGlite.defaultStartParams, ...PGLITE_SETTINGS.flatMap((s) => ["-c", s])] } : {});
await migrate({
  query: async <T>(sql: string, params: readonly unknown[] = []) => ({ rows: (await db.query<T>(sql, [...params])).rows }),
  exec: async (sql) => void (await db.exec(sql)),
  transaction: (fn) => db.transaction((tx) => fn({
    query: async <T>(sql: string, params: readonly unknown[] = []) => ({ rows: (await tx.query<T>(sql, [...params])).rows }),
    exec: async (sql) => void (await tx.exec(sql)), transaction: () => { throw new Error("nested"); }, close: async () => {},
  })),
  close: async () => {},
});
await db.query("SELECT finding FROM resources_current");
await db.query("SELECT * FROM notices ORDER BY id DESC LIMIT 200");
await db.close();
process.send?.({ ms: performance.now() - started, peakMiB: process.resourceUsage().maxRSS / 1024 });
process.exit(0);
