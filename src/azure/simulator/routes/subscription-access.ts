import type { SimSubscription } from "../sim-state.ts";
import { armError, type SimResponse } from "../sim-http.ts";
import type { SimContext } from "./sim-context.ts";

/**
 * Resolves a subscription for a subscription-scoped call, or the error ARM gives: 404 for an unknown
 * one, 403 AuthorizationFailed where the identity has no read access.
 */
export function readableSubscription(ctx: SimContext, id: string, action: string): SimSubscription | SimResponse {
  const sub = ctx.state.subscription(id);
  if (!sub || sub.access === "not-found") return armError(404, "SubscriptionNotFound", `The subscription '${id}' could not be found.`);
  if (sub.access === "forbidden") {
    return armError(403, "AuthorizationFailed",
      `The client 'tlsbot' with object id '00000000-0000-0000-0000-000000000001' does not have authorization to perform action '${action}' over scope '/subscriptions/${id}' or the scope is invalid. If access was recently granted, please refresh your credentials.`);
  }
  return sub;
}

export function writableSubscription(ctx: SimContext, id: string, action: string): SimSubscription | SimResponse {
  const sub = readableSubscription(ctx, id, action);
  if ("status" in sub) return sub;
  if (sub.state === "Disabled") return armError(409, "ReadOnlyDisabledSubscription", `The subscription '${id}' is disabled and therefore marked as read only.`);
  return sub;
}

export function isResponse(v: unknown): v is SimResponse {
  return typeof v === "object" && v !== null && "status" in v && typeof (v as { status: unknown }).status === "number";
}
