import { randomUUID } from "node:crypto";
import { armError, json, type SimRequest, type SimResponse } from "../sim-http.ts";
import type { Route, SimContext } from "./sim-context.ts";

/**
 * A write answered as Azure answers most of its long-running ones: 202 Accepted with an `Azure-AsyncOperation`
 * status URL, "InProgress" for `asyncPollsBeforeDone` polls, then "Succeeded", and a `Location` of its own, an
 * operation-result URL that answers 202 while the operation runs and 200 with no body once it is done (ARM's
 * async-operations guideline: the two are different resources, and a client may poll either). The client
 * then reads the resource itself. The change is already applied: what is tested is that the client waits for
 * the operation and records it, as it must on Azure, where the 200 some tests use is the exception.
 */
export function acceptedAsync(ctx: SimContext, req: SimRequest, subscriptionId: string, namespace: string, location: string): SimResponse {
  const id = randomUUID();
  ctx.operations.set(id, { pollsLeft: ctx.asyncPollsBeforeDone, done: false, finalBody: null, complete: () => ({}) });
  const base = `${ctx.baseUrl}/subscriptions/${subscriptionId}/providers/${namespace}/locations/${encodeURIComponent(location || "global")}`;
  const version = `?api-version=${req.query.get("api-version") ?? ""}`;
  return json(202, undefined, { "azure-asyncoperation": `${base}/operationStatuses/${id}${version}`, location: `${base}/operationResults/${id}${version}`, "retry-after": "0" });
}

/** One poll of an operation: true once it is done (the first poll past `asyncPollsBeforeDone` completes it). */
function poll(ctx: SimContext, id: string): boolean | null {
  const op = ctx.operations.get(id);
  if (!op) return null;
  if (!op.done && op.pollsLeft > 0) {
    op.pollsLeft -= 1;
    return false;
  }
  if (!op.done) {
    op.finalBody = op.complete();
    op.done = true;
  }
  return true;
}

const notFound = (id: string) => armError(404, "OperationNotFound", `Operation '${id}' was not found.`);

export const asyncOperationRoutes: Route[] = [
  {
    method: "GET",
    pattern: /^\/subscriptions\/[^/]+\/providers\/[^/]+\/locations\/[^/]+\/operationStatuses\/([^/]+)$/i,
    handler: (ctx, _req, [id]) => {
      const done = poll(ctx, id!);
      if (done === null) return notFound(id!);
      return json(200, { id, name: id, status: done ? "Succeeded" : "InProgress" });
    },
  },
  {
    method: "GET",
    pattern: /^\/subscriptions\/[^/]+\/providers\/[^/]+\/locations\/[^/]+\/operationResults\/([^/]+)$/i,
    handler: (ctx, req, [id]) => {
      const done = poll(ctx, id!);
      if (done === null) return notFound(id!);
      return done ? json(200, undefined) : json(202, undefined, { location: `${ctx.baseUrl}${req.path}?${req.query.toString()}`, "retry-after": "0" });
    },
  },
];
