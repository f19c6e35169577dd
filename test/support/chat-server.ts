import { createApprovals, type Approvals } from "../../src/approvals/approvals.ts";
import { parseApprovers } from "../../src/approvals/approvers.ts";
import type { ArmClients } from "../../src/azure/arm-clients.ts";
import { RESOURCE_KINDS } from "../../src/azure/kinds/load-kinds.ts";
import { startHttpServer, sendJson, type RunningHttpServer } from "../../src/channels/http/http-server.ts";
import { TeamsBot } from "../../src/channels/teams/teams-bot.ts";
import { teamsDeliverer } from "../../src/channels/teams/teams-deliverer.ts";
import { createTeamsAdapter, teamsRoute } from "../../src/channels/teams/teams-route.ts";
import { webChatRoutes } from "../../src/channels/web/web-chat-routes.ts";
import { createEngine, type Engine } from "../../src/conversation/engine.ts";
import { createNoticeReview } from "../../src/notices/review/notice-review.ts";
import { approvalCardUpdater } from "../../src/posts/approval-updates.ts";
import { conversationMemory } from "../../src/posts/conversation-memory.ts";
import { createPoster, type Poster } from "../../src/posts/poster.ts";
import { createSqlApprovalStore } from "../../src/store/sql-approval-store.ts";
import type { SqlExecutor } from "../../src/store/sql-executor.ts";
import type { Store } from "../../src/store/store.ts";

export interface ChatServer extends RunningHttpServer {
  readonly engine: Engine;
  /** Present when started with `approvals`: `idle()` waits for upgrades running in the background. */
  readonly approvals: Approvals | null;
  readonly errors: unknown[];
  /** Posts to the web chat as `serve` does in local mode (the watchers take it: `postNewNotices(store, poster, now)`). */
  readonly poster: Poster;
}

export interface ChatServerOptions {
  /** Turns the approval workflow on, as `serve` does: these TLSBOT_APPROVERS entries, cards updated in place. */
  readonly approvals?: { readonly approvers: readonly string[] };
  /** Turns review of held notices on, as `serve` does: these `platform:id` keys may decide. */
  readonly noticeReviewers?: readonly string[];
}

/** The same routes `tlsbot serve` mounts in local mode, on a free loopback port. */
export async function startChatServer(store: Store, now: () => Date, clients?: ArmClients, options: ChatServerOptions = {}): Promise<ChatServer> {
  const errors: unknown[] = [];
  const onError = (e: unknown) => errors.push(e);
  const adapter = createTeamsAdapter({ appId: undefined, appPassword: undefined, appType: "MultiTenant", appTenantId: undefined }, onError);
  let engine: Engine | null = null;
  const approvals = options.approvals ? approvalsFor(store, now, clients, options.approvals.approvers, adapter, onError, () => engine?.invalidate()) : null;
  const noticeReview = options.noticeReviewers ? createNoticeReview({ store, now, reviewers: new Set(options.noticeReviewers), parseOptions: {} }) : null;
  engine = createEngine({ store, now, ...(approvals ? { approvals } : {}), ...(noticeReview ? { noticeReview } : {}) });
  const bot = new TeamsBot(engine, { remember: conversationMemory(store), now, onError, localOperator: true, allowedTenants: null });
  const server = await startHttpServer([
    { method: "GET", pattern: /^\/healthz$/, handler: (_req, res) => sendJson(res, 200, { ok: true }) },
    teamsRoute(adapter, bot, { local: true, onError }),
    ...webChatRoutes(),
  ], { host: "127.0.0.1", port: 0, onError });
  const poster = createPoster({ store, now, deliverers: [teamsDeliverer(adapter, undefined, { platform: "web", local: true })], onError });
  return { ...server, engine, approvals, errors, poster };
}

function approvalsFor(store: Store, now: () => Date, clients: ArmClients | undefined, approvers: readonly string[], adapter: ReturnType<typeof createTeamsAdapter>, onError: (e: unknown) => void, invalidate: () => void): Approvals {
  if (!clients) throw new Error("approvals need Azure clients (the simulator's)");
  const { entries, problems } = parseApprovers(approvers);
  if (problems.length) throw new Error(`bad approvers: ${problems.join("; ")}`);
  return createApprovals({
    approvals: createSqlApprovalStore((store as unknown as { exec: SqlExecutor }).exec), store, clients: () => clients, kinds: RESOURCE_KINDS,
    policy: { approvers: entries, twoPersonScopes: [], dryRunScopes: [], ttlMs: 24 * 3600_000 }, now,
    // The web chat's cards are updated through the same adapter, as in `serve` local mode.
    onChange: approvalCardUpdater({ store, deliverers: [teamsDeliverer(adapter, undefined, { platform: "web", local: true })], onError }),
    onRecorded: invalidate, onError,
  });
}
