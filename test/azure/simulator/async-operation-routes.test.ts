import { describe, expect, it } from "vitest";
import { acceptedAsync, asyncOperationRoutes } from "../../../src/azure/simulator/routes/async-operation-routes.ts";
import type { SimContext } from "../../../src/azure/simulator/routes/sim-context.ts";
import type { SimRequest } from "../../../src/azure/simulator/sim-http.ts";

const BASE = "https://127.0.0.1:1";
const ctx = { baseUrl: BASE, asyncPollsBeforeDone: 2, operations: new Map() } as unknown as SimContext;
const get = (url: string) => {
  const u = new URL(url);
  const req: SimRequest = { method: "GET", path: u.pathname, query: u.searchParams, headers: {}, body: undefined };
  for (const route of asyncOperationRoutes) {
    const m = route.pattern.exec(u.pathname);
    if (m) return route.handler(ctx, req, m.slice(1));
  }
  throw new Error(`no route for ${u.pathname}`);
};

describe("the simulator's long-running write answer", () => {
  it("gives an operation-status URL and a separate operation-result URL, each polled as ARM answers it", async () => {
    const write: SimRequest = { method: "PATCH", path: "/x", query: new URLSearchParams("api-version=2024-01-01"), headers: {}, body: {} };
    const accepted = acceptedAsync(ctx, write, "sub", "Microsoft.Storage", "japaneast");
    expect(accepted.status).toBe(202);
    const status = accepted.headers!["azure-asyncoperation"]!;
    const result = accepted.headers!["location"]!;
    expect(status).toMatch(/\/operationStatuses\/[^/?]+\?api-version=2024-01-01$/);
    expect(result).toMatch(/\/operationResults\/[^/?]+\?api-version=2024-01-01$/);
    // The result URL answers 202 (pointing at itself) while the operation runs, then 200.
    const first = await get(result);
    expect(first.status).toBe(202);
    expect(first.headers?.["location"]).toBe(result);
    expect((await get(status)).body).toMatchObject({ status: "InProgress" });
    expect((await get(result)).status).toBe(200);
    expect((await get(status)).body).toMatchObject({ status: "Succeeded" });
    expect((await get(`${BASE}/subscriptions/sub/providers/Microsoft.Storage/locations/japaneast/operationResults/nope`)).status).toBe(404);
  });
});
