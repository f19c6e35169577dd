import type { Actor } from "../domain/approval.ts";
import { resourceKey } from "../domain/resource.ts";

/** One `platform:id[@scope]` entry; `scope` null means every resource tlsbot can see. */
export interface ApproverEntry {
  readonly platform: Actor["platform"];
  readonly id: string;
  readonly scope: string | null;
}

const PLATFORMS = new Set(["teams", "slack", "web", "cli"]);

/**
 * Parses `teams:<aadObjectId>[@<scope>],slack:<userId>[@<scope>]`. A scope is an ARM id prefix
 * (`/subscriptions/<id>` or `/subscriptions/<id>/resourceGroups/<rg>`). Invalid entries are returned as
 * problems, never guessed at: a typo must not widen who may approve.
 */
export function parseApprovers(raw: readonly string[]): { entries: ApproverEntry[]; problems: string[] } {
  const entries: ApproverEntry[] = [];
  const problems: string[] = [];
  for (const item of raw.flatMap((r) => r.split(",")).map((s) => s.trim()).filter(Boolean)) {
    const m = /^([a-z]+):([^@\s]+)(?:@(\/subscriptions\/[^\s]+))?$/i.exec(item);
    if (!m || !PLATFORMS.has(m[1]!.toLowerCase())) {
      problems.push(item);
      continue;
    }
    const scope = m[3] ? resourceKey(m[3]) : null;
    if (scope && !/^\/subscriptions\/[^/]+(\/resourcegroups\/[^/]+)?(\/providers\/.+)?$/.test(scope)) {
      problems.push(item);
      continue;
    }
    entries.push({ platform: m[1]!.toLowerCase() as Actor["platform"], id: m[2]!, scope });
  }
  return { entries, problems };
}

/** A scope covers a resource when it is the resource's id or a whole path segment prefix of it. */
export function scopeCovers(scope: string | null, resourceId: string): boolean {
  if (scope === null) return true;
  const id = resourceKey(resourceId);
  return id === scope || id.startsWith(`${scope}/`);
}

export type Authorisation = { ok: true } | { ok: false; reason: "notApprover" | "outOfScope" };

/** Deny by default: an actor approves a resource only through an entry naming both. */
export function authorise(entries: readonly ApproverEntry[], actor: Actor, resourceId: string): Authorisation {
  const mine = entries.filter((e) => e.platform === actor.platform && e.id === actor.id);
  if (mine.length === 0) return { ok: false, reason: "notApprover" };
  return mine.some((e) => scopeCovers(e.scope, resourceId)) ? { ok: true } : { ok: false, reason: "outOfScope" };
}

/** Whether any listed scope (two-person rule, dry run) covers the resource. */
export function anyScopeCovers(scopes: readonly string[], resourceId: string): boolean {
  return scopes.some((s) => scopeCovers(s === "*" ? null : resourceKey(s), resourceId));
}
