import type { FindingStatus } from "../domain/resource.ts";
import { compareTls, UPGRADE_TARGET, type TlsVersion } from "../domain/tls-version.ts";
import { findVersions, type VersionMention } from "./find-version.ts";
import type { Comparison, ResourceFilter } from "./intent.ts";
import type { Hit } from "./lexicon.ts";

interface Spans { start: number; end: number }

/** The comparison nearest the version: "below 1.2" (before it), 「1.2未満」 / "1.2 or higher" (after it). */
function comparisonFor(hits: readonly Hit[], v: Spans, text: string): Comparison | null {
  let best: { op: Comparison; distance: number } | null = null;
  for (const h of hits) {
    if (!h.concept.startsWith("op.")) continue;
    const gap = h.end <= v.start ? v.start - h.end : h.start >= v.end ? h.start - v.end : 0;
    // Between the op and the version only a few words may stand ("below TLS 1.2", "1.2 より古い").
    const between = text.slice(Math.min(h.end, v.end), Math.max(h.start, v.start));
    if (gap > 14 || /\b(and|or|but)\b|、/.test(between)) continue;
    // "with TLS 1.2 or higher": a specific comparison beats a plain "with/on" at the same distance.
    const op = h.concept.slice(3) as Comparison;
    const distance = gap + (op === "eq" ? 3 : 0);
    if (!best || distance < best.distance) best = { op, distance };
  }
  return best?.op ?? null;
}

/**
 * Where a resource is now, in a command: "from 1.0", 「1.0 から」, and a bare "1.0 to 1.2" / "1.0 → 1.2" (arrows read as
 * "to"). Never where it goes: "upgrade cache-x from 1.0" asked for 1.0 as the target, and was refused. ("the hubs still
 * on 1.0 to 1.2" says where they are with a comparison of its own, and lists what is below the target, as before.)
 */
function isFrom(text: string, hits: readonly Hit[], v: VersionMention, next: VersionMention | undefined): boolean {
  if (/\bfrom\s*$/.test(text.slice(0, v.start)) || /^\s*から/.test(text.slice(v.end))) return true;
  return next !== undefined && /^\s*to\s*$/.test(text.slice(v.end, next.start)) && comparisonFor(hits, v, text) === null;
}

/**
 * Whether a version is where to go: "to 1.2", 「1.2 に」, or with no comparison of its own one at or above the upgrade
 * target ("upgrade all caches 1.2"); a lower one with nothing before it is where a resource is now ("fix the 1.0
 * caches", 「1.0 のキャッシュを直して」: read as a target, "below 1.0" listed nothing).
 */
function isGoal(text: string, hits: readonly Hit[], v: VersionMention): boolean {
  if (/\b(?:to|into)\s*$/.test(text.slice(0, v.start)) || /^\s*(?:に|へ|まで)/.test(text.slice(v.end))) return true;
  return (comparisonFor(hits, v, text) ?? "eq") === "eq" && compareTls(v.version, UPGRADE_TARGET) >= 0;
}

/**
 * A version naming the move to it, not a setting: 「TLS 1.2 対応」, 「1.2 への移行」, "the 1.2 migration". Read as "on 1.2",
 * 「1.2 対応が必要なキャッシュ」 listed what is on 1.2 and needs action (none), and 「TLS 1.2 対応状況」 the resources on 1.2.
 */
const MOVE_NOUN = /^\s*(?:(?:へ|に)の?\s*)?(?:対応|移行|準拠|化|migration|rollout|upgrade|readiness|compliance)/;

export interface VersionRoles {
  readonly all: readonly VersionMention[];
  /** Where a command starts from ("from 1.0", 「1.0 から」). */
  readonly from: readonly VersionMention[];
  /** Where a command goes ("to 1.2", 「1.2 に」, 1.2 alone): read only when the text commands. */
  readonly goals: readonly VersionMention[];
  /** The move to a version (「1.2 対応」, "1.2 migration"). */
  readonly moves: readonly VersionMention[];
}

/** What each version a message names stands for. */
export function versionRoles(text: string, hits: readonly Hit[]): VersionRoles {
  const all = findVersions(text);
  const from = all.filter((v, i) => isFrom(text, hits, v, all[i + 1]));
  const rest = all.filter((v) => !from.includes(v));
  return { all, from, goals: rest.filter((v) => isGoal(text, hits, v)), moves: rest.filter((v) => MOVE_NOUN.test(text.slice(v.end))) };
}

const highest = (vs: readonly VersionMention[]): TlsVersion | null => vs.map((v) => v.version).sort(compareTls).at(-1) ?? null;

/** Where a command goes: the highest version it goes to, or null when it names none (the upgrade target is meant). */
export const targetOf = (roles: VersionRoles): TlsVersion | null => highest(roles.goals);

/**
 * What a message's versions ask to list. `commanded`: the text commands a change, so a version it starts from is what
 * to act on and a version it goes to says that what is below it is ("upgrade all caches to 1.2" lists what is still
 * below 1.2, not the caches already there). `statuses`: what the message asks about, which decides a move's reading.
 * `asksProgress`: a status or overview word ("status of the TLS 1.2 migration", 「TLS 1.2 対応状況」), which the
 * overview answers: a move is then no filter.
 */
export function tlsFilter(text: string, hits: readonly Hit[], roles: VersionRoles, commanded: boolean, statuses: readonly FindingStatus[], asksProgress: boolean): ResourceFilter["tls"] | undefined {
  const versions = roles.all;
  if (versions.length === 0) return undefined;
  if (commanded && roles.from.length > 0) {
    // "upgrade all caches from 1.0 to 1.2": the caches on 1.0, whatever the target (which `targetOf` reads).
    const from = roles.from[0]!;
    return { op: comparisonFor(hits, from, text) ?? "eq", version: from.version };
  }
  const goal = commanded ? highest(roles.goals) : null;
  if (goal) return { op: "lt", version: goal };
  if (roles.moves.length === versions.length) {
    const move = highest(roles.moves)!;
    if (statuses.includes("compliant")) return { op: "gte", version: move };
    if (statuses.some((s) => s === "at-risk" || s === "overdue")) return { op: "lt", version: move };
    if (asksProgress) return undefined;
  }
  const first = versions[0]!;
  const op = comparisonFor(hits, first, text) ?? "eq";
  if (versions.length > 1 && (op === "eq" || op === "lte")) {
    // "still on 1.0 or 1.1" / 「1.0か1.1」: anything up to the highest named.
    return { op: "lte", version: highest(versions)! };
  }
  // "not on 1.2" / 「1.2になっていない」 asks for what still needs raising, not for 1.3.
  if (op === "ne" && first.version === "1.2") return { op: "lt", version: "1.2" };
  return { op, version: first.version };
}
