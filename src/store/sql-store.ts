import { createHash } from "node:crypto";
import { resourceKey, type Finding } from "../domain/resource.ts";
import { canonicalJson } from "./canonical-json.ts";
import type { SqlExecutor } from "./sql-executor.ts";
import type {
  AuditEntry, ConversationRecord, NoticeRecord, NoticeStatus, ResourceChange, ResourceQuery, RetirementChange, RetirementRecord, ScanError, ScanRecord,
  ScanSource, SnapshotDiff, Store, StoredAuditEntry, SubscriptionRecord,
} from "./store.ts";

/** ISO 8601 UTC text from a timestamptz, identical on PGlite and PostgreSQL whatever the session time zone. */
const iso = (col: string) => `to_char(${col} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

const SCAN_COLUMNS = `id, source, ${iso("started_at")} AS started_at, ${iso("finished_at")} AS finished_at, status, resource_count, errors`;

interface ScanRow {
  id: string | number; source: ScanSource; started_at: string; finished_at: string | null;
  status: ScanRecord["status"]; resource_count: number; errors: ScanError[];
}

const toScan = (r: ScanRow): ScanRecord => ({
  id: Number(r.id), source: r.source, startedAt: r.started_at, finishedAt: r.finished_at, status: r.status,
  resourceCount: Number(r.resource_count), errors: r.errors,
});

/**
 * What a finding is, up to the casing of ARM names (which differs between APIs for the same resource), as a
 * short digest stored beside it: a repeat scan compares digests instead of reading every finding back and
 * comparing it whole (a repeat snapshot of 50,000 unchanged resources read ≈ 30 MB of JSON for nothing).
 */
export function findingDigest(f: Finding): string {
  return createHash("sha256")
    .update(canonicalJson({ ...f, id: f.id.toLowerCase(), resourceGroup: f.resourceGroup.toLowerCase(), subscriptionId: f.subscriptionId.toLowerCase() }))
    .digest("base64");
}

const NOTICE_COLUMNS = `id, message_key, source, ${iso("received_at")} AS received_at, status, reason, attempts, last_error, parsed, retirement_ids, ${iso("updated_at")} AS updated_at`;

interface NoticeRow {
  id: string | number; message_key: string; source: string; received_at: string; status: NoticeStatus; reason: string | null;
  attempts: number; last_error: string | null; parsed: Record<string, unknown> | null; retirement_ids: string[]; updated_at: string;
}

const toNotice = (r: NoticeRow): NoticeRecord => ({
  id: Number(r.id), messageKey: r.message_key, source: r.source, receivedAt: r.received_at, status: r.status, reason: r.reason,
  attempts: Number(r.attempts), lastError: r.last_error, parsed: r.parsed, retirementIds: r.retirement_ids, updatedAt: r.updated_at,
});

const RETIREMENT_COLUMNS = `id, service, resource_types, to_char(deadline, 'YYYY-MM-DD') AS deadline, source, data, ${iso("updated_at")} AS updated_at`;
interface RetirementRow { id: string; service: string; resource_types: string[]; deadline: string; source: string; data: Record<string, unknown>; updated_at: string }
const toRetirement = (r: RetirementRow): RetirementRecord => ({ id: r.id, service: r.service, resourceTypes: r.resource_types, deadline: r.deadline, source: r.source, data: r.data, updatedAt: r.updated_at });

const lowerAll = (xs: readonly string[]) => xs.map((x) => x.toLowerCase());

/**
 * Rows per statement when a snapshot is written. One statement for a whole fleet's inventory makes the
 * embedded PostgreSQL parse megabytes of JSON at once, and PGlite's WASM memory never shrinks after it has
 * grown (measured by `npm run bench scan`); batches within the one transaction keep the snapshot atomic.
 */
export const SNAPSHOT_BATCH_ROWS = 1000;

function* inBatches<T>(rows: readonly T[], size = SNAPSHOT_BATCH_ROWS): Generator<readonly T[]> {
  for (let i = 0; i < rows.length; i += size) yield rows.slice(i, i + size);
}

/** Upserts the current rows of one batch (`$1`: a JSON array of rows; `$2`: the scan; `$3`: when). */
const UPSERT_CURRENT = `INSERT INTO resources_current (resource_key, subscription_key, type_key, finding, finding_digest, scan_id, updated_at)
  SELECT x.resource_key, x.subscription_key, x.type_key, x.finding, x.finding_digest, $2, $3::timestamptz
    FROM jsonb_to_recordset($1::jsonb) AS x(resource_key text, subscription_key text, type_key text, finding jsonb, finding_digest text)
  ON CONFLICT (resource_key) DO UPDATE
    SET subscription_key = EXCLUDED.subscription_key, type_key = EXCLUDED.type_key, finding = EXCLUDED.finding,
        finding_digest = EXCLUDED.finding_digest, scan_id = EXCLUDED.scan_id, updated_at = EXCLUDED.updated_at`;

interface HistoryRow { resource_key: string; change: ResourceChange["change"]; before: Finding | null; after: Finding | null }

async function insertHistory(tx: SqlExecutor, rows: readonly HistoryRow[], scanId: number, at: string): Promise<void> {
  await tx.query(
    `INSERT INTO resource_history (resource_key, scan_id, changed_at, change, before, after)
     SELECT x.resource_key, $2, $3::timestamptz, x.change, x.before, x.after
       FROM jsonb_to_recordset($1::jsonb) AS x(resource_key text, change text, before jsonb, after jsonb)`,
    [JSON.stringify(rows), scanId, at],
  );
}

const CONVERSATION_COLUMNS = `key, platform, reference, kind, tenant, langs, scopes, snoozes, ${iso("updated_at")} AS updated_at`;
interface ConversationRow { key: string; platform: ConversationRecord["platform"]; reference: Record<string, unknown>; kind: string; tenant: string | null; langs: ConversationRecord["langs"]; scopes: string[]; snoozes: Record<string, string> | null; updated_at: string }
const toConversation = (r: ConversationRow): ConversationRecord => ({ key: r.key, platform: r.platform, reference: r.reference, kind: r.kind, tenant: r.tenant, langs: r.langs, scopes: r.scopes, snoozes: r.snoozes ?? {}, updatedAt: r.updated_at });

/**
 * The Store on any PostgreSQL-compatible executor. Bulk writes go through one jsonb parameter unpacked by
 * `jsonb_to_recordset`, so a 10,000-resource scan is a handful of statements, not 10,000.
 */
/** Advisory-lock space of running scans (the key is the scan id); any constant unique to tlsbot. */
const SCAN_LOCK_SPACE = 7_331_245;
/**
 * Transaction-level lock taken by every snapshot write. Two scans completing at once would each read the
 * digests and findings of the inventory before the other's write and then write on top of it, so history
 * would hold stale "before" findings and a row the later scan saw unchanged would keep the earlier one's.
 */
const SNAPSHOT_LOCK_KEY = [7_331_246, 1] as const;

/** What a scan whose process died is marked with. */
export const INTERRUPTED_SCAN_ERRORS = [{ subscriptionId: "*", code: "interrupted", message: "tlsbot stopped before this scan finished; the previous inventory was kept." }];

export function createSqlStore(exec: SqlExecutor, backend: Store["backend"], onClose: () => Promise<void> = async () => {}): Store & { readonly exec: SqlExecutor } {
  /** Locks this process holds on its running scans (PostgreSQL): released when the scan ends. */
  const scanLocks = new Map<number, { release(): Promise<void> }>();
  async function releasingScanLock<T>(scanId: number, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } finally {
      const lock = scanLocks.get(scanId);
      scanLocks.delete(scanId);
      await lock?.release();
    }
  }
  const getNotice = async (id: number): Promise<NoticeRecord | null> => {
    const { rows } = await exec.query<NoticeRow>(`SELECT ${NOTICE_COLUMNS} FROM notices WHERE id = $1`, [id]);
    return rows[0] ? toNotice(rows[0]) : null;
  };
  const getConversation = async (key: string): Promise<ConversationRecord | null> => {
    const { rows } = await exec.query<ConversationRow>(`SELECT ${CONVERSATION_COLUMNS} FROM conversations WHERE key = $1`, [key]);
    return rows[0] ? toConversation(rows[0]) : null;
  };
  return {
    backend,
    exec,
    transaction: (fn) => exec.transaction((tx) => fn(createSqlStore(tx, backend))),
    async close() {
      await exec.close();
      await onClose();
    },

    async upsertSubscriptions(subs: readonly SubscriptionRecord[], seenAt: string) {
      if (subs.length === 0) return;
      const rows = subs.map((s) => ({ subscription_key: s.subscriptionId.toLowerCase(), subscription_id: s.subscriptionId, display_name: s.displayName, state: s.state }));
      await exec.query(
        `INSERT INTO subscriptions (subscription_key, subscription_id, display_name, state, last_seen_at)
         SELECT x.subscription_key, x.subscription_id, x.display_name, x.state, $2::timestamptz
           FROM jsonb_to_recordset($1::jsonb) AS x(subscription_key text, subscription_id text, display_name text, state text)
         ON CONFLICT (subscription_key) DO UPDATE
           SET subscription_id = EXCLUDED.subscription_id, display_name = EXCLUDED.display_name, state = EXCLUDED.state, last_seen_at = EXCLUDED.last_seen_at`,
        [JSON.stringify(rows), seenAt],
      );
    },

    async listSubscriptions() {
      const { rows } = await exec.query<{ subscription_id: string; display_name: string; state: string }>(
        "SELECT subscription_id, display_name, state FROM subscriptions ORDER BY display_name, subscription_key");
      return rows.map((r) => ({ subscriptionId: r.subscription_id, displayName: r.display_name, state: r.state }));
    },

    async inventorySubscriptions() {
      // A subscription is recorded when listed, before its resources are: every key here has its row.
      const { rows } = await exec.query<{ subscription_id: string; display_name: string; state: string }>(
        `SELECT s.subscription_id, s.display_name, s.state FROM subscriptions s
          WHERE EXISTS (SELECT 1 FROM resources_current c WHERE c.subscription_key = s.subscription_key) ORDER BY s.display_name, s.subscription_key`);
      return rows.map((r) => ({ subscriptionId: r.subscription_id, displayName: r.display_name, state: r.state }));
    },

    async beginScan(source, startedAt) {
      const { rows } = await exec.query<{ id: string | number }>(
        "INSERT INTO scans (source, started_at, status) VALUES ($1, $2::timestamptz, 'running') RETURNING id", [source, startedAt]);
      const id = Number(rows[0]!.id);
      if (exec.holdLock) scanLocks.set(id, await exec.holdLock(SCAN_LOCK_SPACE, id));
      return id;
    },

    async reapInterruptedScans() {
      if (!exec.lockFree) return 0;
      // The grace covers the moment between a scan's row and its lock (and clocks a little apart).
      const { rows } = await exec.query<{ id: string | number }>(
        "SELECT id FROM scans WHERE status = 'running' AND started_at < now() - interval '2 minutes' ORDER BY id");
      let reaped = 0;
      for (const row of rows) {
        const id = Number(row.id);
        if (scanLocks.has(id) || !(await exec.lockFree(SCAN_LOCK_SPACE, id))) continue;
        const { rows: done } = await exec.query(
          "UPDATE scans SET status = 'failed', finished_at = now(), errors = $2::jsonb WHERE id = $1 AND status = 'running' RETURNING id",
          [id, JSON.stringify(INTERRUPTED_SCAN_ERRORS)]);
        reaped += done.length;
      }
      return reaped;
    },

    async completeScan(scanId, findings, errors, scope, finishedAt): Promise<SnapshotDiff> {
      return releasingScanLock(scanId, () => exec.transaction(async (tx) => {
        await tx.query("SELECT pg_advisory_xact_lock($1, $2)", [...SNAPSHOT_LOCK_KEY]);
        const { rows: scanRows } = await tx.query<{ status: string }>("SELECT status FROM scans WHERE id = $1 FOR UPDATE", [scanId]);
        if (scanRows[0]?.status !== "running") throw new Error(`scan ${scanId} is not running (${scanRows[0]?.status ?? "unknown"})`);

        const incoming = new Map<string, Finding>();
        for (const f of findings) incoming.set(resourceKey(f.id), f);
        const scopeSubs = lowerAll(scope.subscriptionIds);
        const scopeTypes = lowerAll(scope.types);
        // Digests, not findings: the findings are read only for the rows that changed or went, whose history
        // needs them, and for rows written before digests were stored (compared whole, then given one).
        const { rows: previousRows } = await tx.query<{ resource_key: string; subscription_key: string; type_key: string; finding_digest: string | null; finding: Finding | null }>(
          `SELECT resource_key, subscription_key, type_key, finding_digest, CASE WHEN finding_digest IS NULL THEN finding END AS finding FROM resources_current
            WHERE (subscription_key = ANY($1::text[]) AND type_key = ANY($2::text[])) OR resource_key = ANY($3::text[])`,
          [scopeSubs, scopeTypes, [...incoming.keys()]],
        );
        const previous = new Map(previousRows.map((r) => [r.resource_key, r]));

        const upserts: Array<{ resource_key: string; subscription_key: string; type_key: string; finding: Finding; finding_digest: string; existed: boolean }> = [];
        const digestsToStore: Array<{ resource_key: string; finding_digest: string }> = [];
        for (const [key, f] of incoming) {
          const digest = findingDigest(f);
          const row = previous.get(key);
          const before = row ? row.finding_digest ?? findingDigest(row.finding!) : null;
          if (before === digest) {
            if (row!.finding_digest === null) digestsToStore.push({ resource_key: key, finding_digest: digest });
            continue;
          }
          upserts.push({ resource_key: key, subscription_key: f.subscriptionId.toLowerCase(), type_key: f.type.toLowerCase(), finding: f, finding_digest: digest, existed: row !== undefined });
        }
        // A subscription that failed is not an empty one: its resources stay as last seen.
        const failed = new Set(errors.map((e) => e.subscriptionId.toLowerCase()));
        const removedKeys: string[] = [];
        for (const [key, row] of previous) {
          if (incoming.has(key) || failed.has(row.subscription_key) || failed.has("*")) continue;
          if (!scopeSubs.includes(row.subscription_key) || !scopeTypes.includes(row.type_key)) continue;
          removedKeys.push(key);
        }
        const beforeKeys = [...upserts.filter((u) => u.existed).map((u) => u.resource_key), ...removedKeys];
        const beforeOf = new Map<string, Finding>();
        for (const key of beforeKeys) {
          const known = previous.get(key)?.finding;
          if (known) beforeOf.set(key, known);
        }
        const toRead = beforeKeys.filter((k) => !beforeOf.has(k));
        if (toRead.length > 0) {
          const { rows } = await tx.query<{ resource_key: string; finding: Finding }>("SELECT resource_key, finding FROM resources_current WHERE resource_key = ANY($1::text[])", [toRead]);
          for (const r of rows) beforeOf.set(r.resource_key, r.finding);
        }
        const withBefore = upserts.map((u) => ({ ...u, before: u.existed ? beforeOf.get(u.resource_key) ?? null : null }));
        const removed = removedKeys.map((key) => ({ resource_key: key, before: beforeOf.get(key)! }));
        const diff = {
          added: withBefore.filter((u) => !u.before).map((u) => u.finding.id),
          changed: withBefore.filter((u) => u.before).map((u) => u.finding.id),
          removed: removed.map((r) => r.before.id),
        };
        for (const batch of inBatches(digestsToStore)) {
          await tx.query(
            `UPDATE resources_current AS c SET finding_digest = x.finding_digest
               FROM jsonb_to_recordset($1::jsonb) AS x(resource_key text, finding_digest text) WHERE c.resource_key = x.resource_key`,
            [JSON.stringify(batch)],
          );
        }

        // History rows keep the order they always had (upserts in scan order, then removals), batch by batch.
        for (const batch of inBatches(withBefore)) {
          const current = batch.map(({ resource_key, subscription_key, type_key, finding, finding_digest }) => ({ resource_key, subscription_key, type_key, finding, finding_digest }));
          if (batch.every((u) => u.before === null)) {
            // Only new resources (all of a first scan): each history row is the row just written, so each
            // finding crosses into the database and is parsed as JSON once, not twice (a first snapshot of
            // 10,000 resources: ≈ 1.1 s instead of ≈ 1.3 s).
            await tx.query(
              `WITH written AS (${UPSERT_CURRENT} RETURNING resource_key, finding)
               INSERT INTO resource_history (resource_key, scan_id, changed_at, change, before, after)
               SELECT written.resource_key, $2, $3::timestamptz, 'added', NULL, written.finding FROM written`,
              [JSON.stringify(current), scanId, finishedAt],
            );
            continue;
          }
          await tx.query(UPSERT_CURRENT, [JSON.stringify(current), scanId, finishedAt]);
          await insertHistory(tx, batch.map((u) => ({ resource_key: u.resource_key, change: u.before ? "changed" : "added", before: u.before, after: u.finding })), scanId, finishedAt);
        }
        if (removed.length > 0) {
          await tx.query("DELETE FROM resources_current WHERE resource_key = ANY($1::text[])", [removed.map((r) => r.resource_key)]);
          for (const batch of inBatches(removed)) {
            await insertHistory(tx, batch.map((r) => ({ resource_key: r.resource_key, change: "removed", before: r.before, after: null })), scanId, finishedAt);
          }
        }
        await tx.query(
          "UPDATE scans SET status = 'completed', finished_at = $2::timestamptz, resource_count = $3, errors = $4::jsonb WHERE id = $1",
          [scanId, finishedAt, findings.length, JSON.stringify(errors)],
        );
        return { added: diff.added.sort(), changed: diff.changed.sort(), removed: diff.removed.sort() };
      }));
    },

    async failScan(scanId, errors, finishedAt) {
      await releasingScanLock(scanId, () => exec.query(
        "UPDATE scans SET status = 'failed', finished_at = $2::timestamptz, errors = $3::jsonb WHERE id = $1 AND status = 'running'",
        [scanId, finishedAt, JSON.stringify(errors)],
      ));
    },

    async getScan(scanId) {
      const { rows } = await exec.query<ScanRow>(`SELECT ${SCAN_COLUMNS} FROM scans WHERE id = $1`, [scanId]);
      return rows[0] ? toScan(rows[0]) : null;
    },

    async latestCompletedScan() {
      const { rows } = await exec.query<ScanRow>(`SELECT ${SCAN_COLUMNS} FROM scans WHERE status = 'completed' ORDER BY id DESC LIMIT 1`);
      return rows[0] ? toScan(rows[0]) : null;
    },

    async currentResources(query: ResourceQuery = {}) {
      const { rows } = await exec.query<{ finding: Finding }>(
        `SELECT finding FROM resources_current
          WHERE ($1::text[] IS NULL OR subscription_key = ANY($1::text[])) AND ($2::text[] IS NULL OR type_key = ANY($2::text[]))
          ORDER BY resource_key`,
        [query.subscriptionIds ? lowerAll(query.subscriptionIds) : null, query.types ? lowerAll(query.types) : null],
      );
      return rows.map((r) => r.finding);
    },

    async getResource(id) {
      const { rows } = await exec.query<{ finding: Finding }>("SELECT finding FROM resources_current WHERE resource_key = $1", [resourceKey(id)]);
      return rows[0]?.finding ?? null;
    },

    async scanChanges(scanId) {
      const { rows } = await exec.query<{ scan_id: string | number; changed_at: string; change: ResourceChange["change"]; before: Finding | null; after: Finding | null; resource_key: string }>(
        `SELECT scan_id, ${iso("changed_at")} AS changed_at, change, before, after, resource_key FROM resource_history WHERE scan_id = $1 ORDER BY id`, [scanId]);
      return rows.map((r) => ({
        resourceId: r.after?.id ?? r.before?.id ?? r.resource_key, scanId: Number(r.scan_id), changedAt: r.changed_at, change: r.change, before: r.before, after: r.after,
      }));
    },

    async resourceChangesSince(since, until) {
      const { rows } = await exec.query<{ scan_id: string | number; changed_at: string; change: ResourceChange["change"]; before: Finding | null; after: Finding | null; resource_key: string }>(
        `SELECT scan_id, ${iso("changed_at")} AS changed_at, change, before, after, resource_key FROM resource_history
          WHERE changed_at >= $1::timestamptz AND changed_at < $2::timestamptz ORDER BY id`, [since, until]);
      return rows.map((r) => ({
        resourceId: r.after?.id ?? r.before?.id ?? r.resource_key, scanId: Number(r.scan_id), changedAt: r.changed_at, change: r.change, before: r.before, after: r.after,
      }));
    },

    async resourceHistory(id) {
      const { rows } = await exec.query<{ scan_id: string | number; changed_at: string; change: ResourceChange["change"]; before: Finding | null; after: Finding | null }>(
        `SELECT scan_id, ${iso("changed_at")} AS changed_at, change, before, after FROM resource_history WHERE resource_key = $1 ORDER BY id`,
        [resourceKey(id)],
      );
      return rows.map((r) => ({
        resourceId: r.after?.id ?? r.before?.id ?? id, scanId: Number(r.scan_id), changedAt: r.changed_at, change: r.change, before: r.before, after: r.after,
      }));
    },

    async upsertRetirement(r: RetirementRecord) {
      await exec.query(
        `INSERT INTO retirements (id, service, resource_types, deadline, source, data, updated_at)
         VALUES ($1, $2, $3::jsonb, $4::date, $5, $6::jsonb, $7::timestamptz)
         ON CONFLICT (id) DO UPDATE SET service = EXCLUDED.service, resource_types = EXCLUDED.resource_types, deadline = EXCLUDED.deadline,
           source = EXCLUDED.source, data = EXCLUDED.data, updated_at = EXCLUDED.updated_at`,
        [r.id, r.service, JSON.stringify(r.resourceTypes), r.deadline, r.source, JSON.stringify(r.data), r.updatedAt],
      );
    },

    async listRetirements() {
      const { rows } = await exec.query<RetirementRow>(`SELECT ${RETIREMENT_COLUMNS} FROM retirements ORDER BY deadline, id`);
      return rows.map(toRetirement);
    },

    async getRetirement(id) {
      const { rows } = await exec.query<RetirementRow>(`SELECT ${RETIREMENT_COLUMNS} FROM retirements WHERE id = $1`, [id]);
      return rows[0] ? toRetirement(rows[0]) : null;
    },

    async lockRetirement(id, seed) {
      // ON CONFLICT DO NOTHING waits for a concurrent insert of the same id to commit; FOR UPDATE then
      // waits for its holder and reads the row as that holder left it (READ COMMITTED re-check).
      if (seed) {
        await exec.query(
          `INSERT INTO retirements (id, service, resource_types, deadline, source, data, updated_at)
           VALUES ($1, $2, $3::jsonb, $4::date, $5, $6::jsonb, $7::timestamptz) ON CONFLICT (id) DO NOTHING`,
          [seed.id, seed.service, JSON.stringify(seed.resourceTypes), seed.deadline, seed.source, JSON.stringify(seed.data), seed.updatedAt],
        );
      }
      const { rows } = await exec.query<RetirementRow>(`SELECT ${RETIREMENT_COLUMNS} FROM retirements WHERE id = $1 FOR UPDATE`, [id]);
      return rows[0] ? toRetirement(rows[0]) : null;
    },

    async appendRetirementChange(c: RetirementChange) {
      await exec.query(
        "INSERT INTO retirement_history (retirement_id, at, notice_id, change, before, after) VALUES ($1, $2::timestamptz, $3, $4, $5::jsonb, $6::jsonb)",
        [c.retirementId, c.at, c.noticeId, c.change, c.before ? JSON.stringify(c.before) : null, c.after ? JSON.stringify(c.after) : null],
      );
    },

    async retirementHistory(id) {
      const { rows } = await exec.query<{ retirement_id: string; at: string; notice_id: string | number | null; change: string; before: RetirementRecord | null; after: RetirementRecord | null }>(
        `SELECT retirement_id, ${iso("at")} AS at, notice_id, change, before, after FROM retirement_history WHERE retirement_id = $1 ORDER BY id`, [id]);
      return rows.map((r) => ({ retirementId: r.retirement_id, at: r.at, noticeId: r.notice_id === null ? null : Number(r.notice_id), change: r.change, before: r.before, after: r.after }));
    },

    async recordNotice(n) {
      // A data-modifying CTE's rows are invisible to its own statement: insert, then read.
      const { rows: inserted } = await exec.query<{ id: string | number }>(
        `INSERT INTO notices (message_key, source, received_at, raw, status, updated_at)
         VALUES ($1, $2, $3::timestamptz, $4, 'pending', $3::timestamptz)
         ON CONFLICT (message_key) DO NOTHING RETURNING id`,
        [n.messageKey, n.source, n.receivedAt, n.raw ? Buffer.from(n.raw.buffer, n.raw.byteOffset, n.raw.byteLength) : null],
      );
      const { rows } = await exec.query<NoticeRow>(`SELECT ${NOTICE_COLUMNS} FROM notices WHERE message_key = $1`, [n.messageKey]);
      const row = rows[0];
      if (!row) throw new Error(`notice ${n.messageKey} was neither inserted nor found`);
      return { notice: toNotice(row), created: inserted.length > 0 };
    },

    async updateNotice(id, u) {
      await exec.query(
        `UPDATE notices SET status = $2, reason = COALESCE($3, reason), parsed = COALESCE($4::jsonb, parsed),
           retirement_ids = COALESCE($5::jsonb, retirement_ids), last_error = $6, attempts = attempts + CASE WHEN $6::text IS NULL THEN 0 ELSE 1 END,
           raw = CASE WHEN $7 THEN NULL ELSE raw END, updated_at = $8::timestamptz
         WHERE id = $1`,
        [id, u.status, u.reason ?? null, u.parsed ? JSON.stringify(u.parsed) : null, u.retirementIds ? JSON.stringify(u.retirementIds) : null,
          u.error ?? null, u.dropRaw ?? false, u.at],
      );
      const updated = await getNotice(id);
      if (!updated) throw new Error(`notice ${id} not found`);
      return updated;
    },

    getNotice,

    async lockNotice(id) {
      const { rows } = await exec.query<NoticeRow>(`SELECT ${NOTICE_COLUMNS} FROM notices WHERE id = $1 FOR UPDATE`, [id]);
      return rows[0] ? toNotice(rows[0]) : null;
    },

    async noticeRaw(id) {
      const { rows } = await exec.query<{ raw: Uint8Array | null }>("SELECT raw FROM notices WHERE id = $1", [id]);
      const raw = rows[0]?.raw;
      return raw ? new Uint8Array(raw) : null;
    },

    async listNotices(query = {}) {
      const { rows } = await exec.query<NoticeRow>(
        `SELECT ${NOTICE_COLUMNS} FROM notices WHERE ($1::text[] IS NULL OR status = ANY($1::text[])) AND ($3::text IS NULL OR message_key = $3)
           AND ($4::timestamptz IS NULL OR updated_at >= $4::timestamptz)
         ORDER BY id ${query.oldestFirst ? "ASC" : "DESC"} LIMIT $2`,
        [query.status ? [...query.status] : null, query.limit ?? 100, query.messageKey ?? null, query.updatedSince ?? null],
      );
      return rows.map(toNotice);
    },

    async countNotices(status) {
      const { rows } = await exec.query<{ n: number | string }>("SELECT count(*) AS n FROM notices WHERE status = ANY($1::text[])", [[...status]]);
      return Number(rows[0]?.n ?? 0);
    },

    async getUserLang(actor) {
      const { rows } = await exec.query<{ lang: "ja" | "en" | null }>("SELECT lang FROM user_prefs WHERE actor = $1", [actor]);
      return rows[0]?.lang ?? null;
    },

    async setUserLang(actor, lang, at) {
      await exec.query(
        `INSERT INTO user_prefs (actor, lang, updated_at) VALUES ($1, $2, $3::timestamptz)
         ON CONFLICT (actor) DO UPDATE SET lang = EXCLUDED.lang, updated_at = EXCLUDED.updated_at`, [actor, lang, at]);
    },

    async getListCursor(conversationKey, notBefore) {
      const { rows } = await exec.query<{ filter: Record<string, unknown>; offset: number }>(
        `SELECT filter, "offset" FROM list_cursors WHERE conversation_key = $1 AND updated_at >= $2::timestamptz`, [conversationKey, notBefore]);
      const row = rows[0];
      return row ? { filter: row.filter, offset: Number(row.offset) } : null;
    },

    async setListCursor(conversationKey, cursor, at) {
      await exec.query(
        `INSERT INTO list_cursors (conversation_key, filter, "offset", updated_at) VALUES ($1, $2::jsonb, $3, $4::timestamptz)
         ON CONFLICT (conversation_key) DO UPDATE SET filter = EXCLUDED.filter, "offset" = EXCLUDED."offset", updated_at = EXCLUDED.updated_at`,
        [conversationKey, JSON.stringify(cursor.filter), cursor.offset, at]);
    },

    async advanceListCursor(conversationKey, by, notBefore, at) {
      const { rows } = await exec.query<{ filter: Record<string, unknown>; offset: number }>(
        `UPDATE list_cursors SET "offset" = "offset" + $2, updated_at = $4::timestamptz
         WHERE conversation_key = $1 AND updated_at >= $3::timestamptz RETURNING filter, "offset"`, [conversationKey, by, notBefore, at]);
      const row = rows[0];
      return row ? { filter: row.filter, offset: Number(row.offset) } : null;
    },

    async expireListCursors(before) {
      const { rows } = await exec.query<{ n: number }>(
        "WITH gone AS (DELETE FROM list_cursors WHERE updated_at < $1::timestamptz RETURNING 1) SELECT count(*)::int AS n FROM gone", [before]);
      return Number(rows[0]?.n ?? 0);
    },

    async upsertConversation(c) {
      await exec.query(
        `INSERT INTO conversations (key, platform, reference, kind, tenant, langs, scopes, updated_at)
         VALUES ($1, $2, $3::jsonb, $4, $5, COALESCE($6, 'ja+en'), COALESCE($7::jsonb, '[]'::jsonb), $8::timestamptz)
         ON CONFLICT (key) DO UPDATE SET reference = EXCLUDED.reference, kind = EXCLUDED.kind, tenant = EXCLUDED.tenant,
           langs = COALESCE($6, conversations.langs), scopes = COALESCE($7::jsonb, conversations.scopes), updated_at = EXCLUDED.updated_at`,
        [c.key, c.platform, JSON.stringify(c.reference), c.kind, c.tenant, c.langs ?? null, c.scopes ? JSON.stringify(c.scopes) : null, c.updatedAt],
      );
      return (await getConversation(c.key))!;
    },

    getConversation,

    async updateConversationSettings(key, settings, at) {
      await exec.query(
        `UPDATE conversations SET langs = COALESCE($2, langs), scopes = COALESCE($3::jsonb, scopes), snoozes = COALESCE($5::jsonb, snoozes), updated_at = $4::timestamptz WHERE key = $1`,
        [key, settings.langs ?? null, settings.scopes ? JSON.stringify(settings.scopes) : null, at, settings.snoozes ? JSON.stringify(settings.snoozes) : null],
      );
      const updated = await getConversation(key);
      if (!updated) throw new Error(`conversation ${key} not found`);
      return updated;
    },

    async updateSnooze(key, change, at) {
      const clearAll = "clearAll" in change;
      await exec.query(
        `UPDATE conversations SET updated_at = $2::timestamptz, snoozes = CASE WHEN $3::boolean THEN '{}'::jsonb ELSE
           (SELECT COALESCE(jsonb_object_agg(k, v), '{}'::jsonb) FROM jsonb_each(snoozes) AS e(k, v) WHERE k <> $4 AND (v #>> '{}')::timestamptz > $2::timestamptz)
           || CASE WHEN $5::text IS NULL THEN '{}'::jsonb ELSE jsonb_build_object($4::text, $5::text) END END
         WHERE key = $1`,
        [key, at, clearAll, clearAll ? "" : change.scope, clearAll ? null : change.until],
      );
      const updated = await getConversation(key);
      if (!updated) throw new Error(`conversation ${key} not found`);
      return updated;
    },

    async listSubscribedConversations() {
      const { rows } = await exec.query<ConversationRow>(`SELECT ${CONVERSATION_COLUMNS} FROM conversations WHERE jsonb_array_length(scopes) > 0 ORDER BY key`);
      return rows.map(toConversation);
    },

    async claimPost(conversationKey, postKey, at, opts = {}) {
      // A failed post may be claimed again (retried); a sent one may not; an in-flight one only once its lease is over.
      const { rows } = await exec.query<{ post_key: string }>(
        `INSERT INTO posts (conversation_key, post_key, status, attempts, updated_at, leased_at, covers_until) VALUES ($1, $2, 'sending', 1, $3::timestamptz, now(), $5::timestamptz)
         ON CONFLICT (conversation_key, post_key) DO UPDATE SET status = 'sending', attempts = posts.attempts + 1, updated_at = EXCLUDED.updated_at, leased_at = now(),
             covers_until = COALESCE(EXCLUDED.covers_until, posts.covers_until)
           WHERE posts.status = 'failed' OR (posts.status = 'sending' AND $4::double precision IS NOT NULL AND posts.leased_at < now() - make_interval(secs => $4::double precision / 1000))
         RETURNING post_key`, [conversationKey, postKey, at, opts.leaseMs ?? null, opts.coversUntil ?? null]);
      return rows.length > 0;
    },

    async hasSentPost(conversationKey, keyPrefix) {
      const { rows } = await exec.query(
        "SELECT 1 FROM posts WHERE conversation_key = $1 AND starts_with(post_key, $2) AND status = 'sent' LIMIT 1", [conversationKey, keyPrefix]);
      return rows.length > 0;
    },

    async listHeldPostsToReplace(query) {
      const { rows } = await exec.query<{ id: string | number; conversation_key: string; activity_id: string }>(
        `SELECT n.id, p.conversation_key, p.activity_id FROM posts p JOIN notices n ON p.post_key = $2 || n.id::text
          WHERE starts_with(p.post_key, $2) AND p.status = 'sent' AND p.activity_id IS NOT NULL
            AND n.status IN ('applied', 'ignored') AND n.updated_at >= $1::timestamptz
            AND NOT EXISTS (SELECT 1 FROM posts r WHERE r.conversation_key = p.conversation_key AND r.post_key = $3 || n.id::text
                              AND (r.status = 'sent' OR r.attempts >= $4))
          ORDER BY n.id, p.conversation_key`, [query.decidedSince, query.heldPrefix, query.replacedPrefix, query.maxAttempts]);
      return rows.map((r) => ({ noticeId: Number(r.id), conversationKey: r.conversation_key, activityId: r.activity_id }));
    },

    async postStatus(conversationKey, postKey) {
      const { rows } = await exec.query<{ status: "sending" | "sent" | "failed" }>("SELECT status FROM posts WHERE conversation_key = $1 AND post_key = $2", [conversationKey, postKey]);
      return rows[0]?.status ?? null;
    },

    async lastSentPostAt(conversationKey, keyPrefix) {
      const { rows } = await exec.query<{ at: string | null }>(
        `SELECT ${iso("max(updated_at)")} AS at FROM posts WHERE conversation_key = $1 AND starts_with(post_key, $2) AND status = 'sent'`, [conversationKey, keyPrefix]);
      return rows[0]?.at ?? null;
    },

    async postStatuses(postKey) {
      const { rows } = await exec.query<{ conversation_key: string; status: "sending" | "sent" | "failed" }>(
        "SELECT conversation_key, status FROM posts WHERE post_key = $1", [postKey]);
      return new Map(rows.map((r) => [r.conversation_key, r.status]));
    },

    async lastSentPosts(keyPrefix) {
      const { rows } = await exec.query<{ conversation_key: string; at: string }>(
        `SELECT conversation_key, ${iso("max(updated_at)")} AS at FROM posts WHERE starts_with(post_key, $1) AND status = 'sent' GROUP BY conversation_key`, [keyPrefix]);
      return new Map(rows.map((r) => [r.conversation_key, r.at]));
    },

    async sentCoverage(keyPrefix, until) {
      const { rows } = await exec.query<{ conversation_key: string; start: string | null; past: boolean | null }>(
        `SELECT conversation_key, ${iso("max(e) FILTER (WHERE e < $2::timestamptz)")} AS start, bool_or(e > $2::timestamptz) AS past
           FROM (SELECT conversation_key, COALESCE(covers_until, updated_at) AS e FROM posts WHERE starts_with(post_key, $1) AND status = 'sent') AS sent
          GROUP BY conversation_key`,
        [keyPrefix, until]);
      return new Map(rows.map((r) => [r.conversation_key, { from: r.start, coveredPast: r.past === true }]));
    },

    async completePost(conversationKey, postKey, result, at) {
      await exec.query(
        `UPDATE posts SET status = $3, activity_id = $4, last_error = $5, updated_at = $6::timestamptz WHERE conversation_key = $1 AND post_key = $2`,
        [conversationKey, postKey, result.error ? "failed" : "sent", result.activityId ?? null, result.error ?? null, at]);
    },

    async claimJobRun(key, at, opts = {}) {
      const { rows } = await exec.query<{ key: string }>(
        `INSERT INTO job_runs (key, claimed_at, leased_at) VALUES ($1, $2::timestamptz, now())
         ON CONFLICT (key) DO UPDATE SET claimed_at = EXCLUDED.claimed_at, leased_at = now()
           WHERE job_runs.completed_at IS NULL AND $3::double precision IS NOT NULL AND job_runs.leased_at < now() - make_interval(secs => $3::double precision / 1000)
         RETURNING key`, [key, at, opts.leaseMs ?? null]);
      return rows.length > 0;
    },

    async jobRunState(key) {
      const { rows } = await exec.query<{ done: boolean }>("SELECT completed_at IS NOT NULL AS done FROM job_runs WHERE key = $1", [key]);
      return rows.length === 0 ? null : rows[0]!.done ? "completed" : "running";
    },

    async completeJobRun(key, at) {
      await exec.query("UPDATE job_runs SET completed_at = $2::timestamptz WHERE key = $1", [key, at]);
    },

    async getCursor(source) {
      const { rows } = await exec.query<{ cursor: string }>("SELECT cursor FROM source_cursors WHERE source = $1", [source]);
      return rows[0]?.cursor ?? null;
    },

    async setCursor(source, cursor, at) {
      await exec.query(
        `INSERT INTO source_cursors (source, cursor, updated_at) VALUES ($1, $2, $3::timestamptz)
         ON CONFLICT (source) DO UPDATE SET cursor = EXCLUDED.cursor, updated_at = EXCLUDED.updated_at`, [source, cursor, at]);
    },

    async appendAudit(entry: AuditEntry) {
      const { rows } = await exec.query<{ seq: string | number }>(
        "INSERT INTO audit_log (at, actor, action, target, detail) VALUES ($1::timestamptz, $2, $3, $4, $5::jsonb) RETURNING seq",
        [entry.at, entry.actor, entry.action, entry.target, JSON.stringify(entry.detail)],
      );
      return Number(rows[0]!.seq);
    },

    async listAudit(limit = 100, filter = {}) {
      const { rows } = await exec.query<{ seq: string | number; at: string; actor: string; action: string; target: string | null; detail: Record<string, unknown> }>(
        `SELECT seq, ${iso("at")} AS at, actor, action, target, detail FROM audit_log
          WHERE ($2::text IS NULL OR lower(target) = lower($2)) ORDER BY seq DESC LIMIT $1`, [limit, filter.target ?? null]);
      return rows.map((r): StoredAuditEntry => ({ seq: Number(r.seq), at: r.at, actor: r.actor, action: r.action, target: r.target, detail: r.detail }));
    },
  };
}
