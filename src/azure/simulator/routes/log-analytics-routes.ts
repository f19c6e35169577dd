import { SIM_IOTHUB_TYPE } from "../tenant.ts";
import { armError, json } from "../sim-http.ts";
import type { Route } from "./sim-context.ts";

/**
 * Log Analytics' query API (`POST /v1/workspaces/{id}/query`), enough for the one query tlsbot sends:
 * devices per TLS version from an IoT hub's Connections logs. The hub is named by `_ResourceId =~ "…"`.
 */
export const logAnalyticsRoutes: Route[] = [
  {
    method: "POST",
    pattern: /^\/v1\/workspaces\/([^/]+)\/query$/i,
    handler: (ctx, req, [workspace]) => {
      if (!ctx.state.logAnalyticsWorkspaces.some((w) => w.toLowerCase() === workspace!.toLowerCase())) {
        return armError(404, "WorkspaceNotFound", `Workspace '${workspace}' was not found.`);
      }
      const query = String((req.body as { query?: unknown } | undefined)?.query ?? "");
      const id = /_ResourceId\s*=~\s*"([^"]+)"/i.exec(query)?.[1];
      const parts = id ? /^\/subscriptions\/([^/]+)\/resourcegroups\/([^/]+)\/providers\/microsoft\.devices\/iothubs\/([^/]+)$/i.exec(id) : null;
      const sub = parts ? ctx.state.subscription(parts[1]!) : undefined;
      const hub = sub && parts ? ctx.state.find(sub, SIM_IOTHUB_TYPE, parts[2]!, parts[3]!) : undefined;
      const rows = Object.entries(hub?.deviceTls ?? {}).map(([version, devices]) => [version, devices]);
      return json(200, { tables: [{ name: "PrimaryResult", columns: [{ name: "TLSVersion", type: "string" }, { name: "Devices", type: "long" }], rows }] });
    },
  },
];
