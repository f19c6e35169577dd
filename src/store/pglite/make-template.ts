import { migrate } from "../migrations/migrate.ts";
import { openPgliteExecutor } from "./pglite-executor.ts";
import { buildTemplate, TEMPLATE_DIR } from "./pglite-template.ts";

/** The install-time cluster new data directories start from (see pglite-template.ts); run by the build. */
export async function makeTemplate(template: string = TEMPLATE_DIR): Promise<void> {
  await buildTemplate(async (dir) => {
    const exec = await openPgliteExecutor(dir, { template: null });
    try {
      await migrate(exec);
    } finally {
      await exec.close();
    }
  }, template);
}
