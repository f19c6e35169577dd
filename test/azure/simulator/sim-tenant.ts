import { parseTenant, SIM_IOTHUB_TYPE, SIM_REDIS_TYPE, type Tenant } from "../../../src/azure/simulator/index.ts";

export const SUB_A = "aaaaaaaa-0000-4000-a000-000000000001";
export const SUB_B = "bbbbbbbb-0000-4000-a000-000000000002";
export const SUB_FORBIDDEN = "cccccccc-0000-4000-a000-000000000003";

/** A small tenant whose every resource a test can name. */
export function smallTenant(): Tenant {
  return parseTenant({
    tenantId: "tenant-test",
    subscriptions: [
      {
        subscriptionId: SUB_A, displayName: "sub-a",
        resources: [
          { type: SIM_REDIS_TYPE, resourceGroup: "rg-one", name: "cache-old", location: "japaneast", createdTime: "2019-06-01T00:00:00Z", properties: {} },
          { type: SIM_REDIS_TYPE, resourceGroup: "rg-one", name: "cache-new", location: "japaneast", createdTime: "2021-06-01T00:00:00Z", properties: {} },
          { type: SIM_REDIS_TYPE, resourceGroup: "rg-one", name: "cache-nodate", location: "japaneast", properties: {} },
          { type: SIM_REDIS_TYPE, resourceGroup: "rg-two", name: "cache-10", location: "japaneast", createdTime: "2022-01-01T00:00:00Z", properties: { minimumTlsVersion: "1.0" } },
          { type: SIM_REDIS_TYPE, resourceGroup: "rg-two", name: "cache-12", location: "japaneast", createdTime: "2022-01-01T00:00:00Z", properties: { minimumTlsVersion: "1.2" } },
          { type: SIM_IOTHUB_TYPE, resourceGroup: "rg-iot", name: "hub-unset", location: "japaneast", createdTime: "2023-01-01T00:00:00Z", properties: {} },
          { type: SIM_IOTHUB_TYPE, resourceGroup: "rg-iot", name: "hub-12", location: "japaneast", properties: { minTlsVersion: "1.2" } },
          { type: "Microsoft.Storage/storageAccounts", resourceGroup: "rg-one", name: "stone", location: "japaneast", createdTime: "2020-01-01T00:00:00Z", properties: {} },
        ],
      },
      {
        subscriptionId: SUB_B, displayName: "sub-b",
        resources: [
          { type: SIM_REDIS_TYPE, resourceGroup: "rg-b", name: "cache-13", location: "eastus", createdTime: "2024-01-01T00:00:00Z", properties: { minimumTlsVersion: "1.3" } },
        ],
      },
      {
        subscriptionId: SUB_FORBIDDEN, displayName: "sub-forbidden", access: "forbidden",
        resources: [{ type: SIM_REDIS_TYPE, resourceGroup: "rg-x", name: "cache-hidden", location: "eastus", properties: {} }],
      },
    ],
  });
}
