import { armId, type SimResource } from "../../simulator/sim-state.ts";
import { armError, json, newOperationId, page } from "../../simulator/sim-http.ts";
import type { SimKind } from "../../simulator/sim-kind.ts";
import type { Route } from "../../simulator/routes/sim-context.ts";
import { isResponse, readableSubscription, writableSubscription } from "../../simulator/routes/subscription-access.ts";
import { resourceGroupExists } from "../../simulator/routes/resource-groups.ts";

const SIM_REDIS_TYPE = "Microsoft.Cache/Redis";

const READ = "Microsoft.Cache/redis/read";
const WRITE = "Microsoft.Cache/redis/write";
/** Since the TLS 1.0/1.1 retirement, Azure Cache for Redis refuses to set a minimum below 1.2. */
const ACCEPTED_MIN_TLS = new Set(["1.2"]);

const redisRoutes: Route[] = [
  {
    method: "GET",
    pattern: /^\/subscriptions\/([^/]+)\/providers\/Microsoft\.Cache\/redis$/i,
    handler: (ctx, req, [s]) => {
      const sub = readableSubscription(ctx, s!, READ);
      if (isResponse(sub)) return sub;
      return json(200, page(ctx.state.resourcesOfType(sub, SIM_REDIS_TYPE).map(redisJson), req, ctx.baseUrl, ctx.pageSize));
    },
  },
  {
    method: "GET",
    pattern: /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\/providers\/Microsoft\.Cache\/redis$/i,
    handler: (ctx, req, [s, rg]) => {
      const sub = readableSubscription(ctx, s!, READ);
      if (isResponse(sub)) return sub;
      if (!resourceGroupExists(sub, rg!)) return armError(404, "ResourceGroupNotFound", `Resource group '${rg}' could not be found.`);
      return json(200, page(ctx.state.resourcesOfType(sub, SIM_REDIS_TYPE, rg).map(redisJson), req, ctx.baseUrl, ctx.pageSize));
    },
  },
  {
    method: "GET",
    pattern: /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\/providers\/Microsoft\.Cache\/redis\/([^/]+)$/i,
    handler: (ctx, _req, [s, rg, name]) => {
      const sub = readableSubscription(ctx, s!, READ);
      if (isResponse(sub)) return sub;
      const r = ctx.state.find(sub, SIM_REDIS_TYPE, rg!, name!);
      if (!r) return armError(404, "ResourceNotFound", `The Resource 'Microsoft.Cache/Redis/${name}' under resource group '${rg}' was not found.`);
      return json(200, redisJson(r));
    },
  },
  {
    // Update: 200 with the resource, or 202 + Location polled until done (configurable), as Azure does both.
    method: "PATCH",
    pattern: /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\/providers\/Microsoft\.Cache\/redis\/([^/]+)$/i,
    handler: (ctx, req, [s, rg, name]) => {
      const sub = writableSubscription(ctx, s!, WRITE);
      if (isResponse(sub)) return sub;
      const r = ctx.state.find(sub, SIM_REDIS_TYPE, rg!, name!);
      if (!r) return armError(404, "ResourceNotFound", `The Resource 'Microsoft.Cache/Redis/${name}' under resource group '${rg}' was not found.`);
      const body = (req.body ?? {}) as { properties?: Record<string, unknown>; tags?: Record<string, string> };
      const wanted = body.properties?.["minimumTlsVersion"];
      if (wanted !== undefined && (typeof wanted !== "string" || !ACCEPTED_MIN_TLS.has(wanted))) {
        return armError(400, "BadRequest",
          `Invalid value '${String(wanted)}' for minimumTlsVersion. TLS 1.0 and 1.1 are retired for Azure Cache for Redis; the minimum TLS version must be 1.2.`);
      }
      if (body.tags) Object.assign(r.tags, body.tags);
      if (typeof wanted === "string") r.properties["minimumTlsVersion"] = wanted;
      ctx.state.touch(r);
      if (ctx.redisPatchMode === "200") return json(200, redisJson(r));

      // Raising the minimum restarts the cache's connections (a failover); until done it reports Updating.
      r.properties["provisioningState"] = "Updating";
      const id = newOperationId();
      ctx.operations.set(id, {
        pollsLeft: ctx.asyncPollsBeforeDone, done: false, finalBody: null,
        complete: () => {
          delete r.properties["provisioningState"];
          return redisJson(r);
        },
      });
      const location = `${ctx.baseUrl}/subscriptions/${sub.subscriptionId}/providers/Microsoft.Cache/locations/${r.location}/operationResults/${id}?api-version=${req.query.get("api-version")}`;
      return json(202, redisJson(r), { location });
    },
  },
  {
    method: "GET",
    pattern: /^\/subscriptions\/([^/]+)\/providers\/Microsoft\.Cache\/locations\/([^/]+)\/operationResults\/([^/]+)$/i,
    handler: (ctx, req, [, , id]) => {
      const op = ctx.operations.get(id!);
      if (!op) return armError(404, "OperationNotFound", `Operation '${id}' was not found.`);
      if (!op.done && op.pollsLeft > 0) {
        op.pollsLeft -= 1;
        return json(202, {}, { location: `${ctx.baseUrl}${req.path}?${req.query.toString()}` });
      }
      if (!op.done) {
        op.finalBody = op.complete();
        op.done = true;
      }
      return json(200, op.finalBody ?? {});
    },
  },
];

/** Redis as api-version 2024-11-01 returns it. */
export function redisJson(r: SimResource): Record<string, unknown> {
  const port = { port: 6379, sslPort: 6380 };
  return {
    id: armId(r), name: r.name, type: SIM_REDIS_TYPE, location: r.location, tags: r.tags,
    properties: {
      provisioningState: "Succeeded", redisVersion: "6.0", hostName: `${r.name}.redis.cache.windows.net`, ...port,
      enableNonSslPort: false, publicNetworkAccess: "Enabled",
      sku: r.sku ?? { name: "Standard", family: "C", capacity: 1 },
      ...r.properties,
    },
  };
}

export const redisSim: SimKind = {
  routes: redisRoutes, json: redisJson,
  samples: [
    { name: "redis-sample-10", properties: { minimumTlsVersion: "1.0" }, expect: { effectiveTls: "1.0", reason: "configured" } },
    { name: "redis-sample-11", properties: { minimumTlsVersion: "1.1" }, expect: { effectiveTls: "1.1", reason: "configured" } },
    { name: "redis-sample-12", properties: { minimumTlsVersion: "1.2" }, expect: { effectiveTls: "1.2", reason: "configured" } },
    { name: "redis-sample-old", properties: {}, createdTime: "2019-05-01T00:00:00Z", expect: { effectiveTls: "1.0", reason: "redisDefaultBefore2020" } },
    { name: "redis-sample-new", properties: {}, createdTime: "2021-05-01T00:00:00Z", expect: { effectiveTls: "1.2", reason: "redisDefaultSince2020" } },
    { name: "redis-sample-13", properties: { minimumTlsVersion: "1.3" }, expect: { effectiveTls: "unknown", reason: "unrecognisedValue" } },
  ],
};
