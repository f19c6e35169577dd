import type { Config } from "../../config/load-config.ts";

/**
 * The Microsoft Entra tenants whose Teams users may use the bot: the app registration's own and
 * TLSBOT_TEAMS_TENANTS. A MultiTenant registration is reachable from every tenant (anyone can install
 * the bot by its app id, and Bot Framework's token is genuine for all of them), so this list, not the
 * token, is what keeps the inventory within the organisation. Lower-cased: Teams spells GUIDs either way.
 */
export function allowedTeamsTenants(teams: Pick<Config["teams"], "appTenantId" | "tenants">): readonly string[] {
  return [...new Set([teams.appTenantId, ...teams.tenants].filter((t): t is string => Boolean(t?.trim())).map((t) => t.trim().toLowerCase()))];
}

/**
 * Whether an activity (or a stored conversation) belongs to an allowed tenant: it names at least one
 * tenant, and every tenant it names is allowed — Teams sends the id twice (`conversation.tenantId`,
 * `channelData.tenant.id`), and an activity whose two ids disagree is not trusted on either.
 */
export function isAllowedTenant(allowed: readonly string[], named: ReadonlyArray<string | null | undefined>): boolean {
  const ids = named.filter((t): t is string => typeof t === "string" && t.length > 0).map((t) => t.toLowerCase());
  return ids.length > 0 && ids.every((t) => allowed.includes(t));
}
