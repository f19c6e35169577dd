// Creates (initdb + migrations) a PGlite data directory in a throw-away process: creating a cluster peaks
// near 1 GiB, which would otherwise hide the scanning process's own peak RSS. A running bot reopens an
// existing directory, as the benchmark then does.
import { openStore } from "../src/store/open-store.ts";

const store = await openStore({ dataDir: process.argv[2] as string });
await store.close();
