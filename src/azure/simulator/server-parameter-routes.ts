import { armError, json, type SimResponse } from "./sim-http.ts";
import { acceptedAsync } from "./routes/async-operation-routes.ts";
import type { Route, SimContext } from "./routes/sim-context.ts";
import { isResponse, readableSubscription, writableSubscription } from "./routes/subscription-access.ts";
import { armId, type SimResource } from "./sim-state.ts";

export interface ServerParameterSim {
  /** `Microsoft.DBforMySQL/flexibleServers` */
  readonly type: string;
  /** `tls_version`; tenant data keeps it under the same name in `properties` (absent = the default). */
  readonly parameter: string;
  readonly defaultValue: string;
  /** Every value the service lists for the parameter. */
  readonly allowedValues: readonly string[];
  /** Whether the service accepts a value on PATCH (it may list values it no longer lets anyone set). */
  accepts(value: string): boolean;
  readonly dataType: string;
}

/** Tenant data flag: the identity may read the server but not its configurations (403). */
export const CONFIGURATIONS_FORBIDDEN = "simConfigurationsForbidden";

/** The server's own properties, without the parameter and the simulator's flags. */
export function serverProperties(r: SimResource, p: ServerParameterSim): Record<string, unknown> {
  const { [p.parameter]: _v, [CONFIGURATIONS_FORBIDDEN]: _f, ...props } = r.properties;
  return props;
}

/**
 * GET and PATCH of one server parameter (`…/{server}/configurations/{parameter}`) as the flexible-server
 * providers answer them: the value (or the default), `source`, the allowed values; 403 where the tenant
 * data says so; the service's 400 for a value it does not accept.
 */
export function serverParameterRoutes(p: ServerParameterSim): Route[] {
  const [provider, serverType] = p.type.split("/") as [string, string];
  const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
  const pattern = new RegExp(`^/subscriptions/([^/]+)/resourceGroups/([^/]+)/providers/${esc(provider)}/${esc(serverType)}/([^/]+)/configurations/${esc(p.parameter)}$`, "i");

  const configJson = (r: SimResource) => {
    const value = r.properties[p.parameter];
    return {
      id: `${armId(r)}/configurations/${p.parameter}`, name: p.parameter, type: `${p.type}/configurations`,
      properties: { value: value ?? p.defaultValue, defaultValue: p.defaultValue, allowedValues: p.allowedValues.join(","), dataType: p.dataType, source: value === undefined ? "system-default" : "user-override" },
    };
  };
  const serverFor = (ctx: SimContext, s: string, rg: string, name: string, write: boolean): SimResource | SimResponse => {
    const sub = (write ? writableSubscription : readableSubscription)(ctx, s, `${p.type}/configurations/${write ? "write" : "read"}`);
    if (isResponse(sub)) return sub;
    return ctx.state.find(sub, p.type, rg, name) ?? armError(404, "ResourceNotFound", `The Resource '${p.type}/${name}' under resource group '${rg}' was not found.`);
  };

  return [
    {
      method: "GET", pattern,
      handler: (ctx, _req, [s, rg, name]) => {
        const r = serverFor(ctx, s!, rg!, name!, false);
        if (isResponse(r)) return r;
        if (r.properties[CONFIGURATIONS_FORBIDDEN] === true) return armError(403, "AuthorizationFailed", `The client 'tlsbot' does not have authorization to perform action '${p.type}/configurations/read' over scope '${armId(r)}'.`);
        return json(200, configJson(r));
      },
    },
    {
      method: "PATCH", pattern,
      handler: (ctx, req, [s, rg, name]) => {
        const r = serverFor(ctx, s!, rg!, name!, true);
        if (isResponse(r)) return r;
        const value = ((req.body ?? {}) as { properties?: { value?: unknown } }).properties?.value;
        if (typeof value !== "string" || !p.accepts(value)) return armError(400, "InvalidParameterValue", `Invalid value '${String(value)}' for ${p.parameter}; allowed: ${p.allowedValues.join(",")}.`);
        r.properties[p.parameter] = value;
        ctx.state.touch(r);
        if (ctx.writeMode === "202") return acceptedAsync(ctx, req, r.subscriptionId, provider, r.location);
        return json(200, configJson(r));
      },
    },
  ];
}
