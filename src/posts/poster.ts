import { renderBroadcast } from "../render/broadcast.ts";
import type { View } from "../render/view-model.ts";
import type { ConversationRecord, Store } from "../store/store.ts";
import { ConversationGoneError, RetryAfterError, type Deliverer } from "./deliverer.ts";
import { telemetry } from "../observability/telemetry.ts";

export interface PosterOptions {
  readonly store: Store;
  readonly now: () => Date;
  readonly deliverers: readonly Deliverer[];
  readonly onError: (err: unknown) => void;
  readonly sleep?: (ms: number) => Promise<void>;
  /** How often one post is retried after a 429 before it is left failed (and retried by the next round). */
  readonly maxRetries?: number;
  /** How long a post left "sending" by a replica that died stays its own before another one sends it (real time). */
  readonly postLeaseMs?: number;
}

export interface PostOutcome {
  readonly sent: number;
  readonly skipped: number;
  readonly failed: number;
  /**
   * Claimed by another replica and not finished yet: left to it, or — when it died — to whoever takes
   * over its round (a round run with `takeover` claims them at once).
   */
  readonly inFlight: number;
}

/** `reminder:redis-tls…` → `reminder`: a bounded label for metrics. */
const postKindOf = (postKey: string) => postKey.split(":", 1)[0] || "other";
/** 0.25 + 0.5 + 1 + 2 + 4 s: longer than a PostgreSQL restart or a managed server's failover usually takes. */
const RECORD_RETRIES = 5;

const defaultSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * Posts one thing (a scan's differences, a notice, a reminder) to every conversation subscribed to it,
 * each in its own language setting. A post is claimed in the store before it is sent, so the same thing
 * never reaches a conversation twice — not after a restart, not from a second replica. Posts to one
 * conversation are spaced by the platform's rate and wait out `Retry-After`.
 */
export function createPoster(opts: PosterOptions) {
  const sleep = opts.sleep ?? defaultSleep;
  const lastSent = new Map<string, number>();
  const byPlatform = new Map(opts.deliverers.map((d) => [d.platform, d]));
  // Conversations found gone in this process: skipped even by a post whose conversation list was read before.
  const gone = new Set<string>();

  /** Sends (or, with `ref`, replaces) one post, spaced by the platform's rate and waiting out `Retry-After`. */
  async function deliver(d: Deliverer, conversation: ConversationRecord, post: ReturnType<typeof renderBroadcast>, ref?: string): Promise<string | null> {
    for (let attempt = 0; ; attempt++) {
      const wait = (lastSent.get(conversation.key) ?? 0) + d.minIntervalMs - Date.now();
      if (wait > 0) await sleep(wait);
      try {
        const activityId = ref === undefined ? (await d.send(conversation, post)).activityId : (await d.update(conversation, ref, post), ref);
        lastSent.set(conversation.key, Date.now());
        return activityId;
      } catch (err) {
        if (!(err instanceof RetryAfterError) || attempt >= (opts.maxRetries ?? 3)) throw err;
        await sleep(err.retryAfterMs);
      }
    }
  }

  /**
   * Records a post's outcome, retried while the database is briefly away (a PostgreSQL restart or
   * failover takes seconds): a post left "sending" is sent again once its lease is over, so its outcome
   * is worth waiting for.
   */
  async function record(conversationKey: string, postKey: string, result: { activityId?: string | null; error?: string }, how: { orThrow?: boolean } = {}): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      try {
        await opts.store.completePost(conversationKey, postKey, result, opts.now().toISOString());
        return;
      } catch (err) {
        if (attempt >= RECORD_RETRIES) {
          // A delivered post that cannot be recorded fails the round, so its slot is run again (and the
          // post, still "sending", is found there) rather than counted as sent.
          if (how.orThrow) throw err;
          opts.onError(err);
          return;
        }
        await sleep(250 * 2 ** attempt);
      }
    }
  }

  /**
   * A conversation the bot was removed from stops being posted to at once: one attempt, no retries, no
   * more posts in this round or later ones. Audited like a user's "unsubscribe"; subscribing again
   * (after the bot is added back) restores it.
   */
  async function unsubscribeGone(conversation: ConversationRecord, postKey: string, err: ConversationGoneError): Promise<void> {
    const at = opts.now().toISOString();
    await opts.store.updateConversationSettings(conversation.key, { scopes: [] }, at);
    await opts.store.appendAudit({ at, actor: "tlsbot", action: "channel.removed", target: conversation.key, detail: { platform: conversation.platform, reason: err.reason, post: postKey, scopes: [...conversation.scopes] } });
    gone.add(conversation.key);
  }

  /**
   * `build` returns the view for one conversation, or null when nothing in it concerns that conversation.
   * `coversUntil`: the end of the window the post reports on, recorded with each claim (see `Store.sentCoverage`).
   */
  async function post(postKey: string, build: (conversation: ConversationRecord) => View | null, postOpts: { readonly takeover?: boolean; readonly coversUntil?: string } = {}): Promise<PostOutcome> {
    let sent = 0;
    let skipped = 0;
    let failed = 0;
    let inFlight = 0;
    for (const conversation of await opts.store.listSubscribedConversations()) {
      const d = gone.has(conversation.key) ? undefined : byPlatform.get(conversation.platform);
      const view = d ? build(conversation) : null;
      if (!d || !view) {
        skipped++;
        continue;
      }
      const claim = { leaseMs: postOpts.takeover ? 0 : opts.postLeaseMs ?? 10 * 60_000, ...(postOpts.coversUntil ? { coversUntil: postOpts.coversUntil } : {}) };
      if (!(await opts.store.claimPost(conversation.key, postKey, opts.now().toISOString(), claim))) {
        if ((await opts.store.postStatus(conversation.key, postKey)) === "sending") inFlight++;
        else skipped++;
        continue;
      }
      let activityId: string | null;
      try {
        activityId = await deliver(d, conversation, renderBroadcast(view, conversation.langs));
      } catch (err) {
        failed++;
        telemetry().post(postKindOf(postKey), "failed");
        await record(conversation.key, postKey, { error: (err as Error).message.slice(0, 500) });
        if (err instanceof ConversationGoneError) await unsubscribeGone(conversation, postKey, err);
        else opts.onError(err);
        continue;
      }
      // Delivered: it must be recorded as sent, never as failed (a failed post is sent again). A store that
      // is briefly unreachable is waited out; one that stays away leaves the post "sending" and the round fails.
      await record(conversation.key, postKey, { activityId }, { orThrow: true });
      sent++;
      telemetry().post(postKindOf(postKey), "sent");
    }
    return { sent, skipped, failed, inFlight };
  }

  /**
   * Replaces messages in place where they were delivered (`targets`: a held notice's cards once someone has decided
   * it) — claimed under `postKey` like a post, so each message is replaced once. Conversations that no longer follow
   * anything are replaced too: the message is still in front of them. `build` as for `post`.
   */
  async function replace(postKey: string, targets: ReadonlyArray<{ readonly conversationKey: string; readonly activityId: string }>, build: (conversation: ConversationRecord) => View | null): Promise<PostOutcome> {
    let sent = 0;
    let skipped = 0;
    let failed = 0;
    let inFlight = 0;
    for (const { conversationKey, activityId: ref } of targets) {
      const conversation = gone.has(conversationKey) ? null : await opts.store.getConversation(conversationKey);
      const d = conversation ? byPlatform.get(conversation.platform) : undefined;
      const view = conversation && d ? build(conversation) : null;
      if (!conversation || !d || !view) {
        skipped++;
        continue;
      }
      if (!(await opts.store.claimPost(conversationKey, postKey, opts.now().toISOString(), { leaseMs: opts.postLeaseMs ?? 10 * 60_000 }))) {
        if ((await opts.store.postStatus(conversationKey, postKey)) === "sending") inFlight++;
        else skipped++;
        continue;
      }
      try {
        await deliver(d, conversation, renderBroadcast(view, conversation.langs), ref);
      } catch (err) {
        failed++;
        telemetry().post(postKindOf(postKey), "failed");
        await record(conversationKey, postKey, { error: (err as Error).message.slice(0, 500) });
        if (err instanceof ConversationGoneError) await unsubscribeGone(conversation, postKey, err);
        else opts.onError(err);
        continue;
      }
      await record(conversationKey, postKey, { activityId: ref }, { orThrow: true });
      sent++;
      telemetry().post(postKindOf(postKey), "sent");
    }
    return { sent, skipped, failed, inFlight };
  }

  return { post, replace };
}

export type Poster = ReturnType<typeof createPoster>;

/** Whether a resource falls in a conversation's scopes: `*`, a subscription id, or a resource group name. */
export function inScopes(scopes: readonly string[], resource: { subscriptionId: string; resourceGroup: string }): boolean {
  return scopes.some((s) => s === "*" || s.toLowerCase() === resource.subscriptionId.toLowerCase() || s.toLowerCase() === resource.resourceGroup.toLowerCase());
}
