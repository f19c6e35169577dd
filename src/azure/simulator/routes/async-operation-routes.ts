import { randomUUID } from "node:crypto";
import { armError, json, type SimRequest, type SimResponse } from "../sim-http.ts";
import type { Route, SimContext } from "./sim-context.ts";

/**
 * A write answered as Azure answers most of its long-running ones: 202 Accepted with an `Azure-AsyncOperation`
 * status URL (and `Location`), "InProgress" for `asyncPollsBeforeDone` polls, then "Succeeded"; the client
 * then reads the resource itself. The change is already applied: what is tested is that the client waits for
 * the operation and records it, as it must on Azure, where the 200 some tests use is the exception.
 */
export function acceptedAsync(ctx: SimContext, req: SimRequest, subscriptionId: string, namespace: string, location: string): SimResponse {
  const id = randomUUID();
  ctx.operations.set(id, { pollsLeft: ctx.asyncPollsBeforeDone, done: false, finalBody: null, complete: () => ({}) });
  const statusUrl = `${ctx.baseUrl}/subscriptions/${subscriptionId}/providers/${namespace}/locations/${encodeURIComponent(location || "global")}/operationStatuses/${id}?api-version=${req.query.get("api-version") ?? ""}`;
  return json(202, undefined, { "azure-asyncoperation": statusUrl, location: statusUrl, "retry-after": "0" });
}

export const asyncOperationRoutes: Route[] = [
  {
    method: "GET",
    pattern: /^\/subscriptions\/[^/]+\/providers\/[^/]+\/locations\/[^/]+\/operationStatuses\/([^/]+)$/i,
    handler: (ctx, _req, [id]) => {
      const op = ctx.operations.get(id!);
      if (!op) return armError(404, "OperationNotFound", `Operation '${id}' was not found.`);
      if (!op.done && op.pollsLeft > 0) {
        op.pollsLeft -= 1;
        return json(200, { id, name: id, status: "InProgress" });
      }
      if (!op.done) {
        op.finalBody = op.complete();
        op.done = true;
      }
      return json(200, { id, name: id, status: "Succeeded" });
    },
  },
];
