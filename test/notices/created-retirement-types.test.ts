import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ingestMessage } from "../../src/notices/ingest/ingest-message.ts";
import { parseNotice } from "../../src/notices/parse-notice.ts";
import { noticeFromAdvisory } from "../../src/notices/sources/service-health/advisory.ts";
import { SERVICE_HEALTH_PREFIX } from "../../src/notices/sources/source-kinds.ts";
import { dueReminders } from "../../src/schedule/post-reminders.ts";
import { PG, PROD, scannedTenant } from "../support/overlapping-retirements.ts";
import type { ScanFixture } from "../support/scan-fixture.ts";
import { buildMail } from "./mail-builder.ts";

const NOTICE_AT = new Date("2026-12-01T00:00:00Z");
const KEY_VAULT = "Microsoft.KeyVault/vaults";

/** A trusted notice for a service the catalog has no TLS retirement for, naming another service only in passing. */
const pgNotice = (opts: { tracking?: string; day?: string; messageId?: string } = {}) => buildMail({
  subject: `Action required: Azure Database for PostgreSQL flexible servers must use TLS 1.2 by ${opts.day ?? "1 June 2027"}`,
  messageId: opts.messageId ?? "pg-cccc-333@notify.microsoft.com", date: "2026-11-30T09:00:00Z",
  body: `Tracking ID: ${opts.tracking ?? "CCCC-333"}\n\nAzure Database for PostgreSQL flexible servers will retire support for TLS 1.0 and 1.1 on ${opts.day ?? "1 June 2027"}.\n\n`
    + "Required action\nSet the minimum TLS version of your servers to 1.2. Keep your connection strings in Azure Key Vault.\n",
});

describe("a retirement a notice creates applies to what the notice says retires", () => {
  let fx: ScanFixture;
  beforeAll(async () => { fx = await scannedTenant(); });
  afterAll(async () => { await fx?.close(); });

  it("the reader names the types where TLS ends, not a service mentioned in passing", async () => {
    const n = await parseNotice(pgNotice());
    expect(n.namedResourceTypes).toEqual(expect.arrayContaining([PG, KEY_VAULT]));
    expect(n.retiringResourceTypes).toContain(PG);
    expect(n.retiringResourceTypes).not.toContain(KEY_VAULT);
  });

  it("ingested, it gives the servers its deadline and the reminders name them", async () => {
    const r = await ingestMessage(fx.store, { bytes: pgNotice(), source: "file:test", receivedAt: NOTICE_AT.toISOString() }, { now: () => NOTICE_AT });
    expect([r.notice.status, r.notice.retirementIds]).toEqual(["applied", ["tracking-CCCC-333"]]);
    const stored = await fx.store.getRetirement("tracking-CCCC-333");
    expect(stored?.resourceTypes).toContain(PG);
    expect(stored?.resourceTypes).not.toContain(KEY_VAULT);
    // Thirty days before the day: the 30-day milestone names the PostgreSQL servers below 1.2, and only them.
    const due = (await dueReminders(fx.store, new Date("2027-05-02T00:00:00Z"))).filter((d) => d.retirementId === "tracking-CCCC-333");
    expect(due).toHaveLength(1);
    expect(due[0]!.affected.map((a) => a.name).sort()).toEqual(["pg-billing-prod", "pg-orders-prod", "pg-playground-dev"]);
  });

  it("a Service Health event's impacted resources give their types, even where its text names none", async () => {
    const advisory = {
      trackingId: "DDDD-444", eventType: "ActionRequired", eventSubType: "Retirement",
      title: "Transition to TLS 1.2 by 1 July 2027", summary: "<p>TLS 1.0 and TLS 1.1 will be retired on 1 July 2027. Update your clients to use TLS 1.2.</p>",
      impactStartTime: null, impactMitigationTime: null, lastUpdateTime: "2026-11-30T00:00:00Z",
      subscriptionIds: [PROD], resourceIds: [`/subscriptions/${PROD}/resourceGroups/rg-data-prod/providers/Microsoft.DBforPostgreSQL/flexibleServers/pg-orders-prod`],
    };
    expect(noticeFromAdvisory(advisory).retiringResourceTypes).toEqual([]);
    const r = await ingestMessage(fx.store, { bytes: new TextEncoder().encode(JSON.stringify(advisory)), source: `${SERVICE_HEALTH_PREFIX}DDDD-444`, messageKey: "sh:DDDD-444", receivedAt: NOTICE_AT.toISOString() }, { now: () => NOTICE_AT });
    expect([r.notice.status, r.notice.retirementIds]).toEqual(["applied", ["tracking-DDDD-444"]]);
    expect((await fx.store.getRetirement("tracking-DDDD-444"))?.resourceTypes).toEqual([PG]);
  });

  it("a later notice about the same retirement adds the types it names", async () => {
    await fx.store.upsertRetirement({ ...(await fx.store.getRetirement("tracking-CCCC-333"))!, resourceTypes: [] });
    const r = await ingestMessage(fx.store, { bytes: pgNotice({ messageId: "pg-cccc-333-update@notify.microsoft.com" }), source: "file:test", receivedAt: NOTICE_AT.toISOString() }, { now: () => NOTICE_AT });
    expect(r.notice.status).toBe("applied");
    expect((await fx.store.getRetirement("tracking-CCCC-333"))?.resourceTypes).toContain(PG);
  });
});
