// The ARM simulator in its own process, for tests that kill and restart tlsbot processes around it: Azure
// keeps its state (and its operations in progress) whatever happens to the client. Talks over fork IPC.
import { loadTenantFile, startSimulator } from "../../src/azure/simulator/index.ts";
import { armId } from "../../src/azure/simulator/sim-state.ts";
import type { SimCommand, SimEvent } from "./simulator-child.ts";

const [tenantFile, polls, token] = process.argv.slice(2);
if (!tenantFile || !token) throw new Error("usage: simulator-process.ts TENANT_FILE POLLS_BEFORE_DONE TOKEN");
const send = (e: SimEvent) => void process.send?.(e);

const tenant = await loadTenantFile(tenantFile);
const sim = await startSimulator({
  tenant, token, redisPatchMode: "202", asyncPollsBeforeDone: Number(polls),
  // Writes are announced the moment they are answered, so the test can kill tlsbot right then.
  onRequest: (r) => {
    if (r.method !== "GET") send({ type: "write", request: { method: r.method, path: r.path, status: r.status } });
  },
});

/** The tenant as loaded: what "reset" puts a resource back to. */
const original = new Map(tenant.subscriptions.flatMap((s) => s.resources.map((r) => [armId({ ...r, subscriptionId: s.subscriptionId }).toLowerCase(), r.properties] as const)));

function handle(cmd: SimCommand): unknown {
  switch (cmd.type) {
    case "release":
      return { released: sim.completeOperations() };
    case "requests":
      return {
        total: sim.requests.length,
        items: sim.requests.slice(cmd.from ?? 0).filter((r) => !cmd.method || r.method === cmd.method).map((r) => ({ method: r.method, path: r.path, status: r.status })),
      };
    case "reset": {
      const resource = sim.state.subscriptions.flatMap((s) => s.resources).find((r) => armId(r).toLowerCase() === cmd.resourceId.toLowerCase());
      const props = original.get(cmd.resourceId.toLowerCase());
      if (!resource || !props) throw new Error(`no resource ${cmd.resourceId}`);
      // Someone set it back outside tlsbot (for the next trial): a new version, as any write makes.
      resource.properties = structuredClone(props);
      sim.state.touch(resource);
      return { reset: true };
    }
  }
}

process.on("message", (raw: unknown) => {
  const msg = raw as { id: number; cmd: SimCommand } | "stop";
  if (msg === "stop") {
    void sim.close().then(() => process.exit(0));
    return;
  }
  try {
    send({ type: "reply", id: msg.id, ok: true, value: handle(msg.cmd) });
  } catch (err) {
    send({ type: "reply", id: msg.id, ok: false, value: (err as Error).message });
  }
});
process.on("disconnect", () => void sim.close().then(() => process.exit(0)));
send({ type: "ready", url: sim.url, ca: sim.ca });
