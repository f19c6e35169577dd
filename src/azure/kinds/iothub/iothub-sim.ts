import { armId, type SimResource } from "../../simulator/sim-state.ts";
import { armError, header, iotHubError, json, newOperationId, page } from "../../simulator/sim-http.ts";
import type { SimKind } from "../../simulator/sim-kind.ts";
import type { Route } from "../../simulator/routes/sim-context.ts";
import { isResponse, readableSubscription, writableSubscription } from "../../simulator/routes/subscription-access.ts";
import { resourceGroupExists } from "../../simulator/routes/resource-groups.ts";

const SIM_IOTHUB_TYPE = "Microsoft.Devices/IotHubs";

const READ = "Microsoft.Devices/IotHubs/read";
const WRITE = "Microsoft.Devices/IotHubs/write";
const HUB = /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\/providers\/Microsoft\.Devices\/IotHubs\/([^/]+)$/i;
/** Values of properties.minTlsVersion a hub accepts: unset (= 1.0) or 1.2. */
const ACCEPTED_MIN_TLS = new Set(["1.2"]);

const notFound = (name: string, rg: string) =>
  armError(404, "ResourceNotFound", `The Resource 'Microsoft.Devices/IotHubs/${name}' under resource group '${rg}' was not found.`);

const iotHubRoutes: Route[] = [
  {
    method: "GET",
    pattern: /^\/subscriptions\/([^/]+)\/providers\/Microsoft\.Devices\/IotHubs$/i,
    handler: (ctx, req, [s]) => {
      const sub = readableSubscription(ctx, s!, READ);
      if (isResponse(sub)) return sub;
      return json(200, page(ctx.state.resourcesOfType(sub, SIM_IOTHUB_TYPE).map(iotHubJson), req, ctx.baseUrl, ctx.pageSize));
    },
  },
  {
    method: "GET",
    pattern: /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\/providers\/Microsoft\.Devices\/IotHubs$/i,
    handler: (ctx, req, [s, rg]) => {
      const sub = readableSubscription(ctx, s!, READ);
      if (isResponse(sub)) return sub;
      if (!resourceGroupExists(sub, rg!)) return armError(404, "ResourceGroupNotFound", `Resource group '${rg}' could not be found.`);
      return json(200, page(ctx.state.resourcesOfType(sub, SIM_IOTHUB_TYPE, rg).map(iotHubJson), req, ctx.baseUrl, ctx.pageSize));
    },
  },
  {
    // The SDK repeats If-Match on polls and on the final GET; reads ignore it, as ARM does.
    method: "GET",
    pattern: HUB,
    handler: (ctx, _req, [s, rg, name]) => {
      const sub = readableSubscription(ctx, s!, READ);
      if (isResponse(sub)) return sub;
      const r = ctx.state.find(sub, SIM_IOTHUB_TYPE, rg!, name!);
      return r ? json(200, iotHubJson(r)) : notFound(name!, rg!);
    },
  },
  {
    // Update = PUT of the full description with the etag read before; a stale etag gets 412 (IoT Hub's bare error shape).
    method: "PUT",
    pattern: HUB,
    handler: (ctx, req, [s, rg, name]) => {
      const sub = writableSubscription(ctx, s!, WRITE);
      if (isResponse(sub)) return sub;
      const r = ctx.state.find(sub, SIM_IOTHUB_TYPE, rg!, name!);
      if (!r) return iotHubError(400, "IotHubCreationNotSupported", "BadRequest", "The tlsbot simulator does not create IoT hubs; only updates of existing hubs are simulated.");
      const ifMatch = header(req, "if-match");
      if (ifMatch !== undefined && ifMatch !== "*" && ifMatch !== r.etag) {
        return iotHubError(412, "PreconditionFailed", "PreconditionFailed", `Precondition failed: the etag ${ifMatch} does not match the IoT hub's current etag ${r.etag}.`);
      }
      const body = (req.body ?? {}) as { properties?: Record<string, unknown>; tags?: Record<string, string> };
      if (!body.properties || typeof body.properties !== "object") {
        return iotHubError(400, "InvalidIotHubDescription", "BadRequest", "The request body must carry the full IoT hub description, properties included.");
      }
      const wanted = body.properties["minTlsVersion"];
      if (wanted !== undefined && wanted !== null && (typeof wanted !== "string" || !ACCEPTED_MIN_TLS.has(wanted))) {
        return iotHubError(400, "InvalidMinTlsVersion", "BadRequest", `Invalid minTlsVersion '${String(wanted)}': the only supported value is 1.2.`);
      }
      const { provisioningState: _p, state: _s, hostName: _h, ...props } = body.properties;
      r.properties = { ...props, provisioningState: "Updating" };
      if (body.tags) {
        for (const k of Object.keys(r.tags)) delete r.tags[k];
        Object.assign(r.tags, body.tags);
      }
      ctx.state.touch(r);
      const id = newOperationId();
      ctx.operations.set(id, {
        pollsLeft: ctx.asyncPollsBeforeDone, done: false, finalBody: null,
        complete: () => {
          delete r.properties["provisioningState"];
          return {};
        },
      });
      const asyncOp = `${ctx.baseUrl}${req.path}/operationResults/${id}?api-version=${req.query.get("api-version")}&asyncinfo`;
      return json(201, iotHubJson(r), { "azure-asyncoperation": asyncOp });
    },
  },
  {
    method: "GET",
    pattern: /^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/Microsoft\.Devices\/IotHubs\/[^/]+\/operationResults\/([^/]+)$/i,
    handler: (ctx, _req, [id]) => {
      const op = ctx.operations.get(id!);
      if (!op) return armError(404, "OperationNotFound", `Operation '${id}' was not found.`);
      if (!op.done && op.pollsLeft > 0) {
        op.pollsLeft -= 1;
        return json(200, { status: "Running" });
      }
      if (!op.done) {
        op.finalBody = op.complete();
        op.done = true;
      }
      return json(200, { status: "Succeeded" });
    },
  },
];

/** IoT Hub as api-version 2023-06-30 returns it, etag included (the SDK sends it back as If-Match). */
export function iotHubJson(r: SimResource): Record<string, unknown> {
  return {
    id: armId(r), name: r.name, type: SIM_IOTHUB_TYPE, location: r.location, tags: r.tags, etag: r.etag,
    sku: r.sku ?? { name: "S1", tier: "Standard", capacity: 1 },
    properties: { provisioningState: "Succeeded", state: "Active", hostName: `${r.name}.azure-devices.net`, ...r.properties },
    ...(r.createdTime ? { systemData: { createdAt: r.createdTime } } : {}),
  };
}

export const iotHubSim: SimKind = {
  routes: iotHubRoutes, json: iotHubJson,
  samples: [
    { name: "iot-sample-unset", properties: {}, expect: { effectiveTls: "1.0", reason: "iotHubUnsetAccepts10" } },
    { name: "iot-sample-10", properties: { minTlsVersion: "1.0" }, expect: { effectiveTls: "1.0", reason: "configured" } },
    { name: "iot-sample-11", properties: { minTlsVersion: "1.1" }, expect: { effectiveTls: "1.1", reason: "configured" } },
    { name: "iot-sample-12", properties: { minTlsVersion: "1.2" }, expect: { effectiveTls: "1.2", reason: "configured" } },
    { name: "iot-sample-12-space", properties: { minTlsVersion: "1.2 " }, expect: { effectiveTls: "unknown", reason: "unrecognisedValue" } },
  ],
};
