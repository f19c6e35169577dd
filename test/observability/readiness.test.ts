import { rmSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { opsRoutes } from "../../src/channels/http/ops-routes.ts";
import { startHttpServer, type RunningHttpServer } from "../../src/channels/http/http-server.ts";
import { MIGRATIONS } from "../../src/store/migrations/index.ts";
import { migrate } from "../../src/store/migrations/migrate.ts";
import { openPgliteExecutor } from "../../src/store/pglite/pglite-executor.ts";
import { storeReadiness } from "../../src/store/store-readiness.ts";
import { freshDataDir } from "../support/data-dir.ts";

let server: RunningHttpServer | null = null;
const dirs: string[] = [];
afterEach(async () => {
  await server?.close();
  server = null;
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe("GET /readyz through the real HTTP server on a real PGlite store", () => {
  it("is 200 when migrated, 503 'migrationsPending' when a migration is missing, 503 'storeUnreachable' once the store is closed", async () => {
    const dir = freshDataDir("tlsbot-ready-");
    dirs.push(dir);
    // A store left by an older tlsbot: every migration but the newest.
    const exec = await openPgliteExecutor(join(dir, "pgdata-old"), { template: null });
    await migrate(exec, MIGRATIONS.slice(0, -1));
    server = await startHttpServer(opsRoutes({ readiness: () => storeReadiness(exec), metrics: async () => ({ contentType: "text/plain", body: "" }) }), { host: "127.0.0.1", port: 0 });
    const pending = await fetch(`${server.url}/readyz`);
    expect(pending.status).toBe(503);
    expect(await pending.json()).toEqual({ ready: false, reason: "migrationsPending" });

    await migrate(exec);
    const ready = await fetch(`${server.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ ready: true });
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);

    await exec.close();
    const down = await fetch(`${server.url}/readyz`);
    expect(down.status).toBe(503);
    expect(await down.json()).toEqual({ ready: false, reason: "storeUnreachable" });
  });
});
