import { createApprovals } from "../../src/approvals/approvals.ts";
import { parseApprovers } from "../../src/approvals/approvers.ts";
import { createArmAccess } from "../../src/azure/create-arm-access.ts";
import { RESOURCE_KINDS } from "../../src/azure/kinds/load-kinds.ts";
import { runScan } from "../../src/azure/scan/run-scan.ts";
import { legacyCacheTenant, startSimulator, type Fault } from "../../src/azure/simulator/index.ts";
import { createEngine } from "../../src/conversation/engine.ts";
import type { View } from "../../src/render/view-model.ts";
import { openStore } from "../../src/store/open-store.ts";
import { createSqlApprovalStore } from "../../src/store/sql-approval-store.ts";
import type { SqlExecutor } from "../../src/store/sql-executor.ts";
import type { ChaosResult } from "./chaos-report.ts";

const SUB = "7e7e7e7e-0000-4000-a000-000000000001";
const TOKEN = "chaos-upgrade";
const CACHES = 4;
const cacheName = (i: number) => `cache-chaos-${i}`;

export interface UpgradeFaultCase {
  readonly fault: string;
  readonly faults: readonly Fault[];
}

const PATCH = { method: "PATCH" } as const;
const POLL = { method: "GET", path: "/operationResults/" } as const;

export const UPGRADE_CASES: readonly UpgradeFaultCase[] = [
  { fault: "upgrade: 429 on the write (Retry-After)", faults: [{ kind: "throttle", retryAfterSeconds: 1, match: PATCH, times: 2 }] },
  { fault: "upgrade: 5xx on the write", faults: [{ kind: "server-error", match: PATCH, times: 1 }] },
  { fault: "upgrade: reset before the write's answer", faults: [{ kind: "reset", match: PATCH, times: 1 }] },
  { fault: "upgrade: answer to the write cut off", faults: [{ kind: "reset-mid-body", match: PATCH, times: 1 }] },
  { fault: "upgrade: 5xx and resets while polling", faults: [{ kind: "server-error", match: POLL, times: 2 }, { kind: "reset-mid-body", match: POLL, times: 2 }] },
  { fault: "upgrade: token expired at the write", faults: [{ kind: "expired-token", match: PATCH, times: 10 }] },
];

/**
 * Upgrades through the engine and the approval workflow (as a chat user would: dialog, confirm with the
 * acknowledgement and typed name) while Azure misbehaves. Checked per cache: Azure received the change at
 * most once (the resource's version), the approval did not stay applying, a success only when Azure holds
 * 1.2, a failure with a code, and the inventory never says compliant while Azure says otherwise.
 */
export async function runUpgradeFault(c: UpgradeFaultCase, databaseUrl: (name: string) => Promise<string>, n: number): Promise<ChaosResult> {
  const tenant = legacyCacheTenant({ tenantId: "chaos-upgrades", subscriptionId: SUB, displayName: "chaos", names: Array.from({ length: CACHES }, (_, i) => cacheName(i)) });
  const sim = await startSimulator({ tenant, token: TOKEN, pageSize: 100, redisPatchMode: "202", asyncPollsBeforeDone: 2 });
  const clients = await createArmAccess({ endpoint: sim.url, token: TOKEN, ca: sim.ca, pollIntervalMs: 20 });
  const store = await openStore({ dataDir: "", databaseUrl: await databaseUrl(`chaos_upgrade_${n}`) });
  const errors: unknown[] = [];
  try {
    const now = () => new Date();
    await runScan({ clients, store, now }, { source: "arm", concurrency: 4, timeoutMs: 30_000 });
    const approvalStore = createSqlApprovalStore((store as unknown as { exec: SqlExecutor }).exec);
    let invalidate = () => {};
    const approvals = createApprovals({
      approvals: approvalStore, store, clients: () => clients, kinds: RESOURCE_KINDS, now,
      policy: { approvers: parseApprovers([`teams:aad-ops@/subscriptions/${SUB}`]).entries, twoPersonScopes: [], dryRunScopes: [], ttlMs: 3600_000 },
      onRecorded: () => invalidate(),
      onError: (err) => void errors.push(err),
    });
    const engine = createEngine({ store, now, approvals });
    invalidate = () => engine.invalidate();
    const actor = { platform: "teams" as const, id: "aad-ops" };
    sim.addFaults(c.faults);
    const anomalies: string[] = [];
    const versions = new Map(sim.state.subscriptions[0]!.resources.map((r) => [r.name, r.version]));
    const ids: string[] = [];
    for (let i = 0; i < CACHES; i++) {
      const name = cacheName(i);
      const dialog = (await engine.handle({ actor, conversationId: "teams:chaos", text: `upgrade ${name} to 1.2`, locale: "en-US" })).view as Extract<View, { type: "approvalDialog" }>;
      if (dialog.type !== "approvalDialog") {
        anomalies.push(`${name}: no dialog (${dialog.type})`);
        continue;
      }
      ids.push(dialog.approvalId);
      await engine.handle({
        actor, conversationId: "teams:chaos", replyTarget: `card-${i}`,
        action: { verb: "confirmUpgrade", data: { approvalId: dialog.approvalId, token: dialog.token, resourceId: dialog.row.id, target: dialog.target, ack: "true", typedName: name } },
      });
    }
    // Azure finishes a running operation whether or not anyone polls it.
    const azure = setInterval(() => sim.completeOperations(), 200);
    // Bounded: what has not settled by then is a stuck operation.
    await Promise.race([approvals.idle(), new Promise((r) => setTimeout(r, 60_000))]);
    clearInterval(azure);
    sim.clearFaults();
    const outcomes: Record<string, number> = {};
    for (const id of ids) {
      const a = await approvalStore.get(id);
      if (!a) {
        anomalies.push(`approval ${id} missing`);
        continue;
      }
      const r = sim.state.subscriptions[0]!.resources.find((x) => x.name === a.resourceName)!;
      const writes = r.version - (versions.get(r.name) ?? 0);
      const code = (a.result as { code?: string } | null)?.code;
      outcomes[`${a.state}${code ? `:${code}` : ""}`] = (outcomes[`${a.state}${code ? `:${code}` : ""}`] ?? 0) + 1;
      if (writes > 1) anomalies.push(`${a.resourceName}: Azure received the change ${writes} times`);
      if (a.state === "applying" || a.state === "requested" || a.state === "awaitingSecond") anomalies.push(`${a.resourceName}: approval stuck ${a.state}`);
      if (a.state === "succeeded" && r.properties["minimumTlsVersion"] !== "1.2") anomalies.push(`${a.resourceName}: succeeded but Azure holds ${String(r.properties["minimumTlsVersion"])}`);
      if (a.state === "failed" && !code) anomalies.push(`${a.resourceName}: failed without an error code`);
      if (a.state === "failed" && r.properties["minimumTlsVersion"] === "1.2") anomalies.push(`${a.resourceName}: reported failed though Azure applied 1.2`);
      const finding = await store.getResource(a.resourceId);
      if (finding?.status === "compliant" && r.properties["minimumTlsVersion"] !== "1.2") anomalies.push(`${a.resourceName}: inventory says compliant, Azure holds ${String(r.properties["minimumTlsVersion"])}`);
    }
    const faulted = sim.requests.filter((r) => r.status === 0 || r.status === 401 || r.status === 429 || r.status >= 500).length;
    return {
      fault: c.fault, checked: ids.length * 4, anomalies,
      notes: `${faulted} faulty answers; outcomes ${Object.entries(outcomes).map(([k, v]) => `${v}× ${k}`).join(", ")}`,
    };
  } finally {
    await store.close();
    await sim.close();
  }
}
