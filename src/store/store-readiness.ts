import { MIGRATIONS } from "./migrations/index.ts";
import type { SqlExecutor } from "./sql-executor.ts";

export type Readiness = { readonly ready: true } | { readonly ready: false; readonly reason: "storeUnreachable" | "migrationsPending" };

/**
 * Whether this process can serve: the store answers within `timeoutMs` and holds every migration this
 * version knows. Only a code comes back, never the driver's message (it may quote the connection string).
 */
export async function storeReadiness(exec: SqlExecutor, timeoutMs = 2_000): Promise<Readiness> {
  const newest = Math.max(...MIGRATIONS.map((m) => m.version));
  let timer: NodeJS.Timeout | undefined;
  try {
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error("timeout")), timeoutMs);
    });
    const { rows } = await Promise.race([exec.query<{ version: number | null }>("SELECT max(version) AS version FROM schema_migrations"), timeout]);
    return Number(rows[0]?.version ?? 0) >= newest ? { ready: true } : { ready: false, reason: "migrationsPending" };
  } catch {
    return { ready: false, reason: "storeUnreachable" };
  } finally {
    clearTimeout(timer);
  }
}
