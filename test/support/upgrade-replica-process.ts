// A replica that confirms one upgrade and stops dead right after Azure accepted the write, before storing
// its operation (the parent kills it with SIGKILL there). argv: database URL, simulator URL, CA file,
// token, approver ("teams:<id>"), resource id, lease in ms. Prints "written <approval id>" at that point.
import { readFileSync } from "node:fs";
import { createApprovals } from "../../src/approvals/approvals.ts";
import { parseApprovers } from "../../src/approvals/approvers.ts";
import { createArmAccess } from "../../src/azure/create-arm-access.ts";
import { RESOURCE_KINDS } from "../../src/azure/kinds/load-kinds.ts";
import { createEngine } from "../../src/conversation/engine.ts";
import type { View } from "../../src/render/view-model.ts";
import { openStore } from "../../src/store/open-store.ts";
import { createSqlApprovalStore } from "../../src/store/sql-approval-store.ts";
import type { SqlExecutor } from "../../src/store/sql-executor.ts";

const [databaseUrl, endpoint, caFile, token, approver, resourceId, leaseMs] = process.argv.slice(2) as [string, string, string, string, string, string, string];
const store = await openStore({ dataDir: "", databaseUrl });
const clients = await createArmAccess({ endpoint, token, ca: readFileSync(caFile, "utf8"), pollIntervalMs: 20 });
const { entries } = parseApprovers([`${approver}@/subscriptions/${resourceId.split("/")[2]}`]);
const approvals = createApprovals({
  approvals: createSqlApprovalStore((store as unknown as { exec: SqlExecutor }).exec), store, clients: () => clients, kinds: RESOURCE_KINDS, now: () => new Date(),
  policy: { approvers: entries, twoPersonScopes: [], dryRunScopes: [], ttlMs: 3600_000 }, leaseMs: Number(leaseMs), replicaId: "doomed",
  hooks: {
    afterWrite: async (a) => {
      process.stdout.write(`written ${a.id}\n`);
      await new Promise(() => {});
    },
  },
});
const engine = createEngine({ store, now: () => new Date(), approvals });
const actor = { platform: "teams" as const, id: approver.slice("teams:".length) };
const ask = async (verb: string, data: Record<string, unknown>) => (await engine.handle({ actor, conversationId: "teams:ops", replyTarget: "activity-1", action: { verb, data } })).view;
const dialog = (await ask("approveUpgrade", { resourceId })) as Extract<View, { type: "approvalDialog" }>;
await ask("confirmUpgrade", { approvalId: dialog.approvalId, token: dialog.token, resourceId: dialog.row.id, target: dialog.target, ack: "true", typedName: dialog.row.name });
