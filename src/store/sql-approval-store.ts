import type { ApprovalStore, Lease, NewApproval, Shown, StatePatch, TokenGrant, TokenOutcome, TokenUse } from "../approvals/approval-store.ts";
import { InFlightError } from "../approvals/approval-store.ts";
import type { Approval, ApprovalState } from "../domain/approval.ts";
import { resourceKey } from "../domain/resource.ts";
import type { SqlExecutor } from "./sql-executor.ts";

const iso = (col: string) => `to_char(${col} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
const COLUMNS = `id, resource_id, resource_name, kind, target, seen_tls, state, requested_by, approved_by, actor_names, conversation_id, needs_second, dry_run,
  ${iso("expires_at")} AS expires_at, message, operation, result, ${iso("created_at")} AS created_at, ${iso("updated_at")} AS updated_at`;

interface Row {
  id: string; resource_id: string; resource_name: string; kind: string; target: string; seen_tls: string | null; state: ApprovalState;
  requested_by: string; approved_by: string[]; actor_names: Record<string, string>; conversation_id: string; needs_second: boolean; dry_run: boolean; expires_at: string;
  message: Record<string, unknown> | null; operation: string | null; result: Record<string, unknown> | null; created_at: string; updated_at: string;
}

const toApproval = (r: Row): Approval => ({
  id: r.id, resourceId: r.resource_id, resourceName: r.resource_name, kind: r.kind, target: r.target as Approval["target"], seenTls: r.seen_tls,
  state: r.state, requestedBy: r.requested_by, approvedBy: r.approved_by, actorNames: r.actor_names ?? {}, conversationId: r.conversation_id, needsSecond: r.needs_second,
  dryRun: r.dry_run, expiresAt: r.expires_at, message: r.message, operation: r.operation, result: r.result, createdAt: r.created_at, updatedAt: r.updated_at,
});

/** The end of a lease of `ms` milliseconds from now on the database's clock (`clock_timestamp()`, not the transaction's start). */
const leaseEnd = (ms: string) => `clock_timestamp() + make_interval(secs => ${ms}::double precision / 1000)`;

const isUniqueViolation = (err: unknown) => (err as { code?: string }).code === "23505" || /duplicate key|unique constraint/i.test(String((err as Error).message));

export function createSqlApprovalStore(exec: SqlExecutor): ApprovalStore {
  /**
   * Grants `t` for the approval's own conversation, resource and target while it is as `shown`. The share lock
   * waits out a move under way (then re-reads the row, moved on), and makes a move wait for this grant to commit:
   * the revocation that goes with a move then sees the token.
   */
  const insertToken = async (q: SqlExecutor, approvalId: string, t: TokenGrant, shown: Shown) => {
    const { rows } = await q.query(
      `INSERT INTO approval_tokens (token_hash, approval_id, step, bound_actor, conversation_id, resource_key, target, expires_at)
       SELECT $1, a.id, $3, $4, a.conversation_id, a.resource_key, a.target, $5::timestamptz
         FROM (SELECT id, conversation_id, resource_key, target FROM approvals
                WHERE id = $2 AND state = $6 AND seen_tls IS NOT DISTINCT FROM $7::text FOR SHARE) a
       RETURNING token_hash`,
      [t.hash, approvalId, t.step, t.boundActor, t.expiresAt, shown.state, shown.seenTls],
    );
    return rows.length > 0;
  };

  async function moveWith(q: SqlExecutor, id: string, from: readonly ApprovalState[], to: ApprovalState, patch: StatePatch, at: string, owner: string | null): Promise<Approval | null> {
    // Into applying: the lease is claimed in the same statement as the state, so no other execution can
    // see the approval applying without a live lease. Out of applying: the lease goes with it.
    const lease = to === "applying" ? patch.lease ?? null : null;
    const { rows } = await q.query<Row>(
      `UPDATE approvals SET state = $3, updated_at = $4::timestamptz,
         approved_by = COALESCE($5::jsonb, approved_by),
         operation = CASE WHEN $6::boolean THEN $7 ELSE operation END,
         result = CASE WHEN $8::boolean THEN $9::jsonb ELSE result END,
         seen_tls = CASE WHEN $10::boolean THEN $11 ELSE seen_tls END,
         expires_at = COALESCE($12::timestamptz, expires_at),
         actor_names = actor_names || COALESCE($13::jsonb, '{}'::jsonb),
         lease_owner = $14::text,
         lease_expires_at = CASE WHEN $14::text IS NULL THEN NULL ELSE ${leaseEnd("$15")} END
       WHERE id = $1 AND state = ANY($2::text[]) AND ($16::text IS NULL OR lease_owner = $16::text)
       RETURNING ${COLUMNS}`,
      [id, [...from], to, at, patch.approvedBy ? JSON.stringify(patch.approvedBy) : null,
        patch.operation !== undefined, patch.operation ?? null, patch.result !== undefined, patch.result ? JSON.stringify(patch.result) : null,
        patch.seenTls !== undefined, patch.seenTls ?? null, patch.expiresAt ?? null, patch.actorNames ? JSON.stringify(patch.actorNames) : null,
        lease?.owner ?? null, lease?.ms ?? null, owner],
    );
    return rows[0] ? toApproval(rows[0]) : null;
  }

  return {
    async create(a: NewApproval, token: TokenGrant) {
      return exec.transaction(async (tx) => {
        const { rows } = await tx.query<Row>(
          `INSERT INTO approvals (id, resource_key, resource_id, resource_name, kind, target, seen_tls, state, requested_by, conversation_id,
             needs_second, dry_run, expires_at, created_at, updated_at, actor_names)
           VALUES ($1, $2, $3, $4, $5, $6, $7, 'requested', $8, $9, $10, $11, $12::timestamptz, $13::timestamptz, $13::timestamptz, $14::jsonb)
           RETURNING ${COLUMNS}`,
          [a.id, resourceKey(a.resourceId), a.resourceId, a.resourceName, a.kind, a.target, a.seenTls, a.requestedBy, a.conversationId, a.needsSecond, a.dryRun, a.expiresAt, a.createdAt, JSON.stringify(a.actorNames)],
        );
        const created = toApproval(rows[0]!);
        await insertToken(tx, a.id, token, created);
        return created;
      });
    },

    async get(id) {
      const { rows } = await exec.query<Row>(`SELECT ${COLUMNS} FROM approvals WHERE id = $1`, [id]);
      return rows[0] ? toApproval(rows[0]) : null;
    },

    async grantToken(approvalId, token, shown) {
      return insertToken(exec, approvalId, token, shown);
    },

    async useToken(use: TokenUse): Promise<TokenOutcome> {
      // One UPDATE both checks every binding and marks the token used: of concurrent uses exactly one
      // matches `used_at IS NULL`. A use that fails a binding changes nothing.
      const { rows } = await exec.query<{ step: "confirm" | "second" }>(
        `UPDATE approval_tokens t SET used_at = $7::timestamptz, used_by = $3
          FROM approvals a
         WHERE t.token_hash = $1 AND t.approval_id = $2 AND a.id = t.approval_id AND t.used_at IS NULL AND t.revoked_at IS NULL
           AND t.expires_at > $7::timestamptz AND t.conversation_id = $4 AND t.resource_key = $5 AND t.target = $6
           AND (t.bound_actor = $3 OR (t.bound_actor IS NULL AND a.requested_by <> $3))
        RETURNING t.step`,
        [use.hash, use.approvalId, use.actor, use.conversationId, resourceKey(use.resourceId), use.target, use.now],
      );
      if (rows[0]) return { ok: true, step: rows[0].step };
      const { rows: found } = await exec.query<{ approval_id: string; bound_actor: string | null; conversation_id: string; resource_key: string; target: string; expired: boolean; used: boolean; revoked: boolean; requested_by: string }>(
        `SELECT t.approval_id, t.bound_actor, t.conversation_id, t.resource_key, t.target, t.expires_at <= $2::timestamptz AS expired,
                t.used_at IS NOT NULL AS used, t.revoked_at IS NOT NULL AS revoked, a.requested_by
           FROM approval_tokens t JOIN approvals a ON a.id = t.approval_id WHERE t.token_hash = $1`,
        [use.hash, use.now],
      );
      const t = found[0];
      if (!t) return { ok: false, reason: "tokenInvalid" };
      if (t.approval_id !== use.approvalId || t.resource_key !== resourceKey(use.resourceId) || t.target !== use.target) return { ok: false, reason: "payloadMismatch" };
      if (t.conversation_id !== use.conversationId) return { ok: false, reason: "otherConversation" };
      if (t.used) return { ok: false, reason: "tokenUsed" };
      if (t.revoked) return { ok: false, reason: "superseded" };
      if (t.expired) return { ok: false, reason: "expired" };
      if (t.bound_actor === null && t.requested_by === use.actor) return { ok: false, reason: "selfSecond" };
      return { ok: false, reason: "notApprover" };
    },

    async tokenStanding(approvalId, hash, now) {
      const { rows } = await exec.query<{ used: boolean; revoked: boolean; expired: boolean }>(
        `SELECT used_at IS NOT NULL AS used, revoked_at IS NOT NULL AS revoked, expires_at <= $3::timestamptz AS expired
           FROM approval_tokens WHERE token_hash = $1 AND approval_id = $2`,
        [hash, approvalId, now],
      );
      const t = rows[0];
      return !t ? "unknown" : t.used ? "used" : t.revoked ? "revoked" : t.expired ? "expired" : "live";
    },

    async move(id, from, to, patch: StatePatch, at, opts = {}) {
      try {
        return await moveWith(exec, id, from, to, patch, at, opts.owner ?? null);
      } catch (err) {
        if (to === "applying" && isUniqueViolation(err)) throw new InFlightError("another upgrade of this resource is in flight", { cause: err });
        throw err;
      }
    },

    async moveAndReissue(id, from, to, patch: StatePatch, at, token: TokenGrant) {
      return exec.transaction(async (tx) => {
        const moved = await moveWith(tx, id, from, to, patch, at, null);
        if (!moved) return null;
        // Expired too: a replica still on an earlier version checks expiry but knows nothing of revocation.
        await tx.query(
          `UPDATE approval_tokens SET revoked_at = $2::timestamptz, expires_at = LEAST(expires_at, $2::timestamptz)
            WHERE approval_id = $1 AND used_at IS NULL AND revoked_at IS NULL`,
          [id, at],
        );
        await insertToken(tx, id, token, moved);
        return moved;
      });
    },

    async claimLease(id, lease: Lease, opts = {}) {
      const { rows } = await exec.query<Row>(
        `UPDATE approvals SET lease_owner = $2, lease_expires_at = ${leaseEnd("$3")}
          WHERE id = $1 AND state = 'applying' AND ($4::boolean OR lease_expires_at IS NULL OR lease_expires_at <= clock_timestamp())
          RETURNING ${COLUMNS}`,
        [id, lease.owner, lease.ms, opts.takeover === true],
      );
      return rows[0] ? toApproval(rows[0]) : null;
    },

    async renewLease(id, lease: Lease) {
      const { rows } = await exec.query(
        `UPDATE approvals SET lease_expires_at = ${leaseEnd("$3")}
          WHERE id = $1 AND state = 'applying' AND lease_owner = $2 AND lease_expires_at > clock_timestamp() RETURNING id`,
        [id, lease.owner, lease.ms],
      );
      return rows.length > 0;
    },

    async releaseLease(id, owner) {
      await exec.query("UPDATE approvals SET lease_expires_at = clock_timestamp() WHERE id = $1 AND state = 'applying' AND lease_owner = $2", [id, owner]);
    },

    async setOperation(id, operation, at, owner) {
      const { rows } = await exec.query(
        "UPDATE approvals SET operation = $2, updated_at = $3::timestamptz WHERE id = $1 AND state = 'applying' AND lease_owner = $4 RETURNING id",
        [id, operation, at, owner],
      );
      return rows.length > 0;
    },

    async setMessage(id, message, at) {
      await exec.query("UPDATE approvals SET message = $2::jsonb, updated_at = $3::timestamptz WHERE id = $1", [id, JSON.stringify(message), at]);
    },

    async list(query = {}) {
      const { rows } = await exec.query<Row>(
        `SELECT ${COLUMNS} FROM approvals
          WHERE ($1::text[] IS NULL OR state = ANY($1::text[])) AND ($2::text IS NULL OR resource_key = $2)
          ORDER BY created_at DESC, id LIMIT $3`,
        [query.states ? [...query.states] : null, query.resourceId ? resourceKey(query.resourceId) : null, query.limit ?? 100],
      );
      return rows.map(toApproval);
    },
  };
}
