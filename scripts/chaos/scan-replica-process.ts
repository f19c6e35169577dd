// A replica that only scans, for the kill -9 fault: argv = database URL, simulator URL, CA file, token.
// Its clock runs an hour behind so that the survivors' grace for fresh scans does not apply.
import { readFileSync } from "node:fs";
import { createArmAccess } from "../../src/azure/create-arm-access.ts";
import { runScan } from "../../src/azure/scan/run-scan.ts";
import { openStore } from "../../src/store/open-store.ts";

const [databaseUrl, endpoint, caFile, token] = process.argv.slice(2) as [string, string, string, string];
const store = await openStore({ dataDir: "", databaseUrl });
const clients = await createArmAccess({ endpoint, token, ca: readFileSync(caFile, "utf8") });
process.send?.("scanning");
await runScan({ clients, store, now: () => new Date(Date.now() - 3600_000) }, { source: "arm", concurrency: 2, timeoutMs: 60_000 });
await store.close();
