import { runScan } from "../../src/azure/scan/run-scan.ts";
import { parseTenant, type TenantInput } from "../../src/azure/simulator/tenant.ts";
import type { RetirementRecord } from "../../src/store/store.ts";
import { scanFixture, type ScanFixture } from "./scan-fixture.ts";

export const PG = "Microsoft.DBforPostgreSQL/flexibleServers";
export const PROD = "11111111-1111-4111-a111-111111111111";
export const DEV = "22222222-2222-4222-a222-222222222222";
/** Two retirements trusted notices created for the same type the catalog has none for: the earlier one governs it. */
export const EARLIER = { id: "tracking-AAAA-111", trackingId: "AAAA-111", deadline: "2027-03-01" } as const;
export const LATER = { id: "tracking-BBBB-222", trackingId: "BBBB-222", deadline: "2027-09-01" } as const;
export const SCANNED_AT = new Date("2026-11-26T03:00:00Z");

const pg = (name: string, resourceGroup: string, version: string) =>
  ({ type: PG, resourceGroup, name, location: "japaneast", properties: { ssl_min_protocol_version: version }, createdTime: "2022-04-01T00:00:00Z" });

/** Two PostgreSQL flexible servers below 1.2 in prod, one in dev, one already on 1.2, and a Redis cache on 1.0. */
const TENANT: TenantInput = {
  tenantId: "overlap",
  subscriptions: [
    {
      subscriptionId: PROD, displayName: "prod-jp-east",
      resources: [
        pg("pg-orders-prod", "rg-data-prod", "TLSv1"), pg("pg-billing-prod", "rg-data-prod", "TLSv1.1"), pg("pg-ledger-prod", "rg-data-prod", "TLSv1.2"),
        { type: "Microsoft.Cache/Redis", resourceGroup: "rg-cache-prod", name: "redis-cart-prod", location: "japaneast", properties: { minimumTlsVersion: "1.0" }, createdTime: "2021-01-01T00:00:00Z" },
      ],
    },
    { subscriptionId: DEV, displayName: "dev-sandbox", resources: [pg("pg-playground-dev", "rg-sandbox", "TLSv1")] },
  ],
};

/** A retirement as a trusted notice creates it for a type the catalog does not cover (`tracking-<Tracking ID>`). */
export function noticeRetirement(r: { id: string; trackingId: string; deadline: string }, noticeId: number, resourceTypes: readonly string[] = [PG]): RetirementRecord {
  return {
    id: r.id, service: `Azure Database for PostgreSQL TLS 1.0/1.1 retirement (${r.trackingId})`, resourceTypes, deadline: r.deadline,
    source: `notice:${noticeId}`, data: { trackingIds: [r.trackingId] }, updatedAt: SCANNED_AT.toISOString(),
  };
}

/** The tenant scanned into a fresh PGlite store, before any notice: the retirements come after the scan, as notices do. */
export async function scannedTenant(): Promise<ScanFixture> {
  const fx = await scanFixture({ tenant: parseTenant(TENANT, "overlap") });
  await runScan({ clients: fx.clients, store: fx.store, now: () => SCANNED_AT }, { source: "arm", concurrency: 4, timeoutMs: 30_000 });
  return fx;
}
