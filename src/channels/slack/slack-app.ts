import { App, HTTPReceiver, LogLevel, type Logger } from "@slack/bolt";
import type { WebClient } from "@slack/web-api";
import type { ServerResponse } from "node:http";
import type { Config } from "../../config/load-config.ts";
import type { Engine } from "../../conversation/engine.ts";
import type { ConversationRecord } from "../../domain/conversation.ts";
import { MAX_BODY_BYTES, sendJson, type HttpRequest, type Route } from "../http/http-server.ts";
import { approvalModals, blocksOf, type SlackCommand } from "./slack-approvals.ts";

/** How long what users.info said of a user (locale, display name) is used before it is read again. */
const PERSON_TTL_MS = 60 * 60_000;
/** How long an answer waits for Slack to say who is asking (their language, their name) before going without. */
const PERSON_WAIT_MS = 2_000;

/** Slack's documented replay window, applied in both directions. */
const SLACK_WINDOW_SECONDS = 5 * 60;

export interface SlackChannel {
  readonly app: App;
  readonly route: Route;
  /** Socket Mode connects out to Slack instead of serving /slack/events. */
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** Bolt's logger, quiet unless something is wrong; errors go where the server's go. */
function logger(onError: (err: unknown) => void): Logger {
  let level = LogLevel.WARN;
  return {
    debug: () => {}, info: () => {}, warn: (...m: unknown[]) => onError(new Error(m.map(String).join(" "))), error: (...m: unknown[]) => onError(new Error(m.map(String).join(" "))),
    setLevel: (l: LogLevel) => { level = l; }, getLevel: () => level, setName: () => {},
  };
}

/**
 * Slack transport: Bolt verifies signatures (and the 5-minute window), acks within 3 s, and the work is
 * done after the ack. Slash command `/tls`, mentions, direct messages, Block Kit buttons and the approval
 * modal all become one engine Command; answers are Block Kit. Nothing else is decided here.
 */
export interface SlackChannelOptions {
  /** Records where a conversation is, so it can be posted to later (the use case owns the storage). */
  readonly remember: (c: Omit<ConversationRecord, "langs" | "scopes">) => Promise<void>;
  readonly now: () => Date;
  readonly onError: (err: unknown) => void;
}

export async function createSlackChannel(slack: Config["slack"], engine: Engine, { remember, now, onError }: SlackChannelOptions): Promise<SlackChannel> {
  const socketMode = Boolean(slack.appToken);
  const receiver = socketMode ? undefined : new HTTPReceiver({
    signingSecret: slack.signingSecret ?? "",
    endpoints: "/slack/events",
    processBeforeResponse: false,
    logger: logger(onError),
    // Slack retries a request it thinks timed out; we acked already, so a retry is answered and dropped.
    unhandledRequestTimeoutMillis: 2500,
    // Slack payloads are small; the same limit as every other route.
    bodyLimit: MAX_BODY_BYTES,
  });
  const app = new App({
    token: slack.botToken ?? "",
    ...(socketMode ? { socketMode: true, appToken: slack.appToken as string, signingSecret: slack.signingSecret ?? "" } : { receiver: receiver as HTTPReceiver }),
    ...(slack.apiUrl ? { clientOptions: { slackApiUrl: slack.apiUrl } } : {}),
    logger: logger(onError),
    deferInitialization: true,
  });

  // What Slack says of a user: their locale (the answer's language) and the name people know them by (shown on cards,
  // e.g. who decided a notice; never used to decide anything — the immutable user id is). Read again after an hour,
  // so a new display name or language reaches the next card, and forgotten for people who stopped writing.
  type Person = { readonly locale: string | null; readonly name: string | null; readonly at: number };
  const people = new Map<string, Person>();
  // One look-up per user at a time: a burst of clicks asks Slack once.
  const asking = new Map<string, Promise<Person | null>>();
  async function lookUp(client: WebClient, user: string, at: number): Promise<Person | null> {
    try {
      const info = (await client.users.info({ user, include_locale: true })).user as { locale?: string; name?: string; real_name?: string; profile?: { display_name?: string; real_name?: string } } | undefined;
      const name = info?.profile?.display_name || info?.profile?.real_name || info?.real_name || info?.name || null;
      const person = { locale: info?.locale ?? null, name, at };
      people.delete(user);
      people.set(user, person);
      // Oldest first (a Map keeps insertion order): drop those not seen within the hour.
      for (const [id, p] of people) {
        if (at - p.at < PERSON_TTL_MS) break;
        people.delete(id);
      }
      return person;
    } catch {
      return null;
    } finally {
      asking.delete(user);
    }
  }
  async function personOf(client: WebClient, user: string): Promise<Pick<Person, "locale" | "name">> {
    const at = now().getTime();
    const known = people.get(user);
    if (known && at - known.at < PERSON_TTL_MS) return known;
    let pending = asking.get(user);
    if (!pending) {
      pending = lookUp(client, user, at);
      asking.set(user, pending);
    }
    // Slack's client retries a rate-limited or failing call for up to half an hour: the answer does not wait for it.
    // The look-up goes on, and its result serves the next message; this one is answered without a name, in the
    // language of its words (or what was known before).
    let timer: NodeJS.Timeout | undefined;
    const waited = new Promise<null>((resolve) => { timer = setTimeout(() => resolve(null), PERSON_WAIT_MS); });
    const person = await Promise.race([pending, waited]).finally(() => clearTimeout(timer));
    // What was known still beats nothing while Slack does not answer.
    return person ?? known ?? { locale: null, name: null };
  }

  const command: SlackCommand = async (client, { user, channel, team }, extra) => {
    // Remembered so that the channel can be subscribed to posts ("subscribe prod-jp") and an approval's
    // message updated later (the Deliverer finds the channel through it).
    await remember({ key: `slack:${channel}`, platform: "slack", reference: { channel, team: team ?? null }, kind: channel.startsWith("D") ? "im" : "channel", tenant: team ?? null, updatedAt: now().toISOString() });
    // The user id is Slack's immutable one; approvers are listed as `slack:<user id>`.
    const person = await personOf(client, user);
    return engine.handle({ actor: { platform: "slack", id: user, ...(person.name ? { name: person.name } : {}) }, conversationId: `slack:${channel}`, locale: person.locale, ...extra });
  };
  const modals = approvalModals(app, command, onError);

  // Requests from another workspace than the configured one are dropped before any handler sees them.
  app.use(async ({ body, next }) => {
    const b = body as { team_id?: string; team?: { id?: string } };
    const team = b.team_id ?? b.team?.id;
    if (slack.teamId && team && team !== slack.teamId) {
      onError(new Error(`ignored a Slack request from workspace ${team} (configured: ${slack.teamId})`));
      return;
    }
    await next();
  });

  app.command("/tls", async ({ command: cmd, ack, respond, client }) => {
    await ack();
    const reply = await command(client, { user: cmd.user_id, channel: cmd.channel_id, team: cmd.team_id }, { text: cmd.text });
    // "/tls upgrade X" comes with a trigger: the dialog opens as a modal, with no message behind it.
    if (reply.view.type === "approvalDialog" && cmd.trigger_id && (await modals.open(client, cmd.trigger_id, reply, { channel: cmd.channel_id, messageTs: null }))) return;
    await respond({ response_type: "ephemeral", ...blocksOf(reply) });
  });

  app.event("app_mention", async ({ event, body, say, client }) => {
    if (!event.user) return;
    const reply = await command(client, { user: event.user, channel: event.channel, team: (body as { team_id?: string }).team_id }, { text: event.text });
    await say({ thread_ts: event.thread_ts ?? event.ts, ...blocksOf(reply) });
  });

  app.message(async ({ message, body, say, client }) => {
    // Direct messages only; channel messages reach the bot as mentions. Edits, joins and bots are not questions.
    const m = message as { channel_type?: string; subtype?: string; user?: string; text?: string; channel: string; bot_id?: string };
    if (m.channel_type !== "im" || m.subtype || m.bot_id || !m.user) return;
    const reply = await command(client, { user: m.user, channel: m.channel, team: (body as { team_id?: string }).team_id }, { text: m.text ?? "" });
    await say(blocksOf(reply));
  });

  // Only the verbs of buttons tlsbot renders; a confirmation comes from the modal, never from a button.
  app.action(/^(page|resource|approveUpgrade|help|tickChecklist|reviewNotice|acceptNotice|dismissNotice):\d+$/, async ({ ack, action, body, respond, client }) => {
    await ack();
    const a = action as { action_id: string; value?: string };
    let data: Record<string, unknown>;
    try {
      const parsed = JSON.parse(a.value ?? "{}") as unknown;
      data = parsed && typeof parsed === "object" && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
    } catch {
      data = {};
    }
    // The verb is the one the action id was matched on: a value edited to say "confirmUpgrade" stays what the button was.
    const verb = a.action_id.slice(0, a.action_id.indexOf(":"));
    const { verb: _claimed, ...fields } = data;
    const b = body as { channel?: { id?: string }; team?: { id?: string } | null; message?: { ts?: string }; container?: { message_ts?: string; is_ephemeral?: boolean }; trigger_id?: string };
    const channel = b.channel?.id ?? "dm";
    // The message the button was on, where an approval's result and later state go; an ephemeral one cannot be updated.
    const messageTs = b.container?.is_ephemeral ? null : (b.message?.ts ?? b.container?.message_ts ?? null);
    // "Review and confirm…" carries the request's id: the engine shows that request's dialog again.
    const reply = await command(client, { user: body.user.id, channel, team: b.team?.id }, { action: { verb, data: fields }, replyTarget: messageTs });
    if (reply.view.type === "approvalDialog" && b.trigger_id && (await modals.open(client, b.trigger_id, reply, { channel, messageTs }))) return;
    // Paging replaces the list in place; a detail (or a refusal) is a new message below it.
    await respond({ replace_original: verb === "page", response_type: "ephemeral", ...blocksOf(reply) });
  });

  app.error(async (err) => onError(err));
  await app.init();

  return {
    app,
    route: {
      method: "POST",
      pattern: /^\/slack\/events$/,
      rawBody: true,
      handler: (req: HttpRequest, res: ServerResponse) => {
        if (!receiver) {
          res.writeHead(404).end();
          return;
        }
        // Bolt refuses old timestamps only; a request signed for the future could be replayed later.
        // Signatures are made with the real clock, so the real clock checks them (not a fixed demo clock).
        const ts = Number(req.headers["x-slack-request-timestamp"]);
        if (!Number.isInteger(ts) || Math.abs(Date.now() / 1000 - ts) > SLACK_WINDOW_SECONDS) {
          req.raw.resume();
          sendJson(res, 401, { error: "the request timestamp is missing or more than 5 minutes from now" });
          return;
        }
        // Slack retries what it thinks was not acked in time; the first delivery is being handled already.
        if (req.headers["x-slack-retry-num"]) {
          res.writeHead(200, { "x-slack-no-retry": "1" }).end();
          return;
        }
        receiver.requestListener(req.raw, res);
      },
    },
    start: async () => {
      if (socketMode) await app.start();
    },
    stop: async () => {
      if (socketMode) await app.stop();
    },
  };
}
