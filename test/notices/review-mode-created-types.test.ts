import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ingestMessage } from "../../src/notices/ingest/ingest-message.ts";
import { dueReminders } from "../../src/schedule/post-reminders.ts";
import { PG, scannedTenant } from "../support/overlapping-retirements.ts";
import type { ScanFixture } from "../support/scan-fixture.ts";
import { buildMail } from "./mail-builder.ts";

const NOTICE_AT = new Date("2026-12-01T00:00:00Z");
const CREATED = "tracking-CCCC-333";

/** A trusted notice naming PostgreSQL flexible servers for a retirement a notice created before, on the same day. */
const pgNotice = (messageId: string) => buildMail({
  subject: "Action required: Azure Database for PostgreSQL flexible servers must use TLS 1.2 by 1 June 2027",
  messageId, date: "2026-11-30T09:00:00Z",
  body: "Tracking ID: CCCC-333\n\nAzure Database for PostgreSQL flexible servers will retire support for TLS 1.0 and 1.1 on 1 June 2027.\n\n"
    + "Required action\nSet the minimum TLS version of your servers to 1.2.\n",
});

/**
 * A notice that confirms a created retirement's day but names types it did not apply to gives those resources a deadline
 * they did not have: under TLSBOT_NOTICE_DEADLINES=review that is a deadline set by a notice, which waits for a person.
 */
describe("TLSBOT_NOTICE_DEADLINES=review and a notice adding types to a retirement a notice created", () => {
  let fx: ScanFixture;
  beforeAll(async () => {
    fx = await scannedTenant();
    // Created by an earlier notice that named no type (or by a version that stored none): it reaches no resource.
    await fx.store.upsertRetirement({
      id: CREATED, service: "Azure Database for PostgreSQL", resourceTypes: [], deadline: "2027-06-01", source: "notice:1",
      data: { trackingIds: ["CCCC-333"], sourceDate: "2026-11-01" }, updatedAt: "2026-11-01T00:00:00.000Z",
    });
  });
  afterAll(async () => { await fx?.close(); });

  const pgReminded = async () => (await dueReminders(fx.store, new Date("2027-05-02T00:00:00Z")))
    .filter((d) => d.retirementId === CREATED).flatMap((d) => d.affected.map((a) => a.name)).sort();

  it("holds it for review, and the servers get no deadline until someone accepts it", async () => {
    expect(await pgReminded()).toEqual([]);
    const r = await ingestMessage(fx.store, { bytes: pgNotice("pg-review@notify.microsoft.com"), source: "file:test", receivedAt: NOTICE_AT.toISOString() }, { now: () => NOTICE_AT, deadlineChanges: "review" });
    expect(r.notice).toMatchObject({ status: "triage", reason: "reviewRequired", retirementIds: [] });
    expect((await fx.store.getRetirement(CREATED))?.resourceTypes).toEqual([]);
    expect(await pgReminded()).toEqual([]);
  });

  it("applies it by itself when changes are applied (the default)", async () => {
    const r = await ingestMessage(fx.store, { bytes: pgNotice("pg-apply@notify.microsoft.com"), source: "file:test", receivedAt: NOTICE_AT.toISOString() }, { now: () => NOTICE_AT });
    expect(r.notice).toMatchObject({ status: "applied", retirementIds: [CREATED] });
    expect((await fx.store.getRetirement(CREATED))?.resourceTypes).toContain(PG);
    expect(await pgReminded()).toEqual(["pg-billing-prod", "pg-orders-prod", "pg-playground-dev"]);
  });
});
