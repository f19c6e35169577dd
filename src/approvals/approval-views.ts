import type { Approval } from "../domain/approval.ts";
import type { View } from "../render/view-model.ts";

/** Where an approval stands, as the card shows it (and updates it in place). */
export function statusView(a: Approval): View {
  const result = a.result ?? {};
  const code = typeof result["code"] === "string" ? result["code"] : null;
  const note = typeof result["note"] === "string" ? result["note"] : a.dryRun && a.state === "succeeded" ? "dryRun" : null;
  return {
    type: "approvalStatus", approvalId: a.id, resourceId: a.resourceId, resourceName: a.resourceName, state: a.state, target: a.target,
    dryRun: a.dryRun, note, error: code ? { code, message: String(result["message"] ?? "") } : null, approvedBy: a.approvedBy, names: a.actorNames,
    ...(a.state === "succeeded" && "after" in result ? { change: { before: typeof result["before"] === "string" ? result["before"] : null, after: typeof result["after"] === "string" ? result["after"] : null } } : {}),
  };
}
