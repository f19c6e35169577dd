import { armError, json, page, type SimResponse } from "./sim-http.ts";
import { acceptedAsync } from "./routes/async-operation-routes.ts";
import { armId, type SimResource } from "./sim-state.ts";
import type { Route } from "./routes/sim-context.ts";
import { isResponse, readableSubscription, writableSubscription } from "./routes/subscription-access.ts";
import { resourceGroupExists } from "./routes/resource-groups.ts";

export interface ProviderRoutesOptions {
  /** `Microsoft.Storage/storageAccounts` */
  readonly type: string;
  /** The resource as this provider's api-version returns it. */
  json(r: SimResource): Record<string, unknown>;
  /**
   * Applies a PATCH body's `properties` to the resource the way the service does, or answers with the
   * service's refusal (a value it does not accept).
   */
  patch(r: SimResource, properties: Record<string, unknown>): SimResponse | null;
  /**
   * Properties the provider's REST API carries only from an api-version on (property → that version). An
   * older api-version's answers leave them out and its PATCH bodies cannot set them, as the service's
   * contract for that version has no such property (Event Hubs' `minimumTlsVersion` before 2022-01-01-preview).
   */
  readonly introducedIn?: Readonly<Record<string, string>>;
}

/** `2021-11-01` before `2022-01-01-preview`: api-versions order by their date; a missing one is the oldest. */
export function apiVersionBefore(apiVersion: string | null, since: string): boolean {
  return (apiVersion ?? "").slice(0, 10) < since.slice(0, 10);
}

/**
 * The usual PATCH of one TLS property: absent → nothing to do; a value the service accepts is set; any
 * other value gets the service's own 400 (`refusal` names its code and message).
 */
export function settableProperty(property: string, accepted: readonly string[], refusal: (value: string) => { code: string; message: string }): ProviderRoutesOptions["patch"] {
  const ok = new Set(accepted);
  return (r, props) => {
    const wanted = props[property];
    if (wanted === undefined) return null;
    if (typeof wanted !== "string" || !ok.has(wanted)) {
      const { code, message } = refusal(String(wanted));
      return armError(400, code, message);
    }
    r.properties[property] = wanted;
    return null;
  };
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");

/** A service's REST shape with the usual ARM envelope: id, name, type, location, tags, properties. */
export function restJson(r: SimResource, type: string, properties: Record<string, unknown>, more: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: armId(r), name: r.name, type, location: r.location, tags: r.tags, ...(r.sku ? { sku: r.sku } : {}), ...more,
    properties: { provisioningState: "Succeeded", ...properties },
    ...(r.createdTime ? { systemData: { createdAt: r.createdTime } } : {}),
  };
}

/**
 * The routes most resource providers share: list by subscription and by resource group (nextLink paging),
 * get, and a synchronous PATCH (200 with the resource). 403/404 for subscriptions as ARM answers them.
 */
export function providerRoutes(o: ProviderRoutesOptions): Route[] {
  const t = escape(o.type);
  const read = `${o.type}/read`;
  const write = `${o.type}/write`;
  const notFound = (name: string, rg: string) => armError(404, "ResourceNotFound", `The Resource '${o.type}/${name}' under resource group '${rg}' was not found.`);
  const item = new RegExp(`^/subscriptions/([^/]+)/resourceGroups/([^/]+)/providers/${t}/([^/]+)$`, "i");
  const unknownTo = (apiVersion: string | null) => Object.entries(o.introducedIn ?? {}).filter(([, since]) => apiVersionBefore(apiVersion, since)).map(([k]) => k);
  const without = (body: Record<string, unknown>, keys: readonly string[]) => {
    if (keys.length === 0 || !body["properties"] || typeof body["properties"] !== "object") return body;
    const properties = { ...(body["properties"] as Record<string, unknown>) };
    for (const k of keys) delete properties[k];
    return { ...body, properties };
  };
  const view = (r: SimResource, req: { query: URLSearchParams }) => without(o.json(r), unknownTo(req.query.get("api-version")));
  return [
    {
      method: "GET",
      pattern: new RegExp(`^/subscriptions/([^/]+)/providers/${t}$`, "i"),
      handler: (ctx, req, [s]) => {
        const sub = readableSubscription(ctx, s!, read);
        if (isResponse(sub)) return sub;
        return json(200, page(ctx.state.resourcesOfType(sub, o.type).map((r) => view(r, req)), req, ctx.baseUrl, ctx.pageSize));
      },
    },
    {
      method: "GET",
      pattern: new RegExp(`^/subscriptions/([^/]+)/resourceGroups/([^/]+)/providers/${t}$`, "i"),
      handler: (ctx, req, [s, rg]) => {
        const sub = readableSubscription(ctx, s!, read);
        if (isResponse(sub)) return sub;
        if (!resourceGroupExists(sub, rg!)) return armError(404, "ResourceGroupNotFound", `Resource group '${rg}' could not be found.`);
        return json(200, page(ctx.state.resourcesOfType(sub, o.type, rg).map((r) => view(r, req)), req, ctx.baseUrl, ctx.pageSize));
      },
    },
    {
      method: "GET",
      pattern: item,
      handler: (ctx, req, [s, rg, name]) => {
        const sub = readableSubscription(ctx, s!, read);
        if (isResponse(sub)) return sub;
        const r = ctx.state.find(sub, o.type, rg!, name!);
        return r ? json(200, view(r, req)) : notFound(name!, rg!);
      },
    },
    {
      method: "PATCH",
      pattern: item,
      handler: (ctx, req, [s, rg, name]) => {
        const sub = writableSubscription(ctx, s!, write);
        if (isResponse(sub)) return sub;
        const r = ctx.state.find(sub, o.type, rg!, name!);
        if (!r) return notFound(name!, rg!);
        const body = (req.body ?? {}) as { properties?: unknown; tags?: Record<string, string> };
        // What an older api-version does not know is not part of its request: dropped, not applied.
        const props = without({ properties: body.properties && typeof body.properties === "object" ? body.properties : {} }, unknownTo(req.query.get("api-version")))["properties"] as Record<string, unknown>;
        const refused = o.patch(r, props);
        if (refused) return refused;
        if (body.tags) Object.assign(r.tags, body.tags);
        ctx.state.touch(r);
        if (ctx.writeMode === "202") return acceptedAsync(ctx, req, sub.subscriptionId, o.type.split("/")[0]!, r.location);
        return json(200, view(r, req));
      },
    },
  ];
}
